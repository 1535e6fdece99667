package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Salesforce change applied to a linked task is two writes: the Sales Connect task, then the link (the last synced
 * values). An invocation that dies between them leaves the task with values the link does not know; a later
 * Salesforce version must replace them, not lose to them as if a person had made them in Sales Connect (simulator
 * seeds eae295df1ed16956 and 18a3aa9643aaedb6).
 */
class InterruptedMergeTest {

    private final SyncFixture fx = new SyncFixture();
    private SfTask sf;
    private String taskId;

    @BeforeEach
    void aliceHasAnImportedTask() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        sf = fx.salesforce.userCreates(ALICE_SF, "call the customer");
        fx.deliverNotificationsFor(sf.id());
        taskId = SalesforceIds.importedTaskId(sf.id());
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(taskId))).isPresent();
        fx.clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void completionAppliedWithoutItsLink_thenReopenedInSalesforce_reopensInSalesConnect() {
        fx.salesforce.userEdits(sf.id(), Map.of("Status", "Completed"));
        OutboundMessage completed = fx.salesforce.messageFor(sf.id());
        fx.links.faults.failNext("save"); // dies after the task's write, before the link's
        assertThatThrownBy(() -> fx.deliver(completed)).isInstanceOf(RuntimeException.class);
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(taskId)).orElseThrow().fields().completed()).isTrue();

        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sf.id(), Map.of("Status", "Not Started"));
        fx.deliverNotificationsFor(sf.id());
        fx.pushStream();

        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(taskId)).orElseThrow().fields().completed()).isFalse();
        assertThat(fx.salesforce.get(sf.id()).isClosed()).isFalse();
        fx.clock.advance(Duration.ofMinutes(6));
        fx.sweep(ALICE);
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(taskId)).orElseThrow().fields().completed()).isFalse();
        assertThat(fx.salesforce.get(sf.id()).isClosed()).isFalse();
    }

    /**
     * A person completes the task; its message's delivery reads the pair, and before it writes the task, {@code apart}
     * later a person reopens it and that message is applied by another invocation ({@code meanwhile} runs next).
     * Returns the completion's message.
     */
    private OutboundMessage completionRacedByAReopen(Duration apart, Runnable meanwhile) {
        fx.salesforce.userEdits(sf.id(), Map.of("Status", "Completed"));
        OutboundMessage completed = fx.salesforce.messageFor(sf.id());
        fx.tasks.faults.beforeNext("save", () -> {
            fx.clock.advance(apart);
            fx.salesforce.userEdits(sf.id(), Map.of("Status", "Not Started"));
            fx.deliverNotificationsFor(sf.id());
            meanwhile.run();
        });
        return completed;
    }

    /** Both sides show the reopen, now and after a sweep. */
    private void reopenedOnBothSides() {
        for (int round = 0; round < 2; round++) {
            assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(taskId)).orElseThrow().fields().completed())
                    .isFalse();
            assertThat(fx.salesforce.get(sf.id()).isClosed()).isFalse();
            fx.clock.advance(Duration.ofMinutes(6));
            fx.sweep(ALICE);
            fx.pushStream();
        }
    }

    /**
     * Two invocations apply two versions of one second: the first writes its task, the second (a person's edit in
     * the same second, its message delivered meanwhile) writes the link, so the first one's link write conflicts and
     * its retry finds the second's stamp. Salesforce's current record is the second version: the first one's values
     * must not stay in Sales Connect (seed f564223023936d3f of 0xbadc0de5).
     */
    @Test
    void aVersionWhoseLinkLostToAnEditOfTheSameSecond_leavesSalesConnectWithTheEdit() {
        fx.salesforce.sameSecondStamps(true);
        fx.clock.set(fx.clock.instant().truncatedTo(ChronoUnit.SECONDS).plusMillis(100));
        OutboundMessage completed = completionRacedByAReopen(Duration.ofMillis(100), () -> { });

        fx.deliver(completed);
        fx.pushStream();

        reopenedOnBothSides();
    }

    /**
     * As above, the versions seconds apart: the first writes its values after the newer link, its link write
     * conflicts, and its retry finds its version stale. The newer values must go back over the task (seed
     * 60d320ece23be897 of 0x5ca1ab1e).
     */
    @Test
    void anOlderVersionWrittenAfterANewerOnesLink_leavesSalesConnectWithTheNewerValues() {
        OutboundMessage completed = completionRacedByAReopen(Duration.ofSeconds(3), () -> { });

        fx.deliver(completed); // its link write conflicts; the retry within the delivery finds the version stale
        fx.pushStream();

        reopenedOnBothSides();
    }

    /**
     * As above, the first invocation dying after its task write and the user turning sync off before Salesforce's
     * retry of its message: nothing is applied while off, and the re-enable's sweep, reading the record again (a
     * duplicate of the applied version), puts the newer values back.
     */
    @Test
    void anOlderVersionWrittenAfterANewerOnesLink_whileSyncWentOff_isUndoneByTheReEnable() {
        OutboundMessage completed = completionRacedByAReopen(Duration.ofSeconds(3),
                () -> fx.links.faults.failNext("save")); // the first invocation dies after its task write
        assertThatThrownBy(() -> fx.deliver(completed)).isInstanceOf(RuntimeException.class);
        fx.settingsService.disable(UserId.of(ALICE));

        fx.deliver(completed); // Salesforce's retry: sync is off, nothing is applied
        fx.pushStream();
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(taskId)).orElseThrow().fields().completed()).isTrue();
        fx.clock.advance(Duration.ofHours(1));
        fx.enable(ALICE);
        fx.sweep(ALICE);
        fx.pushStream();

        reopenedOnBothSides();
    }

    @Test
    void aSalesConnectEditThatWonAMergeWhichDiedBeforeItsLink_isNotTakenForTheSyncsOwnWrite() {
        fx.taskService.update(UserId.of(ALICE), TaskId.of(taskId),
                f -> f.with(TaskFields.Field.SUBJECT, "call the customer today"));
        fx.tasks.takeStream(); // the stream's push of it is lost; the merge below carries it
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sf.id(), Map.of("Priority", "High"));
        OutboundMessage priority = fx.salesforce.messageFor(sf.id());
        fx.links.faults.failNext("save"); // the merge dies after the task's write, before the link's
        assertThatThrownBy(() -> fx.deliver(priority)).isInstanceOf(RuntimeException.class);
        ScTask merged = fx.tasks.get(UserId.of(ALICE), TaskId.of(taskId)).orElseThrow();
        assertThat(merged.fields().subject()).isEqualTo("call the customer today");
        assertThat(merged.fields().priority()).isEqualTo(com.salesconnect.tasksync.task.Priority.HIGH);

        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sf.id(), Map.of("Description", "bring the contract"));
        fx.deliverNotificationsFor(sf.id());
        fx.pushStream();
        fx.clock.advance(Duration.ofMinutes(20));
        fx.sweep(ALICE);

        ScTask now = fx.tasks.get(UserId.of(ALICE), TaskId.of(taskId)).orElseThrow();
        assertThat(now.fields().subject()).isEqualTo("call the customer today");
        assertThat(now.fields().notes()).isEqualTo("bring the contract");
        assertThat(fx.salesforce.get(sf.id()).subject()).isEqualTo("call the customer today");
        assertThat(fx.salesforce.get(sf.id()).description()).isEqualTo("bring the contract");
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).isEmpty();
    }
}
