package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static com.salesconnect.tasksync.testing.SyncFixture.BOB;
import static com.salesconnect.tasksync.testing.SyncFixture.BOB_SF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The org-wide probe: a tick of an idle org costs one Salesforce call whatever its number of users, and the sweeps
 * that use the probe still apply every change, deletion and owner change of their users.
 */
class OrgProbeSweepTest {

    private static final String CAROL = "user-carol";
    private static final String CAROL_SF = SalesforceIds.to18("0055g00000CAROL");

    private final SyncFixture fx = new SyncFixture();

    @BeforeEach
    void threeUsersOfOneOrg_aliceIsAnAdmin() {
        enableThreeUsers_aliceAnAdmin(fx);
        tick(); // the org's first probe (Alice's first sync nominated her): it reaches back over the users' enables
        tick();
    }

    /** Alice, Bob and Carol of one org enable sync and finish their first syncs; Alice has View All Data. */
    private static void enableThreeUsers_aliceAnAdmin(SyncFixture fx) {
        fx.salesforce.viewAllData(ALICE_SF, true);
        enable(fx, ALICE, ALICE_SF);
        enable(fx, BOB, BOB_SF);
        enable(fx, CAROL, CAROL_SF);
    }

    /** A user connects, enables sync and finishes its first sync. */
    private static void enable(SyncFixture fx, String userId, String sfUserId) {
        fx.connect(userId, sfUserId);
        fx.settingsService.enable(UserId.of(userId));
        fx.sweep(userId);
    }

    /** The schedule's tick as in AWS: the fan-out, then the sweep of each user it published. */
    private void tick() {
        tick(fx);
    }

    private static void tick(SyncFixture fx) {
        fx.clock.advance(Duration.ofMinutes(5));
        Instant tickAt = fx.clock.instant();
        fx.events.takeSweepRequests();
        fx.sweep.fanOut(tickAt);
        for (String user : fx.events.takeSweepRequests()) {
            fx.sweep(user, tickAt);
        }
    }

    private boolean liveInSalesConnect(String userId, String taskId) {
        return fx.tasks.get(UserId.of(userId), TaskId.of(taskId)).map(t -> !t.deleted()).orElse(false);
    }

    @Test
    void anIdleOrgsTick_costsOneSalesforceCall_whateverItsNumberOfUsers() {
        fx.salesforce.resetCounts();

        tick();

        assertThat(fx.salesforce.calls()).extracting(FakeSalesforce.Call::operation).containsExactly("orgChanges");
        assertThat(fx.salesforce.calls().get(0).sfUserId()).isEqualTo(ALICE_SF);
    }

    /**
     * An org whose admin enables after the others (who read the logs user by user at their first tick): the admin's
     * first sync nominates it, and the first probe of the org's chain reaches back over the others' checks, so the
     * next tick costs the org one call, not three a user once more.
     */
    @Test
    void aProberNominatedAfterTheOthersTicked_servesThemAtOnce_theChainsFirstProbeReachesBackOverTheirChecks() {
        SyncFixture team = new SyncFixture();
        team.salesforce.viewAllData(ALICE_SF, true);
        enable(team, BOB, BOB_SF);
        enable(team, CAROL, CAROL_SF);
        tick(team); // no prober: Bob and Carol read the logs themselves
        enable(team, ALICE, ALICE_SF); // her first sync asks, she sees every task: nominated

        aTickCostsTheOrgOneCall_andBobsChangeWhoseMessageWasLostStillComes(team);
    }

    /**
     * A team that enables together, the admin among them: the admin's first sync asks whether it sees every task and
     * nominates it, so the team's very first tick is the org's first probe (reaching back over their enables), one
     * call for the whole org instead of three a user reading the logs themselves.
     */
    @Test
    void theFirstTickAfterATeamEnabled_costsTheOrgOneCall_theAdminsFirstSyncNominatedIt() {
        SyncFixture team = new SyncFixture();
        enableThreeUsers_aliceAnAdmin(team);
        assertThat(team.orgProbes.probers(null, 10).items()).extracting(p -> p.userId()).containsExactly(ALICE);

        aTickCostsTheOrgOneCall_andBobsChangeWhoseMessageWasLostStillComes(team);
    }

