package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.SfError;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/** The sync health of real sync runs over the fakes: what the Settings page shows after each kind of trouble. */
class SyncHealthServiceTest {

    private final SyncFixture fx = new SyncFixture();
    private final SyncHealthService health = new SyncHealthService(fx.stores);

    @BeforeEach
    void aliceSyncs() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
    }

    private ScTask create(String subject) {
        return fx.taskService.create(UserId.of(ALICE), TaskFields.todo(subject));
    }

    @Test
    void nothingWrong_showsWhenTheSyncLastSucceededEachWay_andNoProblem() {
        Instant firstSync = fx.clock.instant();
        fx.clock.advance(Duration.ofMinutes(2));
        create("Call Bob");
        fx.pushStream();

        SyncHealthView view = health.view(UserId.of(ALICE));

        assertThat(view.lastPushedAt()).isEqualTo(fx.clock.instant());
        assertThat(view.lastPulledAt()).isEqualTo(firstSync);
        assertThat(view.waiting()).isEmpty();
        assertThat(view.problems()).isEmpty();
        assertThat(view.conflicts()).isEmpty();
    }

    @Test
    void limitReached_countsTheWaitingChanges_nothingToDo_andClearsOnceTheLimitResets() {
        fx.salesforce.setLimitRetryAfter(fx.clock.instant().plus(Duration.ofHours(1)));
        fx.salesforce.fail(FakeSalesforce.Failure.LIMIT_EXCEEDED, null, 1);
        create("a");
        create("b");
        fx.pushStream();

        SyncHealthView view = health.view(UserId.of(ALICE));

        assertThat(view.lastPushedAt()).isNull();
        assertThat(view.waiting()).containsExactly(new SyncHealthView.Waiting(SyncHealthView.Reason.LIMIT_REACHED, 2,
                SyncHealth.LIMIT_MESSAGE, SyncHealthView.Action.NONE));

        fx.clock.advance(Duration.ofMinutes(61));
        fx.sweep(ALICE);

        SyncHealthView after = health.view(UserId.of(ALICE));
        assertThat(after.waiting()).isEmpty();
        assertThat(after.lastPushedAt()).isEqualTo(fx.clock.instant());
    }

    @Test
    void brokenConnection_asksToReconnect_forEveryWaitingChange() {
        fx.salesforce.fail(FakeSalesforce.Failure.CONNECTION_BROKEN, null, 1);
        create("a");
        fx.pushStream();
        assertThat(fx.connections.get(UserId.of(ALICE)).orElseThrow().state()).isEqualTo(ConnectionState.BROKEN);

        assertThat(health.view(UserId.of(ALICE)).waiting()).containsExactly(new SyncHealthView.Waiting(
                SyncHealthView.Reason.CONNECTION_BROKEN, 1, SyncHealth.BROKEN_MESSAGE,
                SyncHealthView.Action.RECONNECT));

        fx.reconnect(ALICE, fx.salesforce, SyncFixture.ALICE_SF);
        fx.clock.advance(Duration.ofMinutes(6));
        fx.sweep(ALICE);
        assertThat(health.view(UserId.of(ALICE)).waiting()).isEmpty();
    }

    @Test
    void rejectedValue_namesTheTaskAndSalesforcesMessage_untilTheTaskIsEdited() {
        ScTask t = create("Quote for ACME");
        fx.salesforce.rejectRecord(t.taskId(), new SfError("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Due date required",
                List.of("ActivityDate")), 1);
        fx.pushStream();

        SyncHealthView view = health.view(UserId.of(ALICE));

        assertThat(view.waiting()).isEmpty();
        assertThat(view.problems()).singleElement().satisfies(p -> {
            assertThat(p.taskId()).isEqualTo(t.taskId());
            assertThat(p.subject()).isEqualTo("Quote for ACME");
            assertThat(p.fields()).containsExactly("due date");
            assertThat(p.message()).isEqualTo("Salesforce did not accept the change: Due date required. Edit the task"
                    + " to send it again.");
            assertThat(p.action()).isEqualTo(SyncHealthView.Action.EDIT_TASK);
        });
        assertThat(view.conflicts()).as("a refusal is a problem to fix, not a decided conflict").isEmpty();

        fx.clock.advance(Duration.ofMinutes(1));
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(t.taskId()),
                t.fields().with(TaskFields.Field.DUE_DATE, LocalDate.of(2026, 3, 20)));
        fx.pushStream();

        assertThat(health.view(UserId.of(ALICE)).problems()).isEmpty();
        assertThat(health.view(UserId.of(ALICE)).lastPushedAt()).isEqualTo(fx.clock.instant());
    }

    @Test
    void refusedAgainAfterTheEdit_isShownAgain() {
        ScTask t = create("Quote");
        fx.salesforce.rejectRecord(t.taskId(), new SfError("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Due date required",
                List.of("ActivityDate")), 2);
        fx.pushStream();
        fx.clock.advance(Duration.ofMinutes(1));
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(t.taskId()), TaskFields.todo("Quote, edited"));
        fx.pushStream();

        assertThat(health.view(UserId.of(ALICE)).problems()).singleElement()
                .satisfies(p -> assertThat(p.subject()).isEqualTo("Quote, edited"));
    }
}
