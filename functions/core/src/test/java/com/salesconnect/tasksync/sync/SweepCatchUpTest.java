package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static com.salesconnect.tasksync.testing.SyncFixture.BOB_SF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sweep catches when no message tells: hard deletions, deletions during a long broken connection, owner
 * changes to someone who does not sync, and everything that changed while sync was off (re-enable).
 */
class SweepCatchUpTest {

    private final SyncFixture fx = new SyncFixture();
    private SfTask fromSalesforce;
    private ScTask fromSalesConnect;

    @BeforeEach
    void aliceHasTwoSyncedTasks() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        fromSalesforce = fx.salesforce.userCreates(ALICE_SF, "made in Salesforce");
        fx.deliverNotificationsFor(fromSalesforce.id());
        fromSalesConnect = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("made in Sales Connect"));
        fx.pushStream();
        fx.clock.advance(Duration.ofMinutes(5));
        fx.sweep(ALICE);
    }

    private String importedId() {
        return SalesforceIds.importedTaskId(fromSalesforce.id());
    }

    private String sfIdOfMine() {
        return fx.links.get(UserId.of(ALICE), TaskId.of(fromSalesConnect.taskId())).orElseThrow().sfId();
    }

    private boolean liveInSalesConnect(String taskId) {
        return fx.tasks.get(UserId.of(ALICE), TaskId.of(taskId)).map(t -> !t.deleted()).orElse(false);
    }

    @Test
    void aFreshReconciliationAskedForWhileASweepRuns_isKeptByThatSweepsCheckpoint() {
        // The operator's resync (infra/ops) marks the user's sweep as settling while a sweep of the user is under
        // way; that sweep's checkpoint write at its end must not clear the mark, or the reconciliation never runs.
        fx.clock.advance(Duration.ofMinutes(5));
        fx.salesforce.afterNext("getDeleted", () -> fx.settingsService.requestReconciliation(UserId.of(ALICE)));

        fx.sweep(ALICE);

        assertThat(fx.settings.get(UserId.of(ALICE)).orElseThrow().sweep().settling()).isTrue();
        fx.clock.advance(Duration.ofMinutes(5));
        fx.sweep(ALICE);
        assertThat(fx.settings.get(UserId.of(ALICE)).orElseThrow().sweep().settling()).isFalse();
    }

    @Test
    void aSettle_createsATaskOfThePeriodWhoseStreamRecordWasLost_butNeverOneFromBeforeThePeriod() {
        // Made in Sales Connect; the stream record never reached the outbound sync (fx.pushStream() is not called):
        // no link, no pending push. And one from before sync was enabled, without a link as it should be.
        ScTask lost = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("its stream record expired"));
        fx.tasks.takeStream();
        Instant enabledAt = fx.settings.get(UserId.of(ALICE)).orElseThrow().enabledAt().orElseThrow();
        fx.tasks.save(new ScTask(ALICE, "made-before-enabling", TaskFields.todo("from before the period"),
                enabledAt.minusSeconds(3600), enabledAt.minusSeconds(3600), 0L, Origin.SALES_CONNECT, null, null));
        fx.tasks.takeStream();
        fx.clock.advance(Duration.ofMinutes(5));
        fx.sweep(ALICE);
        assertThat(fx.links.get(UserId.of(ALICE), TaskId.of(lost.taskId()))).as("a plain sweep").isEmpty();

        fx.settingsService.requestReconciliation(UserId.of(ALICE));
        fx.clock.advance(Duration.ofMinutes(5));
        fx.sweep(ALICE);

        String sfId = fx.links.get(UserId.of(ALICE), TaskId.of(lost.taskId())).orElseThrow().sfId();
        assertThat(fx.salesforce.get(sfId).subject()).isEqualTo("its stream record expired");
        assertThat(fx.salesforce.liveTasks()).extracting(SfTask::subject).containsOnlyOnce("its stream record expired")
                .doesNotContain("from before the period");
        assertThat(fx.links.get(UserId.of(ALICE), TaskId.of("made-before-enabling"))).isEmpty();
    }

    @Test
    void aReconciliationAskedForBeforeTheFirstSyncFinished_runsAfterIt_andCreatesWhatTheStreamLost() {
        // Bob turns sync on for the first time; his first sync is due. A task he makes meanwhile whose stream record
        // expires unread (the stream's mapping stalled for a day) has no link and no pending push; the operator's
        // redrive asks for a reconciliation before the first sync has run. A first sync imports Salesforce's side
        // only, so the request must outlive it (the simulator's STREAM_STALL found it lost).
        fx.connect(SyncFixture.BOB, BOB_SF);
        fx.enable(SyncFixture.BOB);
        ScTask lost = fx.taskService.create(UserId.of(SyncFixture.BOB), TaskFields.todo("made before the first sync"));
        fx.tasks.takeStream();
        fx.settingsService.requestReconciliation(UserId.of(SyncFixture.BOB));

        fx.clock.advance(Duration.ofMinutes(5));
        fx.sweep(SyncFixture.BOB);
        fx.clock.advance(Duration.ofMinutes(5));
        fx.sweep(SyncFixture.BOB);

        SyncSettings bob = fx.settings.get(UserId.of(SyncFixture.BOB)).orElseThrow();
        assertThat(bob.firstSync().state()).isEqualTo(com.salesconnect.tasksync.settings.FirstSyncState.DONE);
        assertThat(fx.links.get(UserId.of(SyncFixture.BOB), TaskId.of(lost.taskId()))).as("link").isPresent();
        assertThat(fx.salesforce.get(fx.sfIdOf(lost)).subject()).isEqualTo("made before the first sync");
        assertThat(bob.sweep().settling()).isFalse();
    }

    @Test
    void aReconciliation_isNotMarkedWhileSyncIsOff_norTwiceWhileOneIsUnderWay() {
        fx.settingsService.requestReconciliation(UserId.of(ALICE));
        Instant marked = fx.settings.get(UserId.of(ALICE)).orElseThrow().sweep().settleStartedAt();
        fx.clock.advance(Duration.ofMinutes(1));
        fx.settingsService.requestReconciliation(UserId.of(ALICE));
        assertThat(fx.settings.get(UserId.of(ALICE)).orElseThrow().sweep().settleStartedAt()).isEqualTo(marked)
                .isNotNull();

        fx.settingsService.disable(UserId.of(ALICE));
        fx.clock.advance(Duration.ofMinutes(5));
        fx.sweep(ALICE);
        SyncSettings off = fx.settings.get(UserId.of(ALICE)).orElseThrow();
        fx.settingsService.requestReconciliation(UserId.of(ALICE));
        assertThat(fx.settings.get(UserId.of(ALICE)).orElseThrow().version()).isEqualTo(off.version());
    }

    @Test
    void aHardDeletionInSalesforce_leavesSalesConnectWithinOneSweep() {
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userDeletes(fromSalesforce.id());
        fx.salesforce.hardDeletes(fromSalesforce.id()); // recycle bin emptied before the next sweep

        fx.clock.advance(Duration.ofMinutes(5));
        fx.sweep(ALICE);

        assertThat(liveInSalesConnect(importedId())).isFalse();
        assertThat(liveInSalesConnect(fromSalesConnect.taskId())).isTrue();
    }

    @Test
    void deletionsWhileTheConnectionWasBrokenForMoreThan15Days_areAppliedAfterReconnecting() {
        SalesforceConnection c = fx.connections.get(UserId.of(ALICE)).orElseThrow();
        fx.connections.save(new SalesforceConnection(c.userId(), c.orgId(), c.sfUserId(), c.instanceUrl(),
                c.encryptedRefreshToken(), ConnectionState.BROKEN, c.connectedAt(), "refused", c.version()));
        fx.clock.advance(Duration.ofDays(1));
        fx.salesforce.userDeletes(sfIdOfMine());
        fx.clock.advance(Duration.ofDays(20)); // gone from the recycle bin and from the deletion log
        fx.sweep(ALICE);

        fx.reconnect(ALICE, fx.salesforce, ALICE_SF);
        fx.sweep(ALICE);

        assertThat(liveInSalesConnect(fromSalesConnect.taskId())).isFalse();
        assertThat(liveInSalesConnect(importedId())).isTrue();
    }

    @Test
    void anOwnerChangeToSomeoneWhoDoesNotSync_leavesTheListWithinOneSweep_evenWithoutItsMessage() {
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(fromSalesforce.id(), Map.of("OwnerId", BOB_SF)); // the outbound message is lost

        fx.clock.advance(Duration.ofMinutes(5));
        fx.sweep(ALICE);

        assertThat(liveInSalesConnect(importedId())).isFalse();
        assertThat(fx.salesforce.get(fromSalesforce.id()).deleted()).isFalse();
    }

    @Test
    void reEnable_settlesEveryPairChangedWhileOff_onBothSides_whateverTheAgeOfTheChange() {
        fx.settingsService.disable(UserId.of(ALICE));
        fx.clock.advance(Duration.ofHours(1));
        fx.salesforce.userEdits(fromSalesforce.id(), Map.of("Subject", "edited in Salesforce while off"));
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(fromSalesConnect.taskId()),
                TaskFields.todo("edited in Sales Connect while off"));
        fx.pushStream(); // sync is off: nothing goes
        fx.clock.advance(Duration.ofDays(3)); // older than the first sync's 24 hours

        fx.enable(ALICE);
        SweepResult r = fx.sweep(ALICE);

        assertThat(r.kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(importedId())).orElseThrow().fields().subject())
                .isEqualTo("edited in Salesforce while off");
        assertThat(fx.salesforce.get(sfIdOfMine()).subject()).isEqualTo("edited in Sales Connect while off");
    }

    @Test
    void reEnable_appliesDeletionsMadeWhileOff_onBothSides() {
        fx.settingsService.disable(UserId.of(ALICE));
        fx.clock.advance(Duration.ofHours(1));
        fx.taskService.delete(UserId.of(ALICE), TaskId.of(importedId()));
        fx.pushStream();
        fx.salesforce.userDeletes(sfIdOfMine());
        fx.clock.advance(Duration.ofSeconds(20)); // within the minute getDeleted cannot see yet

        fx.enable(ALICE);
        fx.sweep(ALICE);

        assertThat(fx.salesforce.get(fromSalesforce.id()).deleted()).isTrue();
        assertThat(liveInSalesConnect(fromSalesConnect.taskId())).isFalse();
        assertThat(fx.tasks.live(ALICE)).isEmpty();
    }

    @Test
    void aFirstSyncRunningInOneSweep_isNotStartedAgainByAnother() {
        fx.settingsService.disable(UserId.of(ALICE));
        fx.enable(ALICE);
        fx.salesforce.resetCounts();
        // A second sweep (a tick) reaches the user while the first one still holds the first sync.
        fx.salesforce.afterNext("queryAll", () -> assertThat(fx.sweep(ALICE).kind())
                .isEqualTo(SweepResult.Kind.FIRST_SYNC_RUNNING));

        assertThat(fx.sweep(ALICE).kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);
        assertThat(fx.salesforce.calls("query")).hasSize(1);
    }

    @Test
    void aFirstSyncWhoseSweepDied_isResumedOnceItsLeaseRanOut() {
        fx.settingsService.disable(UserId.of(ALICE));
        fx.enable(ALICE);
        fx.salesforce.afterNext("query", () -> {
            throw new SweepDied();
        });
        try {
            fx.sweep(ALICE);
        } catch (SweepDied expected) {
            // the invocation ended there
        }
        assertThat(fx.sweep(ALICE).kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_RUNNING);

        fx.clock.advance(FirstSyncRun.MAX_LEASE.plusMinutes(1));

        assertThat(fx.sweep(ALICE).kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);
    }

    private static final class SweepDied extends Error {
    }
}
