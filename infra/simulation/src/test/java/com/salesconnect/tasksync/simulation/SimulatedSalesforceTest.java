package com.salesconnect.tasksync.simulation;

import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.salesforce.ConnectionBrokenException;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.salesforce.RequestLimitExceededException;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceRequestException;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.salesforce.SfWrite;
import com.salesconnect.tasksync.salesforce.Soql;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.sync.TaskQuery;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskStatuses;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-memory Salesforce keeps the behaviour infra/salesforce-emulator documents. */
class SimulatedSalesforceTest {

    private final MutableClock clock = MutableClock.at("2026-03-10T09:00:00.250Z");
    private final SimulatedSalesforce sf = new SimulatedSalesforce(clock, new FaultInjector(new StringBuilder()),
            new SimulatedSalesforce.Observer() {
                public void apiCreated(SimulatedSalesforce.Org o, SimulatedSalesforce.Row r, SalesforceConnection c) {
                }

                public void apiDeleted(SimulatedSalesforce.Org o, SimulatedSalesforce.Row r, SalesforceConnection c) {
                }
            });
    private final String owner = SimulatedSalesforce.userId("A", 1);
    private final SimulatedSalesforce.Org org = sf.addOrg("A", TaskStatuses.SALESFORCE_DEFAULTS,
            List.of(owner, SimulatedSalesforce.userId("A", 2)), 2, true);
    private final SalesforceConnection connection = new SalesforceConnection("user-1", org.orgId(), owner,
            "https://x", "token-1", ConnectionState.CONNECTED, clock.instant(), null, 1);
    private final SalesforceApi api = sf.forConnection(connection);

    @Test
    void twoWritesInOneSecond_shareSystemModstamp_andASystemTouchLeavesLastModifiedDate() {
        SimulatedSalesforce.Row row = sf.userCreates(org, owner, Map.of("Subject", "Call"));
        Instant first = row.task().systemModstamp();
        clock.advance(Duration.ofMillis(500));
        sf.userEdits(org, row, Map.of("Subject", "Call again"));
        assertThat(row.task().systemModstamp()).isEqualTo(first).isEqualTo(Instant.parse("2026-03-10T09:00:00Z"));
        clock.advance(Duration.ofSeconds(3));
        sf.systemTouch(org, row);
        assertThat(row.task().systemModstamp()).isAfter(first);
        assertThat(row.task().lastModifiedDate()).isEqualTo(first);
    }

    @Test
    void queryAll_returnsRecycleBinRows_query_doesNot_andUnknownStatementsAreRefused() {
        SimulatedSalesforce.Row row = sf.userCreates(org, owner, Map.of("Subject", "Call"));
        sf.userDeletes(org, row);
        TaskQuery byId = new TaskQuery.ByIds(List.of(row.id()));
        assertThat(api.queryAll(byId.soql()).records()).extracting(SfTask::isDeleted).containsExactly(true);
        assertThat(api.query(byId.soql()).records()).isEmpty();
        assertThatThrownBy(() -> api.query(Soql.of("SELECT Id FROM Task")))
                .isInstanceOf(SalesforceRequestException.class).hasMessageContaining("MALFORMED_QUERY");
    }

    @Test
    void pages_followLocators() {
        for (int i = 0; i < 5; i++) {
            sf.userCreates(org, owner, Map.of("Subject", "Task " + i));
        }
        SalesforceApi.QueryPage page = api.queryAll(new TaskQuery.ChangedSince(owner, clock.instant()
                .minusSeconds(60)).soql());
        List<SfTask> all = new ArrayList<>(page.records());
        while (!page.done()) {
            page = api.nextPage(page.nextRecordsUrl());
            all.addAll(page.records());
        }
        assertThat(all).hasSize(5);
    }

    @Test
    void getDeleted_ignoresSeconds_coversUpToTheCurrentMinute_andMovesAStartBeforeTheEarliestAvailable() {
        SimulatedSalesforce.Row row = sf.userCreates(org, owner, Map.of("Subject", "Call"));
        clock.set("2026-03-10T09:05:40Z");
        sf.userDeletes(org, row);
        clock.set("2026-03-10T09:07:10Z");
        SalesforceApi.DeletedRecords d = api.getDeleted(Instant.parse("2026-03-10T09:05:59Z"),
                Instant.parse("2026-03-10T10:00:00Z"));
        assertThat(d.deletedRecords()).extracting(SalesforceApi.DeletedRecord::id).containsExactly(row.id());
        assertThat(d.latestDateCovered()).isEqualTo(Instant.parse("2026-03-10T09:07:00Z"));
        // A window of a minute or less is refused by Salesforce: the client answers it empty without a call.
        assertThat(api.getDeleted(Instant.parse("2026-03-10T09:06:10Z"), Instant.parse("2026-03-10T09:07:50Z"))
                .deletedRecords()).isEmpty();
        sf.hardDelete(org, row);
        clock.set("2026-03-10T09:20:00Z");
        assertThat(api.queryAll(new TaskQuery.ByIds(List.of(row.id())).soql()).records()).isEmpty();
        // Salesforce refuses a start before earliestDateAvailable (the hard delete); the client starts there.
        SalesforceApi.DeletedRecords after = api.getDeleted(clock.instant().minus(Duration.ofDays(15)),
                clock.instant());
        assertThat(after.earliestDateAvailable()).isEqualTo(Instant.parse("2026-03-10T09:07:00Z"));
        assertThat(after.deletedRecords()).isEmpty();
    }

