package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static com.salesconnect.tasksync.testing.SyncFixture.BOB;
import static com.salesconnect.tasksync.testing.SyncFixture.BOB_SF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep as a slow safety net while an org's change events flow (issue 10): hourly instead of every 5 minutes,
 * back to full pace when events stop or a GAP arrives.
 */
class ChangeEventPaceTest {

    private final SyncFixture fx = new SyncFixture();

    @BeforeEach
    void twoUsersOfOneOrg_aliceProbesIt() {
        fx.salesforce.viewAllData(ALICE_SF, true);
        for (String[] u : List.of(new String[]{ALICE, ALICE_SF}, new String[]{BOB, BOB_SF})) {
            fx.connect(u[0], u[1]);
            fx.settingsService.enable(UserId.of(u[0]));
            fx.sweep(u[0]);
        }
        tick(); // the first probe (Alice's first sync made her the org's prober)
        tick();
    }

    /** The schedule's tick as in AWS: the fan-out, then the sweep of each user it published. */
    private void tick() {
        fx.clock.advance(Duration.ofMinutes(5));
        fx.events.takeSweepRequests();
        fx.sweep.fanOut(fx.clock.instant());
        for (String user : fx.events.takeSweepRequests()) {
            fx.sweep(user);
        }
    }

    /** An hour of ticks with events arriving (or not) in between; returns the Salesforce calls made. */
    private int anHour(boolean eventsFlow) {
        fx.salesforce.resetCounts();
        for (int i = 0; i < 12; i++) {
            if (eventsFlow) {
                fx.orgLimits.changeEventSeen(OrgId.of(FakeSalesforce.ORG_ID), fx.clock.instant());
            }
            tick();
        }
        return fx.salesforce.callCount();
    }

    @Test
    void idleOrg_withChangeEventsFlowing_itsSweepCallsPerHourDropAtLeastTenfold() {
        int polling = anHour(false);
        int flowing = anHour(true);
        int stillFlowing = anHour(true);

        System.out.printf("idle org, 2 users: Salesforce calls per hour polling=%d, events flowing=%d and %d%n",
                polling, flowing, stillFlowing);
        assertThat(polling).isEqualTo(12);
        assertThat(stillFlowing).as("the hourly safety net still runs").isBetween(1, polling / 10);
    }

    /**
     * The org's probe sets its users' hour. The schedule's ticks land seconds away from whole 5 minutes (AWS's
     * invocations are late by a few seconds; the benchmark's shared clock runs 5 min 16 s a tick), and a user's log
     * checkpoint is Salesforce's whole-minute coverage, before the tick: counted from it, a user came due a tick before
     * the probe, found no fresh probe and read its own logs; then its checkpoint was a tick ahead of the probe's for
     * good, and every hour each user read its own logs (the benchmark's idle CDC hour: 16 calls instead of 1).
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 16, 44, 59, 100})
    void theHourlySafetyNet_usesTheOrgsProbe_whateverTheTicksDrift(int driftSeconds) {
        for (int i = 0; i < 36; i++) {
            fx.orgLimits.changeEventSeen(OrgId.of(FakeSalesforce.ORG_ID), fx.clock.instant());
            fx.clock.advance(Duration.ofSeconds(driftSeconds));
            tick();
        }
        fx.salesforce.resetCounts();
        for (int i = 0; i < 36; i++) {
            fx.orgLimits.changeEventSeen(OrgId.of(FakeSalesforce.ORG_ID), fx.clock.instant());
            fx.clock.advance(Duration.ofSeconds(driftSeconds));
            tick();
        }

        assertThat(fx.salesforce.calls("getUpdated")).as("users reading their own logs").isEmpty();
        assertThat(fx.salesforce.calls("getDeleted")).as("users reading their own logs").isEmpty();
        long hours = 36L * (300 + driftSeconds) / 3600;
        assertThat(fx.salesforce.calls("orgChanges")).as("one probe an hour").hasSizeBetween((int) hours,
                (int) hours + 1);
    }

    /**
     * A user whose own hour does not match its org's probe (here Bob, whose settle the operator asked for read his
     * own logs 25 minutes after the probe) joins the probe's hour at its next probe, instead of reading his own logs
     * every hour from then on.
     */
    @Test
    void aUserOutOfStepWithTheProbe_joinsItsHour() {
        anHour(true);
        for (int i = 0; i < 5; i++) {
            fx.orgLimits.changeEventSeen(OrgId.of(FakeSalesforce.ORG_ID), fx.clock.instant());
            tick();
        }
        fx.clock.advance(Duration.ofMinutes(1));
        fx.settingsService.requestReconciliation(UserId.of(BOB));
        fx.sweep(BOB);
        for (int i = 0; i < 12; i++) {
            fx.orgLimits.changeEventSeen(OrgId.of(FakeSalesforce.ORG_ID), fx.clock.instant());
            tick();
        }
        fx.salesforce.resetCounts();

        for (int i = 0; i < 24; i++) {
            fx.orgLimits.changeEventSeen(OrgId.of(FakeSalesforce.ORG_ID), fx.clock.instant());
            tick();
        }

        assertThat(fx.salesforce.calls("getUpdated")).as("Bob reading his own logs").isEmpty();
        assertThat(fx.salesforce.calls("getDeleted")).as("Bob reading his own logs").isEmpty();
        assertThat(fx.salesforce.calls("orgChanges")).as("one probe an hour").hasSize(2);
    }

