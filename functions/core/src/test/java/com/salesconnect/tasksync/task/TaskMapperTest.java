package com.salesconnect.tasksync.task;

import com.salesconnect.tasksync.task.TaskFields.Field;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskMapperTest {

    private static final String OWNER = "0055g00000ALICEAAA";
    /** An org whose statuses are not Salesforce's defaults. */
    private static final TaskStatuses ORG = new TaskStatuses(List.of(
            new TaskStatus("Open", false, false),
            new TaskStatus("Planned", false, true),
            new TaskStatus("Finished", true, false),
            new TaskStatus("Cancelled", true, false)));
    private static final Supplier<TaskStatuses> STATUSES = () -> ORG;

    private static SfTask sf(String subject, String status, Boolean isClosed) {
        return new SfTask("00T5g00000000001AAA".substring(0, 18), OWNER, subject, "notes", LocalDate.of(2026, 3, 1),
                status, isClosed, "High", null, false, "Call", null, null, null, null, null, false);
    }

    @Test
    void fromSalesforce_mapsEveryField() {
        SfTask t = new SfTask("00T5g0000000001AAA", OWNER, "Call Bob", "bring coffee", LocalDate.of(2026, 3, 11),
                "Planned", false, "Low", Instant.parse("2026-03-11T08:30:00Z"), true, "Email", "0035g0000000001AAA",
                "0015g0000000001AAA", null, null, null, false);

        TaskFields f = TaskMapper.fromSalesforce(t, STATUSES);

        assertThat(f).isEqualTo(new TaskFields("Call Bob", "bring coffee", LocalDate.of(2026, 3, 11), false,
                Priority.LOW, Instant.parse("2026-03-11T08:30:00Z"), TaskType.EMAIL, "0035g0000000001AAA",
                "0015g0000000001AAA"));
    }

    @Test
    void forCreate_sendsEveryFieldAndOwnerIsTheConnectedUser() {
        TaskFields f = new TaskFields("Call Bob", "bring coffee", LocalDate.of(2026, 3, 11), false, Priority.HIGH,
                Instant.parse("2026-03-11T08:30:00Z"), TaskType.CALL, "0035g0000000001AAA", null);

        TaskMapper.Create c = TaskMapper.forCreate(f, OWNER, STATUSES);

        assertThat(c.fields()).containsEntry("Subject", "Call Bob").containsEntry("Description", "bring coffee")
                .containsEntry("ActivityDate", LocalDate.of(2026, 3, 11)).containsEntry("Status", "Planned")
                .containsEntry("Priority", "High").containsEntry("IsReminderSet", true)
                .containsEntry("ReminderDateTime", Instant.parse("2026-03-11T08:30:00Z"))
                .containsEntry("TaskSubtype", "Call").containsEntry("WhoId", "0035g0000000001AAA")
                .containsEntry("OwnerId", OWNER)
                .doesNotContainKey("WhatId");
        assertThat(c.adjustments()).isEmpty();
        assertThat(c.salesforceAfter()).isEqualTo(f);
    }

    @Test
    void completion_usesOrgClosedStatus() {
        TaskFields base = TaskFields.todo("x");

        TaskMapper.Update u = TaskMapper.forUpdate(base, base.with(Field.COMPLETED, true), STATUSES);

        // "Completed" does not exist in this org: its first closed value is used, not a hard-coded name.
        assertThat(u.fields()).isEqualTo(Map.of("Status", "Finished"));
    }

    @Test
    void completion_prefersCompletedWhenTheOrgHasIt() {
        TaskFields base = TaskFields.todo("x");

        TaskMapper.Update u = TaskMapper.forUpdate(base, base.with(Field.COMPLETED, true),
                () -> TaskStatuses.SALESFORCE_DEFAULTS);

        assertThat(u.fields()).isEqualTo(Map.of("Status", "Completed"));
    }

    @Test
    void reopen_usesOrgDefaultOpenStatus() {
        TaskFields done = TaskFields.todo("x").with(Field.COMPLETED, true);

        TaskMapper.Update u = TaskMapper.forUpdate(done, done.with(Field.COMPLETED, false), STATUSES);

        assertThat(u.fields()).isEqualTo(Map.of("Status", "Planned"));
    }

    @Test
    void reading_usesIsClosedWhenPresent_elseTheStatusClosedFlag() {
        assertThat(TaskMapper.fromSalesforce(sf("x", "Open", true), STATUSES).completed()).isTrue();
        assertThat(TaskMapper.fromSalesforce(sf("x", "Finished", null), STATUSES).completed()).isTrue();
        assertThat(TaskMapper.fromSalesforce(sf("x", "Open", null), STATUSES).completed()).isFalse();
    }

    @Test
    void unknownStatus_isTreatedByIsClosed() {
        assertThat(TaskMapper.fromSalesforce(sf("x", "Escalated", true), STATUSES).completed()).isTrue();
        assertThat(TaskMapper.fromSalesforce(sf("x", "Escalated", false), STATUSES).completed()).isFalse();
    }

    @Test
    void statusPicklist_isOnlyReadWhenNeeded() {
        AtomicInteger reads = new AtomicInteger();
        Supplier<TaskStatuses> counting = () -> {
            reads.incrementAndGet();
            return ORG;
        };
        TaskFields base = TaskMapper.fromSalesforce(sf("x", "Open", false), counting);
        TaskMapper.forUpdate(base, base.with(Field.SUBJECT, "y"), counting);

        assertThat(reads).hasValue(0);
    }

    @Test
    void priority_allThreeLevelsMapBothWays() {
        for (Priority p : Priority.values()) {
            TaskFields f = TaskFields.todo("x").with(Field.PRIORITY, p);
            Object sent = TaskMapper.forCreate(f, OWNER, STATUSES).fields().get("Priority");
            SfTask back = new SfTask("00T5g0000000001AAA", OWNER, "x", null, null, "Open", false, (String) sent,
                    null, false, "Task", null, null, null, null, null, false);
            assertThat(TaskMapper.fromSalesforce(back, STATUSES).priority()).isEqualTo(p);
        }
        assertThat(TaskMapper.forCreate(TaskFields.todo("x").with(Field.PRIORITY, Priority.LOW), OWNER, STATUSES)
                .fields().get("Priority")).isEqualTo("Low");
    }

    @Test
    void customSalesforcePriority_readsAsNormal() {
        SfTask t = new SfTask("00T5g0000000001AAA", OWNER, "x", null, null, "Open", false, "Medium", null, false,
                "Task", null, null, null, null, null, false);
        assertThat(TaskMapper.fromSalesforce(t, STATUSES).priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void dueDate_isNeverShiftedByTimeZones() {
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            LocalDate due = LocalDate.of(2026, 3, 31);
            TaskFields f = TaskFields.todo("x").with(Field.DUE_DATE, due);
            assertThat(TaskMapper.forCreate(f, OWNER, STATUSES).fields().get("ActivityDate")).isEqualTo(due);
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Pago_Pago"));
            SfTask t = new SfTask("00T5g0000000001AAA", OWNER, "x", null, due, "Open", false, "Normal", null, false,
                    "Task", null, null, null, null, null, false);
            assertThat(TaskMapper.fromSalesforce(t, STATUSES).dueDate()).isEqualTo(due);
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void reminder_mapsToReminderDateTimeAndIsReminderSet_andClearingUnsetsIt() {
        Instant at = Instant.parse("2026-03-11T08:30:00Z");
        TaskFields with = TaskFields.todo("x").with(Field.REMINDER, at);

        TaskMapper.Update cleared = TaskMapper.forUpdate(with, with.with(Field.REMINDER, null), STATUSES);

        assertThat(cleared.fields()).containsEntry("IsReminderSet", false).containsEntry("ReminderDateTime", null);
        SfTask unset = new SfTask("00T5g0000000001AAA", OWNER, "x", null, null, "Open", false, "Normal", at, false,
                "Task", null, null, null, null, null, false);
        assertThat(TaskMapper.fromSalesforce(unset, STATUSES).reminderAt()).isNull();
    }

    @Test
    void type_mapsToTaskSubtype_onCreate() {
        assertThat(TaskMapper.forCreate(TaskFields.todo("x"), OWNER, STATUSES).fields().get("TaskSubtype"))
                .isEqualTo("Task");
        assertThat(TaskMapper.forCreate(TaskFields.todo("x").with(Field.TYPE, TaskType.EMAIL), OWNER, STATUSES)
                .fields().get("TaskSubtype")).isEqualTo("Email");
    }

    @Test
    void typeChange_isNeverSentOnUpdate_andIsReportedAndReverted() {
        TaskFields base = TaskFields.todo("x");

        TaskMapper.Update u = TaskMapper.forUpdate(base, base.with(Field.TYPE, TaskType.CALL)
                .with(Field.SUBJECT, "y"), STATUSES);

        assertThat(u.fields()).isEqualTo(Map.of("Subject", "y"));
        assertThat(u.adjustments()).extracting(Adjustment::kind).containsExactly(Adjustment.Kind.TYPE_NOT_UPDATABLE);
        assertThat(u.salesConnectAfter().type()).isEqualTo(TaskType.TODO);
        assertThat(u.salesConnectAfter().subject()).isEqualTo("y");
    }

    @Test
    void update_sendsOnlyFieldsThatDiffer() {
        TaskFields base = new TaskFields("a", "n", LocalDate.of(2026, 3, 1), false, Priority.NORMAL, null,
                TaskType.TODO, null, null);

        TaskMapper.Update u = TaskMapper.forUpdate(base, base.with(Field.DUE_DATE, LocalDate.of(2026, 3, 2)),
                STATUSES);

        assertThat(u.fields()).isEqualTo(Map.of("ActivityDate", LocalDate.of(2026, 3, 2)));
        assertThat(TaskMapper.forUpdate(base, base, STATUSES).nothingToSend()).isTrue();
    }

    @Test
    void longSubject_isTruncatedTo255_withFullTextAtTopOfDescription_andAnAdjustment() {
        String subject = "S".repeat(300);
        TaskFields f = TaskFields.todo(subject).with(Field.NOTES, "my notes");

        TaskMapper.Create c = TaskMapper.forCreate(f, OWNER, STATUSES);

        assertThat((String) c.fields().get("Subject")).hasSize(255);
        assertThat((String) c.fields().get("Description")).isEqualTo(subject + "\n\nmy notes");
        assertThat(c.adjustments()).extracting(Adjustment::kind).containsExactly(Adjustment.Kind.SUBJECT_TRUNCATED);
    }

    @Test
    void normalize_isIdempotent_soTheFullSubjectIsNotPrefixedTwice() {
        String subject = "S".repeat(300);
        TaskFields once = TaskMapper.normalize(TaskFields.todo(subject).with(Field.NOTES, "n")).fields();
        TaskFields stored = TaskFields.todo(subject).with(Field.NOTES, once.notes());

        assertThat(TaskMapper.normalize(stored).fields()).isEqualTo(once);
    }

    @Test
    void longNotes_areTruncatedTo32000_withAnAdjustment() {
        TaskFields f = TaskFields.todo("x").with(Field.NOTES, "n".repeat(40_000));

        TaskMapper.Create c = TaskMapper.forCreate(f, OWNER, STATUSES);

        assertThat((String) c.fields().get("Description")).hasSize(32_000);
        assertThat(c.adjustments()).extracting(Adjustment::kind).containsExactly(Adjustment.Kind.NOTES_TRUNCATED);
    }

    @Test
    void truncation_neverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String subject = "a".repeat(254) + emoji + "tail";

        String sent = (String) TaskMapper.forCreate(TaskFields.todo(subject), OWNER, STATUSES).fields().get("Subject");

        assertThat(sent).hasSize(254).doesNotContain("\uD83D");
    }

    @Test
    void blankSubject_isRejectedAsBadInput() {
        assertThatThrownBy(() -> TaskMapper.forCreate(TaskFields.todo("  "), OWNER, STATUSES))
                .isInstanceOf(InvalidTaskException.class)
                .satisfies(e -> assertThat(((InvalidTaskException) e).field()).isEqualTo(Field.SUBJECT));
    }

    @Test
    void salesforceTaskWithoutSubject_readsAsAPlaceholder() {
        assertThat(TaskMapper.fromSalesforce(sf(null, "Open", false), STATUSES).subject())
                .isEqualTo(TaskMapper.NO_SUBJECT);
    }

    @Test
    void salesforceFieldNames_mapToSyncedFields() {
        assertThat(TaskMapper.fieldsNamed(List.of("Subject", "Status", "ReminderDateTime", "OwnerId")))
                .containsExactlyInAnyOrder(Field.SUBJECT, Field.COMPLETED, Field.REMINDER);
    }
}