    /** The next tick costs the org one call (its probe), and the tick after applies what the next probe saw. */
    private static void aTickCostsTheOrgOneCall_andBobsChangeWhoseMessageWasLostStillComes(SyncFixture team) {
        team.salesforce.resetCounts();
        tick(team);
        assertThat(team.salesforce.calls()).extracting(FakeSalesforce.Call::operation).containsExactly("orgChanges");

        SfTask bobs = team.salesforce.userCreates(BOB_SF, "Bob's new task, its message lost");
        tick(team);
        assertThat(team.tasks.get(UserId.of(BOB), TaskId.of(SalesforceIds.importedTaskId(bobs.id()))))
                .hasValueSatisfying(t -> assertThat(t.deleted()).isFalse());
    }

    /**
     * A first sync asks at most once whether its user could probe the org (a user who cannot is remembered for a
     * week), and a Salesforce that fails the question leaves the first sync done: the user's sweeps ask again.
     */
    @Test
    void aFirstSyncsOffer_isAskedOnce_andItsFailureLeavesTheFirstSyncDone() {
        SyncFixture team = new SyncFixture();
        team.connect(BOB, BOB_SF);
        team.settingsService.enable(UserId.of(BOB));
        team.salesforce.fail(FakeSalesforce.Failure.UNAVAILABLE, "seesAllTasks", 1);

        assertThat(team.sweep(BOB).kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);

        enable(team, CAROL, CAROL_SF);
        team.salesforce.resetCounts();
        tick(team); // no prober: each reads the logs; Bob asks again (his question failed), Carol does not
        assertThat(team.salesforce.calls("seesAllTasks")).extracting(FakeSalesforce.Call::sfUserId)
                .containsExactly(BOB_SF);
        assertThat(team.orgProbes.probers(null, 10).items()).isEmpty();
    }

    /**
     * Once the org has a prober, its other users do not each ask Salesforce whether they see every task (one call
     * and two writes a user, for a team that enabled together): the prober's first probe serves them all.
     */
    @Test
    void onceTheOrgHasAProber_itsOtherUsersDoNotAskWhetherTheySeeEveryTask() {
        SyncFixture team = new SyncFixture();
        enableThreeUsers_aliceAnAdmin(team); // Alice's first sync asks, sees every task: nominated
        team.clock.advance(Duration.ofMinutes(5));
        team.sweep(ALICE);
        team.sweep(BOB);
        team.sweep(CAROL);

        assertThat(team.salesforce.calls("seesAllTasks")).extracting(FakeSalesforce.Call::sfUserId)
                .containsExactly(ALICE_SF);
        assertThat(team.orgProbes.probers(null, 10).items()).extracting(p -> p.userId()).containsExactly(ALICE);
    }

    /** A prober nominated but never probing (its connection broke) is replaced: after two hours the others ask. */
    @Test
    void aProberThatHasNotProbedForTwoHoursSinceItsNomination_letsTheOthersAskAgain() {
        SyncFixture team = new SyncFixture();
        enableThreeUsers_aliceAnAdmin(team);
        team.orgProbes.nominate(OrgId.of(team.salesforce.orgId()), UserId.of(ALICE));
        team.clock.advance(OrgProbes.PROBER_LOST.plusMinutes(1));
        team.salesforce.resetCounts();

        team.sweep(BOB);

        assertThat(team.salesforce.calls("seesAllTasks")).extracting(FakeSalesforce.Call::sfUserId)
                .containsExactly(BOB_SF);
    }

