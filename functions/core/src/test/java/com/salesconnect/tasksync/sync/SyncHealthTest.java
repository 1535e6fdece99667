package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.settings.SweepState;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.LastSync;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskFields.Field;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of the Settings page's sync health, on hand-made store contents. */
class SyncHealthTest {

    private static final Instant T = Instant.parse("2026-03-10T09:00:00Z");
    private static final String U = "user-alice";

    private static PendingPush pending(String taskId, String error) {
        return new PendingPush(U, taskId, 1, T, T.plusSeconds(300), error);
    }

    private static ScTask task(String taskId, String subject, Instant updatedAt, Origin origin) {
        return new ScTask(U, taskId, TaskFields.todo(subject), T.minusSeconds(3600), updatedAt, 1, origin, null, null);
    }

    private static Conflict merged(String taskId, Field field, Origin winner, Instant at) {
        return new Conflict(U, taskId, "sf-" + taskId, field, "base", "sc", "sf", winner,
                "Changed on both sides: the later change wins", at);
    }

    @Test
    void waitingChanges_areGroupedByWhatHoldsThemUp_eachWithItsAction() {
        List<PendingPush> pending = List.of(pending("t1", SalesforceFailures.LIMIT_REACHED),
                pending("t2", SalesforceFailures.API_BUDGET + "the sync used 10 %"),
                pending("t3", "push in flight"), pending("t4", "Salesforce unavailable"), pending("t5", null));

        SyncHealthView view = SyncHealth.of(LastSync.NEVER, false, pending, List.of(), Map.of());

        assertThat(view.waiting()).extracting(SyncHealthView.Waiting::reason, SyncHealthView.Waiting::count,
                        SyncHealthView.Waiting::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SyncHealthView.Reason.LIMIT_REACHED, 2,
                                SyncHealthView.Action.NONE),
                        org.assertj.core.groups.Tuple.tuple(SyncHealthView.Reason.RETRYING, 3,
                                SyncHealthView.Action.NONE));
        assertThat(view.waitingMore()).isFalse();
    }

    @Test
    void aBrokenConnection_holdsEveryWaitingChange_whateverItsLastError() {
        SyncHealthView view = SyncHealth.of(LastSync.NEVER, true,
                List.of(pending("t1", SalesforceFailures.LIMIT_REACHED), pending("t2", "push in flight")), List.of(),
                Map.of());

        assertThat(view.waiting()).containsExactly(new SyncHealthView.Waiting(SyncHealthView.Reason.CONNECTION_BROKEN,
                2, SyncHealth.BROKEN_MESSAGE, SyncHealthView.Action.RECONNECT));
    }

    @Test
    void waitingCounts_stopAtTheBoundedRead_andSaySoWhenMoreWait() {
        List<PendingPush> pending = new ArrayList<>();
        for (int i = 0; i <= SyncHealth.WAITING_COUNTED; i++) {
            pending.add(pending("t" + i, SalesforceFailures.LIMIT_REACHED));
        }

        SyncHealthView view = SyncHealth.of(LastSync.NEVER, false, pending, List.of(), Map.of());

        assertThat(view.waiting()).singleElement().extracting(SyncHealthView.Waiting::count)
                .isEqualTo(SyncHealth.WAITING_COUNTED);
        assertThat(view.waitingMore()).isTrue();
    }

    @Test
    void recentConflicts_latestFiveEvents_withTheirFieldsAndWinner_andTheTaskSubject() {
        List<Conflict> recent = new ArrayList<>();
        recent.add(merged("t9", Field.SUBJECT, Origin.SALESFORCE, T.plusSeconds(90)));
        recent.add(merged("t9", Field.DUE_DATE, Origin.SALESFORCE, T.plusSeconds(90)));
        for (int i = 8; i >= 3; i--) {
            recent.add(merged("t" + i, Field.NOTES, Origin.SALES_CONNECT, T.plusSeconds(i)));
        }
        recent.add(new Conflict(U, "t2", "sf-t2", null, null, null, null, Origin.SALESFORCE,
                "Deleted in Salesforce: the deletion wins over the edit", T));

        SyncHealthView view = SyncHealth.of(LastSync.NEVER, false, List.of(), recent,
                Map.of("t9", task("t9", "Call Bob", T, Origin.SALESFORCE)));

        assertThat(view.conflicts()).hasSize(SyncHealth.CONFLICTS_SHOWN);
        assertThat(view.conflicts().get(0)).isEqualTo(new SyncHealthView.RecentConflict("t9", "Call Bob",
                List.of("subject", "due date"), Origin.SALESFORCE, "Changed on both sides: the later change wins",
                T.plusSeconds(90)));
        assertThat(view.conflicts()).extracting(SyncHealthView.RecentConflict::taskId)
                .containsExactly("t9", "t8", "t7", "t6", "t5");
        assertThat(view.conflicts().get(1).subject()).as("a task not read is shown by its id").isNull();
    }

    @Test
    void aRefusal_isAProblemUntilTheTaskIsEditedInSalesConnect_notBySalesforce_andNotWhenDeleted() {
        Instant refused = T.plusSeconds(60);
        Conflict refusal = new Conflict(U, "t1", null, Field.SUBJECT, null, null, null, Origin.SALES_CONNECT,
                ConflictRecorder.REFUSED + "STRING_TOO_LONG): Subject: data value too large" + ConflictRecorder.KEEPS_VALUE,
                refused);
        Conflict gaveUp = new Conflict(U, "t2", null, null, null, null, null, Origin.SALES_CONNECT,
                ConflictRecorder.GAVE_UP + "Salesforce unavailable); edit the task to try again", refused);
        List<Conflict> recent = List.of(refusal, gaveUp);

        SyncHealthView open = SyncHealth.of(LastSync.NEVER, false, List.of(), recent, Map.of(
                "t1", task("t1", "Long one", refused, Origin.SALES_CONNECT),
                "t2", task("t2", "Other", refused.plusSeconds(30), Origin.SALESFORCE)));
        assertThat(open.problems()).extracting(SyncHealthView.Problem::taskId).containsExactly("t1", "t2");
        assertThat(open.problems().get(0).message()).isEqualTo(
                "Salesforce did not accept the change: Subject: data value too large. Edit the task to send it again.");
        assertThat(open.problems().get(0).message()).doesNotContain("STRING_TOO_LONG");
        assertThat(open.conflicts()).isEmpty();

        SyncHealthView edited = SyncHealth.of(LastSync.NEVER, false, List.of(), recent, Map.of(
                "t1", task("t1", "Long one", refused.plusSeconds(1), Origin.SALES_CONNECT)));
        assertThat(edited.problems()).as("edited since, and the other task is gone").isEmpty();

        ScTask deleted = task("t1", "Long one", refused, Origin.SALES_CONNECT).tombstone(Origin.SALES_CONNECT,
                refused.plusSeconds(5), refused.plusSeconds(5).plus(java.time.Duration.ofDays(15)));
        assertThat(SyncHealth.of(LastSync.NEVER, false, List.of(), List.of(refusal), Map.of("t1", deleted))
                .problems()).isEmpty();
    }

    @Test
    void lastPull_isTheLaterOfAnAppliedChange_theSweepsCheck_andADoneFirstSync() {
        SyncSettings settings = SyncSettings.initial(U, java.time.ZoneOffset.UTC)
                .withSweep(new SweepState(T.plusSeconds(50), T.plusSeconds(40), null, null));

        assertThat(SyncHealth.lastSync(new LastSync(T, T.plusSeconds(10)), settings))
                .as("an idle sweep's check, written to the settings anyway").isEqualTo(new LastSync(T, T.plusSeconds(40)));
        assertThat(SyncHealth.lastSync(new LastSync(null, T.plusSeconds(90)), settings).pulledAt())
                .isEqualTo(T.plusSeconds(90));
        assertThat(SyncHealth.lastSync(LastSync.NEVER, SyncSettings.initial(U, java.time.ZoneOffset.UTC)))
                .isEqualTo(LastSync.NEVER);
        assertThat(SyncHealth.lastSync(new LastSync(T, null), null)).isEqualTo(new LastSync(T, null));
    }

    @Test
    void lastSyncTimes_arePassedThrough() {
        LastSync last = new LastSync(T, T.plusSeconds(5));

        SyncHealthView view = SyncHealth.of(last, false, List.of(), List.of(), Map.of());

        assertThat(view.lastPushedAt()).isEqualTo(T);
        assertThat(view.lastPulledAt()).isEqualTo(T.plusSeconds(5));
    }
}