    /** The operator's resync (or redrive) does not wait for the hourly safety net: the settle runs at once. */
    @Test
    void aSettleAskedFor_runsAtOnce_whileEventsFlow() {
        anHour(true);
        fx.clock.advance(Duration.ofMinutes(1));
        fx.orgLimits.changeEventSeen(OrgId.of(FakeSalesforce.ORG_ID), fx.clock.instant());
        fx.settingsService.requestReconciliation(UserId.of(BOB));

        fx.sweep(BOB);

        assertThat(fx.settings.get(UserId.of(BOB)).orElseThrow().sweep().settling()).as("still settling").isFalse();
    }

    @Test
    void aGap_bringsTheSweepBackToFullPace_atTheNextTick() {
        anHour(true);
        fx.clock.advance(Duration.ofMinutes(1));
        fx.orgLimits.changeEventGap(OrgId.of(FakeSalesforce.ORG_ID), fx.clock.instant());
        fx.salesforce.resetCounts();

        tick();

        assertThat(fx.salesforce.calls("orgChanges")).hasSize(1);
    }

    /**
     * A GAP says changes were missed; the events that follow it flow again, but they do not bring back what the gap
     * lost: one sweep at full pace must still run to catch up (then the hourly pace resumes). A deletion whose event
     * the gap swallowed leaves Sales Connect at that sweep, not up to an hour later.
     */
    @Test
    void aGapFollowedAtOnceByMoreEvents_stillSweepsOnceToCatchUp() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "Call Bob");
        fx.deliverNotificationsFor(sf.id());
        anHour(true);
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userDeletes(sf.id()); // its change event is lost in the gap
        fx.orgLimits.changeEventGap(OrgId.of(FakeSalesforce.ORG_ID), fx.clock.instant());
        fx.clock.advance(Duration.ofSeconds(1));
        fx.orgLimits.changeEventSeen(OrgId.of(FakeSalesforce.ORG_ID), fx.clock.instant());
        fx.salesforce.resetCounts();

        tick();

        assertThat(fx.salesforce.calls("orgChanges")).hasSize(1);
        assertThat(fx.tasks.get(UserId.of(ALICE),
                TaskId.of(SalesforceIds.importedTaskId(sf.id()))).orElseThrow().deleted()).isTrue();
        fx.orgLimits.changeEventSeen(OrgId.of(FakeSalesforce.ORG_ID), fx.clock.instant());
        fx.salesforce.resetCounts();
        tick();
        assertThat(fx.salesforce.calls("orgChanges")).as("caught up: the hourly pace again").isEmpty();
    }

    @Test
    void eventsThatStop_bringTheSweepBackToFullPace_afterTheQuietTime() {
        anHour(true);
        fx.clock.advance(ChangeEventPace.DEFAULT.quietAfter());
        fx.salesforce.resetCounts();

        tick();
        tick();

        assertThat(fx.salesforce.calls("orgChanges")).hasSize(2);
    }

    @Test
    void aDeletionWhoseEventWasLost_isStillAppliedByTheHourlySafetyNet() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "Call Bob");
        fx.deliverNotificationsFor(sf.id());
        anHour(true);
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userDeletes(sf.id()); // its change event never arrives

        for (int i = 0; i < 12; i++) {
            fx.orgLimits.changeEventSeen(OrgId.of(FakeSalesforce.ORG_ID), fx.clock.instant());
            tick();
        }

        assertThat(fx.tasks.get(UserId.of(ALICE),
                TaskId.of(SalesforceIds.importedTaskId(sf.id()))).orElseThrow().deleted()).isTrue();
    }

    @Test
    void whileEventsFlow_pendingPushesAreStillRetriedAtEveryTick() {
        anHour(true);
        fx.clock.advance(Duration.ofMinutes(1));
        fx.orgLimits.changeEventSeen(OrgId.of(FakeSalesforce.ORG_ID), fx.clock.instant());
        fx.taskService.create(UserId.of(ALICE),
                com.salesconnect.tasksync.task.TaskFields.todo("Made in Sales Connect"));
        fx.salesforce.fail(FakeSalesforce.Failure.UNAVAILABLE, "create", 1);
        fx.pushStream();
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).isNotEmpty();

        fx.clock.advance(PendingPushRetry.FIRST_BACKOFF);
        tick();

        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).isEmpty();
        assertThat(fx.salesforce.liveTasksOf(ALICE_SF)).extracting(SfTask::subject).contains("Made in Sales Connect");
    }
}