    /**
     * A tick whose sweeps take long (a big org, a throttled function, 2 cores locally): a user swept ten minutes after
     * the fan-out still uses the tick's probe, while a sweep of no tick (an operator's resync) that late reads the
     * logs itself.
     */
    @Test
    void aTicksLateSweep_stillUsesTheTicksProbe_aSweepOfNoTickThatLateReadsTheLogsItself() {
        fx.clock.advance(Duration.ofMinutes(5));
        Instant tickAt = fx.clock.instant();
        fx.sweep.fanOut(tickAt);
        fx.clock.advance(Duration.ofMinutes(10));
        fx.salesforce.resetCounts();

        assertThat(fx.sweep(BOB, tickAt).kind()).isEqualTo(SweepResult.Kind.INCREMENTAL);
        assertThat(fx.salesforce.calls()).as("the tick's probe: nothing changed in the org").isEmpty();

        fx.sweep(CAROL);
        assertThat(fx.salesforce.calls()).extracting(FakeSalesforce.Call::operation)
                .containsExactly("getUpdated", "getDeleted", "queryAll");
        assertThat(fx.salesforce.calls()).extracting(FakeSalesforce.Call::sfUserId).containsOnly(CAROL_SF);
    }


    /**
     * EventBridge delivers at least once, and Lambda retries an invocation that failed: a user's sweep of one tick can
     * run twice. The second finds its checks already at the tick's probe; that probe still covers it, so it costs no
     * Salesforce call (before, it read the logs itself: three calls a user for every event delivered twice).
     */
    @Test
    void aTicksSweepDeliveredTwice_usesTheTicksProbeBothTimes_noCallOfItsOwn() {
        fx.clock.advance(Duration.ofMinutes(5));
        Instant tickAt = fx.clock.instant();
        fx.sweep.fanOut(tickAt);
        fx.salesforce.resetCounts();

        fx.sweep(BOB, tickAt);
        fx.clock.advance(Duration.ofSeconds(30));
        assertThat(fx.sweep(BOB, tickAt).kind()).isEqualTo(SweepResult.Kind.INCREMENTAL);

        assertThat(fx.salesforce.calls()).as("both sweeps: the tick's probe, nothing changed in the org").isEmpty();
    }

    /** A change made between the two deliveries waits for the next probe; nothing it shows is skipped or lost. */
    @Test
    void aChangeBetweenTwoDeliveriesOfATicksSweep_comesWithTheNextTick() {
        fx.clock.advance(Duration.ofMinutes(5));
        Instant tickAt = fx.clock.instant();
        fx.sweep.fanOut(tickAt);
        fx.sweep(BOB, tickAt);
        fx.clock.advance(Duration.ofSeconds(30));
        SfTask bobs = fx.salesforce.userCreates(BOB_SF, "Bob's task, made between the deliveries, its message lost");
        fx.sweep(BOB, tickAt);

        tick();

        assertThat(liveInSalesConnect(BOB, SalesforceIds.importedTaskId(bobs.id()))).isTrue();
    }
    @Test
    void aSweepJustBeforeTheFanOut_doesNotKeepTheOthersFromTheTicksProbe() {
        fx.clock.advance(Duration.ofMinutes(5).minusSeconds(5));
        fx.sweep(CAROL); // a sweep request of the last tick, late: it reads the org's probe of then
        fx.clock.advance(Duration.ofSeconds(5));
        fx.salesforce.resetCounts();

        fx.events.takeSweepRequests();
        fx.sweep.fanOut(fx.clock.instant());
        for (String user : fx.events.takeSweepRequests()) {
            fx.sweep(user);
        }

        assertThat(fx.salesforce.calls()).extracting(FakeSalesforce.Call::operation).containsExactly("orgChanges");
    }

    @Test
    void aChangeInTheOrg_isAppliedByTheProbesUsers_eachAskingOnlyForItsOwnTasks() {
        SfTask bobs = fx.salesforce.userCreates(BOB_SF, "Bob's new task, its message lost");
        fx.salesforce.resetCounts();

        tick();

        assertThat(liveInSalesConnect(BOB, SalesforceIds.importedTaskId(bobs.id()))).isTrue();
        assertThat(fx.salesforce.calls("orgChanges")).hasSize(1);
        assertThat(fx.salesforce.calls("getUpdated")).isEmpty();
        assertThat(fx.salesforce.calls("getDeleted")).isEmpty();
    }

