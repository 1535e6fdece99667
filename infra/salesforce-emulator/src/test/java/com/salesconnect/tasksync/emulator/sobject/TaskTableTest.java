package com.salesconnect.tasksync.emulator.sobject;

import com.salesconnect.tasksync.emulator.MutableClock;
import com.salesconnect.tasksync.emulator.ids.IdGenerator;
import com.salesconnect.tasksync.emulator.ids.SalesforceIds;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TaskTableTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00.123Z");
    private static final String OWNER = SalesforceIds.toCaseSafe("0055g00000Owner");
    private static final String OTHER = SalesforceIds.toCaseSafe("0055g00000Other");
    private static final String INACTIVE = SalesforceIds.toCaseSafe("0055g0000Asleep");

    private final MutableClock clock = MutableClock.fixed(T0);
    private final List<String> heard = new ArrayList<>();
    private TaskTable table = table(true);

    private TaskTable table(boolean auditFields) {
        UserLookup users = id -> id.equals(OWNER) || id.equals(OTHER) ? UserLookup.State.ACTIVE
                : id.equals(INACTIVE) ? UserLookup.State.INACTIVE : UserLookup.State.UNKNOWN;
        return new TaskTable(TaskSchema.task(TaskSchema.STANDARD_STATUSES), clock, new IdGenerator(), users,
                auditFields, Duration.ofDays(15), (records, origin) -> records.forEach(r -> heard.add(origin + ":" + r.id())));
    }

    private WriteOutcome create(Map<String, Object> fields) {
        return table.create(List.of(fields), OWNER, false, WriteOrigin.API).get(0);
    }

    private SObjectRecord created(Map<String, Object> fields) {
        WriteOutcome outcome = create(fields);
        assertThat(outcome).isInstanceOf(WriteOutcome.Saved.class);
        return table.find(outcome.id()).orElseThrow();
    }

    private static List<String> codes(WriteOutcome outcome) {
        return ((WriteOutcome.Failed) outcome).errors().stream().map(SaveError::statusCode).toList();
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void create_defaultsStatusPriorityOwnerAndMaintainsSystemFields() {
        SObjectRecord t = created(fields("Subject", "Call Ada"));
        assertThat(t.id()).startsWith("00T").hasSize(18);
        assertThat(t.string("Status")).isEqualTo("Not Started");
        assertThat(t.string("Priority")).isEqualTo("Normal");
        assertThat(t.string("OwnerId")).isEqualTo(OWNER);
        assertThat(t.bool("IsClosed")).isFalse();
        assertThat(t.bool("IsReminderSet")).isFalse();
        assertThat(t.bool("IsDeleted")).isFalse();
        Instant second = Instant.parse("2026-11-24T10:00:00Z");
        assertThat(t.instant("CreatedDate")).isEqualTo(second);
        assertThat(t.instant("LastModifiedDate")).isEqualTo(second);
        assertThat(t.instant("SystemModstamp")).isEqualTo(second);
        assertThat(t.string("CreatedById")).isEqualTo(OWNER);
        assertThat(heard).containsExactly("API:" + t.id());
    }

    @Test
    void create_derivesIsClosedAndCompletedDateTimeFromAClosedStatus() {
        SObjectRecord t = created(fields("Subject", "Done", "Status", "Completed", "Priority", "High"));
        assertThat(t.bool("IsClosed")).isTrue();
        assertThat(t.bool("IsHighPriority")).isTrue();
        assertThat(t.instant("CompletedDateTime")).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    }

    @Test
    void create_rejectsAnOverlongSubjectWithStringTooLong() {
        WriteOutcome outcome = create(fields("Subject", "x".repeat(256)));
        assertThat(codes(outcome)).containsExactly("STRING_TOO_LONG");
        assertThat(((WriteOutcome.Failed) outcome).errors().get(0).fields()).containsExactly("Subject");
        assertThat(outcome.id()).isNull();
        assertThat(table.rows(true)).isEmpty();
    }

    @Test
    void create_acceptsSubjectOf255AndDescriptionOf32000Characters() {
        assertThat(create(fields("Subject", "x".repeat(255), "Description", "y".repeat(32000))))
                .isInstanceOf(WriteOutcome.Saved.class);
        assertThat(codes(create(fields("Description", "y".repeat(32001))))).containsExactly("STRING_TOO_LONG");
    }

    @Test
    void create_rejectsValuesOutsideTheRestrictedPicklists() {
        assertThat(codes(create(fields("Status", "Done")))).containsExactly("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(codes(create(fields("Priority", "Urgent")))).containsExactly("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(codes(create(fields("Status", "completed")))).containsExactly("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(codes(create(fields("TaskSubtype", "Fax")))).containsExactly("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
    }

    @Test
    void create_checksReferenceIds() {
        assertThat(codes(create(fields("WhoId", "not-an-id")))).containsExactly("MALFORMED_ID");
        assertThat(codes(create(fields("WhoId", SalesforceIds.toCaseSafe("001000000000001")))))
                .containsExactly("FIELD_INTEGRITY_EXCEPTION");
        assertThat(codes(create(fields("WhatId", SalesforceIds.toCaseSafe("003000000000001")))))
                .containsExactly("FIELD_INTEGRITY_EXCEPTION");
        assertThat(codes(create(fields("OwnerId", SalesforceIds.toCaseSafe("005000000000001")))))
                .containsExactly("INVALID_CROSS_REFERENCE_KEY");
        assertThat(codes(create(fields("OwnerId", INACTIVE)))).containsExactly("INACTIVE_OWNER_OR_USER");
        SObjectRecord t = created(fields("WhoId", "00Q000000000001", "WhatId", "001000000000001", "OwnerId", OTHER));
        assertThat(t.string("WhoId")).isEqualTo("00Q000000000001EAA");
        assertThat(t.string("AccountId")).isEqualTo("001000000000001AAA");
    }

    @Test
    void create_readOnlyFieldsAreInvalidFieldForInsertUpdate() {
        WriteOutcome outcome = create(fields("IsClosed", true, "SystemModstamp", T0));
        assertThat(codes(outcome)).containsExactly("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(((WriteOutcome.Failed) outcome).errors().get(0).fields())
                .containsExactlyInAnyOrder("IsClosed", "SystemModstamp");
        assertThat(codes(create(fields("Id", "00T000000000001")))).contains("INVALID_FIELD");
    }

    @Test
    void create_setsAuditFieldsWhenTheOrgAllowsIt() {
        Instant past = Instant.parse("2026-11-23T04:00:00Z");
        SObjectRecord t = created(fields("Subject", "old", "CreatedDate", past, "LastModifiedDate", past));
        assertThat(t.instant("CreatedDate")).isEqualTo(past);
        assertThat(t.instant("LastModifiedDate")).isEqualTo(past);
        assertThat(t.instant("SystemModstamp")).as("SystemModstamp cannot be set through the API")
                .isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    }

    @Test
    void create_refusesAuditFieldsWhenTheOrgDoesNotAllowIt() {
        table = table(false);
        assertThat(codes(create(fields("CreatedDate", T0)))).containsExactly("INVALID_FIELD_FOR_INSERT_UPDATE");
    }

    @Test
    void seed_mayBackdateSystemModstampAndNotifiesNoOne() {
        Instant past = Instant.parse("2026-11-23T04:00:00Z");
        WriteOutcome outcome = table.create(List.of(fields("Subject", "seeded", "LastModifiedDate", past)), OWNER,
                true, WriteOrigin.SEED).get(0);
        SObjectRecord t = table.find(outcome.id()).orElseThrow();
        assertThat(t.instant("SystemModstamp")).isEqualTo(past);
        assertThat(heard).containsExactly("SEED:" + t.id());
    }

    @Test
    void allOrNone_rollsBackValidRecordsWhenOneFails() {
        List<WriteOutcome> outcomes = table.create(List.of(fields("Subject", "ok"), fields("Status", "bad")),
                OWNER, true, WriteOrigin.API);
        assertThat(codes(outcomes.get(0))).containsExactly("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(codes(outcomes.get(1))).containsExactly("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(table.rows(true)).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void update_changesFieldsClearsNullsAndBumpsModifiedDates() {
        SObjectRecord t = created(fields("Subject", "a", "Description", "notes", "ActivityDate", LocalDate.of(2026, 12, 1)));
        clock.advance(Duration.ofMinutes(5));
        WriteOutcome outcome = table.update(List.of(fields("Id", t.id().substring(0, 15), "Subject", "b",
                "Description", null, "Status", "Completed")), OTHER, false, WriteOrigin.API).get(0);
        assertThat(outcome).isEqualTo(new WriteOutcome.Saved(t.id()));
        SObjectRecord u = table.find(t.id()).orElseThrow();
        assertThat(u.string("Subject")).isEqualTo("b");
        assertThat(u.string("Description")).isNull();
        assertThat(u.date("ActivityDate")).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(u.bool("IsClosed")).isTrue();
        assertThat(u.instant("LastModifiedDate")).isEqualTo(Instant.parse("2026-11-24T10:05:00Z"));
        assertThat(u.instant("SystemModstamp")).isEqualTo(Instant.parse("2026-11-24T10:05:00Z"));
        assertThat(u.string("LastModifiedById")).isEqualTo(OTHER);
        assertThat(u.instant("CreatedDate")).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    }

    @Test
    void update_reopeningClearsCompletedDateTime() {
        SObjectRecord t = created(fields("Status", "Completed"));
        table.update(List.of(fields("Id", t.id(), "Status", "In Progress")), OWNER, false, WriteOrigin.API);
        SObjectRecord u = table.find(t.id()).orElseThrow();
        assertThat(u.bool("IsClosed")).isFalse();
        assertThat(u.instant("CompletedDateTime")).isNull();
    }

    @Test
    void update_taskSubtypeIsNotUpdatable() {
        SObjectRecord t = created(fields("TaskSubtype", "Call"));
        WriteOutcome outcome = table.update(List.of(fields("Id", t.id(), "TaskSubtype", "Email")), OWNER, false,
                WriteOrigin.API).get(0);
        assertThat(codes(outcome)).containsExactly("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(outcome.id()).isEqualTo(t.id());
        assertThat(table.find(t.id()).orElseThrow().string("TaskSubtype")).isEqualTo("Call");
    }

    @Test
    void update_requiredFieldsCannotBeCleared() {
        SObjectRecord t = created(fields("Subject", "a"));
        WriteOutcome outcome = table.update(List.of(fields("Id", t.id(), "Status", null)), OWNER, false,
                WriteOrigin.API).get(0);
        assertThat(codes(outcome)).containsExactly("REQUIRED_FIELD_MISSING");
    }

    @Test
    void update_reportsMissingMalformedDuplicateAndDeletedIds() {
        SObjectRecord t = created(fields("Subject", "a"));
        SObjectRecord gone = created(fields("Subject", "b"));
        table.delete(List.of(gone.id()), OWNER, false);
        List<WriteOutcome> outcomes = table.update(List.of(fields("Subject", "no id"), fields("Id", "bad"),
                fields("Id", t.id(), "Subject", "c"), fields("Id", t.id(), "Subject", "d"),
                fields("Id", gone.id(), "Subject", "e")), OWNER, false, WriteOrigin.API);
        assertThat(codes(outcomes.get(0))).containsExactly("MISSING_ARGUMENT");
        assertThat(codes(outcomes.get(1))).containsExactly("MALFORMED_ID");
        assertThat(outcomes.get(2)).isInstanceOf(WriteOutcome.Saved.class);
        assertThat(codes(outcomes.get(3))).containsExactly("DUPLICATE_VALUE");
        assertThat(codes(outcomes.get(4))).containsExactly("ENTITY_IS_DELETED");
        assertThat(table.find(t.id()).orElseThrow().string("Subject")).isEqualTo("c");
    }

    @Test
    void systemTouch_bumpsOnlySystemModstamp() {
        SObjectRecord t = created(fields("Subject", "a"));
        heard.clear();
        clock.advance(Duration.ofHours(1));
        table.systemTouch(t.id());
        SObjectRecord u = table.find(t.id()).orElseThrow();
        assertThat(u.instant("SystemModstamp")).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
        assertThat(u.instant("LastModifiedDate")).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(heard).containsExactly("SYSTEM:" + t.id());
    }

    @Test
    void delete_keepsTheRowInTheRecycleBinFor15DaysThenPurgesIt() {
        SObjectRecord t = created(fields("Subject", "a"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(table.delete(List.of(t.id()), OWNER, false)).containsExactly(new WriteOutcome.Saved(t.id()));
        SObjectRecord deleted = table.find(t.id()).orElseThrow();
        assertThat(deleted.isDeleted()).isTrue();
        assertThat(deleted.instant("SystemModstamp")).isEqualTo(Instant.parse("2026-11-24T10:01:00Z"));
        assertThat(table.rows(false)).isEmpty();
        assertThat(table.rows(true)).hasSize(1);
        assertThat(codes(table.delete(List.of(t.id()), OWNER, false).get(0))).containsExactly("ENTITY_IS_DELETED");

        clock.advance(Duration.ofDays(15).minusSeconds(1));
        assertThat(table.rows(true)).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(table.rows(true)).isEmpty();
        assertThat(table.find(t.id())).isEmpty();
        assertThat(table.wasPurged(t.id())).isTrue();
    }

    @Test
    void undelete_restoresARowFromTheRecycleBin() {
        SObjectRecord t = created(fields("Subject", "a"));
        table.delete(List.of(t.id()), OWNER, false);
        assertThat(table.undelete(t.id(), OWNER)).isEqualTo(new WriteOutcome.Saved(t.id()));
        assertThat(table.find(t.id()).orElseThrow().isDeleted()).isFalse();
        assertThat(codes(table.undelete(t.id(), OWNER))).containsExactly("UNDELETE_FAILED");
    }

    @Test
    void deleteAllOrNone_keepsEveryRowWhenOneIdIsBad() {
        SObjectRecord t = created(fields("Subject", "a"));
        List<WriteOutcome> outcomes = table.delete(List.of(t.id(), "00T000000000000"), OWNER, true);
        assertThat(codes(outcomes.get(0))).containsExactly("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(codes(outcomes.get(1))).containsExactly("ENTITY_IS_DELETED");
        assertThat(table.rows(false)).hasSize(1);
    }

    @Test
    void updatedAndDeletedWindowsUseSystemModstamp() {
        SObjectRecord a = created(fields("Subject", "a"));
        clock.advance(Duration.ofMinutes(10));
        SObjectRecord b = created(fields("Subject", "b"));
        table.delete(List.of(a.id()), OWNER, false);
        Instant t10 = Instant.parse("2026-11-24T10:10:00Z");
        assertThat(table.updatedIds(Instant.parse("2026-11-24T10:00:00Z"), t10.plusSeconds(60))).containsExactly(b.id());
        assertThat(table.deletedBetween(t10, t10.plusSeconds(60))).extracting(SObjectRecord::id).containsExactly(a.id());
        assertThat(table.deletedBetween(T0.minusSeconds(60), t10)).isEmpty();
    }

    @Test
    void purge_removesADeletedRecordForGood_andMovesTheDeletionLogsEarliestDate() {
        SObjectRecord t = created(fields("Subject", "Call Ada"));
        table.delete(List.of(t.id()), OWNER, false);
        clock.advance(Duration.ofMinutes(3));

        assertThat(table.purge(t.id())).isInstanceOf(WriteOutcome.Saved.class);

        assertThat(table.find(t.id())).isEmpty();
        assertThat(table.rows(true)).isEmpty();
        assertThat(table.earliestDeletionAvailable()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(table.undelete(t.id(), OWNER)).isInstanceOf(WriteOutcome.Failed.class);
    }

    @Test
    void purge_ofALiveRecord_isRefused() {
        SObjectRecord t = created(fields("Subject", "Call Ada"));

        assertThat(table.purge(t.id())).isInstanceOf(WriteOutcome.Failed.class);
        assertThat(table.find(t.id())).isPresent();
    }

    @Test
    void isRecurrence_isFalseForAPlainTask_andOnlySeedingSetsTheSeriesFields() {
        assertThat(created(fields("Subject", "plain")).values().get("IsRecurrence")).isEqualTo(false);
        assertThat(codes(create(fields("Subject", "x", "IsRecurrence", true))))
                .containsExactly("INVALID_FIELD_FOR_INSERT_UPDATE");
        WriteOutcome master = table.create(List.of(fields("Subject", "weekly", "IsRecurrence", true)), OWNER, false,
                WriteOrigin.SEED).get(0);
        assertThat(table.find(master.id()).orElseThrow().values().get("IsRecurrence")).isEqualTo(true);
    }
}
