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
        tick(); // Alice offers herself as the org's prober
        tick(); // the first probe
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