    @Test
    void aDeletionAndAnOwnerChangeInSalesforce_reachSalesConnect_throughTheProbe() {
        ScTask mine = fx.taskService.create(UserId.of(BOB), TaskFields.todo("Bob's, made in Sales Connect"));
        fx.pushStream();
        SfTask carols = fx.salesforce.userCreates(CAROL_SF, "Carol's");
        tick();
        String bobsSfId = fx.links.get(UserId.of(BOB), TaskId.of(mine.taskId())).orElseThrow().sfId();
        assertThat(liveInSalesConnect(CAROL, SalesforceIds.importedTaskId(carols.id()))).isTrue();

        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userDeletes(bobsSfId);
        fx.salesforce.userEdits(carols.id(), Map.of("OwnerId", SalesforceIds.to18("0055g00000DAVID")));
        fx.salesforce.resetCounts();
        tick();

        assertThat(liveInSalesConnect(BOB, mine.taskId())).isFalse();
        assertThat(liveInSalesConnect(CAROL, SalesforceIds.importedTaskId(carols.id()))).isFalse();
        assertThat(fx.salesforce.calls("getDeleted")).isEmpty();
    }

    @Test
    void aProberThatLosesViewAllData_isRetired_andUsersReadTheLogsThemselvesAgain() {
        fx.salesforce.viewAllData(ALICE_SF, false);
        tick(); // the probe learns it, discards its look and retires Alice
        fx.salesforce.resetCounts();
        SfTask carols = fx.salesforce.userCreates(CAROL_SF, "Carol's");

        tick();

        assertThat(fx.salesforce.calls("orgChanges")).isEmpty();
        assertThat(fx.salesforce.calls("getUpdated")).hasSize(3);
        assertThat(liveInSalesConnect(CAROL, SalesforceIds.importedTaskId(carols.id()))).isTrue();
    }

    @Test
    void anOrgWithoutAnAdmin_asksEachUserOnceAWeek_andSweepsUserByUser() {
        SyncFixture other = new SyncFixture();
        other.connect(BOB, BOB_SF);
        other.settingsService.enable(UserId.of(BOB));
        other.sweep(BOB);
        for (int i = 0; i < 3; i++) {
            other.clock.advance(Duration.ofMinutes(5));
            other.sweep.fanOut(other.clock.instant());
            other.sweep(BOB);
        }

        assertThat(other.salesforce.calls("seesAllTasks")).hasSize(1);
        assertThat(other.salesforce.calls("orgChanges")).isEmpty();
        assertThat(other.orgProbes.probers(null, 10).items()).isEmpty();
    }

    @Test
    void aUserWhoseChecksBeganBeforeTheProbe_readsTheLogsItself_once() {
        fx.settingsService.disable(UserId.of(CAROL));
        tick();
        tick();
        fx.enable(CAROL);
        fx.sweep(CAROL); // first sync again: its checks begin at the re-enable
        fx.salesforce.resetCounts();

        tick();

        assertThat(fx.salesforce.calls("orgChanges")).hasSize(1);
        assertThat(fx.salesforce.calls("getUpdated")).extracting(c -> c.sfUserId()).doesNotContain(ALICE_SF, BOB_SF);
    }

    @Test
    void aStoreThatFailsTheProbe_neverFailsTheFanOut_theTicksSweepsReadSalesforceThemselves() {
        SfTask bobs = fx.salesforce.userCreates(BOB_SF, "Bob's, its message lost");
        fx.orgProbes.faults.failNext("save");
        tick();
        assertThat(liveInSalesConnect(BOB, SalesforceIds.importedTaskId(bobs.id()))).isTrue();

        SfTask carols = fx.salesforce.userCreates(CAROL_SF, "Carol's, its message lost");
        fx.orgProbes.faults.failNext("probers");
        tick();
        assertThat(liveInSalesConnect(CAROL, SalesforceIds.importedTaskId(carols.id()))).isTrue();
    }
}