    @Test
    void undelete_isALaterChange_andTheRecycleBinKeepsRowsFifteenDays() {
        SimulatedSalesforce.Row row = sf.userCreates(org, owner, Map.of("Subject", "Call"));
        clock.advance(Duration.ofMinutes(1));
        sf.userDeletes(org, row);
        Instant deleted = row.task().systemModstamp();
        clock.advance(Duration.ofMinutes(1));
        sf.undelete(org, row);
        assertThat(row.live()).isTrue();
        assertThat(row.task().systemModstamp()).isAfter(deleted);
        sf.userDeletes(org, row);
        clock.advance(Duration.ofDays(15).plusSeconds(1));
        assertThat(org.rows()).isEmpty();
        assertThat(row.hardDeleted()).isTrue();
    }

    @Test
    void collections_haveAtMost200Records_andPerRecordResults() {
        assertThatThrownBy(() -> api.create(Collections.nCopies(201, new SfWrite("t", null,
                Map.of("Subject", "x"))))).hasMessageContaining("EXCEEDED_ID_LIMIT");
        // Deletes go 1,000 a call (five collection requests in one composite request, as HttpSalesforceApi sends).
        assertThatThrownBy(() -> api.delete(Collections.nCopies(1001, SalesforceId.of("00T000000000001AAA"))))
                .hasMessageContaining("EXCEEDED_ID_LIMIT");
        SimulatedSalesforce.Row gone = sf.userCreates(org, owner, Map.of("Subject", "Gone"));
        sf.userDeletes(org, gone);
        SimulatedSalesforce.Row live = sf.userCreates(org, owner, Map.of("Subject", "Live"));
        List<SaveResult> results = api.update(List.of(new SfWrite("a", gone.id(), Map.of("Subject", "x")),
                new SfWrite("b", live.id(), Map.of("Subject", "y")),
                new SfWrite("c", live.id(), Map.of("Status", "Nope"))));
        assertThat(results.get(0)).isInstanceOf(SaveResult.Failed.class);
        assertThat(((SaveResult.Failed) results.get(0)).hasCode("ENTITY_IS_DELETED")).isTrue();
        assertThat(results.get(1)).isInstanceOf(SaveResult.Saved.class);
        assertThat(((SaveResult.Failed) results.get(2)).hasCode("DUPLICATE_VALUE")).isTrue();
        assertThat(((SaveResult.Failed) api.update(List.of(new SfWrite("d", live.id(),
                Map.of("TaskSubtype", "Call")))).get(0)).hasCode("INVALID_FIELD_FOR_INSERT_UPDATE")).isTrue();
    }

    @Test
    void aRevokedToken_breaksTheConnection_andAnExhaustedLimitRefusesCalls() {
        sf.exhaustLimit(org, clock.instant().plus(Duration.ofMinutes(30)));
        assertThatThrownBy(() -> api.getUpdated(clock.instant().minus(Duration.ofHours(1)), clock.instant()))
                .isInstanceOf(RequestLimitExceededException.class);
        sf.clearLimits();
        sf.revoke("token-1");
        assertThatThrownBy(() -> api.taskStatuses()).isInstanceOf(ConnectionBrokenException.class);
    }

    @Test
    void aQueuedNotification_absorbsLaterEdits_andADeletedRecordIsSentAsItsIdAlone() {
        SimulatedSalesforce.Row row = sf.userCreates(org, owner, Map.of("Subject", "First"));
        sf.userEdits(org, row, Map.of("Subject", "Second"));
        assertThat(org.queuedNotifications()).isEqualTo(1);
        List<SimulatedSalesforce.Pending> pending = sf.takeForMessage(org, List.of(0));
        OutboundMessage.Notification n = org.capture(pending.get(0));
        assertThat(n.task().subject()).isEqualTo("Second");
        sf.userDeletes(org, row);
        OutboundMessage.Notification gone = org.capture(pending.get(0));
        assertThat(gone.presentFields()).containsExactly("Id");
        assertThat(gone.task().ownerId()).isNull();
    }
}
