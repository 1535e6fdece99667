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
import java.util.List;
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
        tick(); // each user asks once whether it sees every task: Alice does, and probes from now on
        tick(); // the org's first probe: it reaches back over the users' checks of the tick before
    }

    /** Alice, Bob and Carol of one org enable sync and finish their first syncs; Alice has View All Data. */
    private static void enableThreeUsers_aliceAnAdmin(SyncFixture fx) {
        fx.salesforce.viewAllData(ALICE_SF, true);
        for (String[] u : List.of(new String[]{ALICE, ALICE_SF}, new String[]{BOB, BOB_SF},
                new String[]{CAROL, CAROL_SF})) {
            fx.connect(u[0], u[1]);
            fx.settingsService.enable(UserId.of(u[0]));
            fx.sweep(u[0]); // first sync
        }
    }

    /** The schedule's tick as in AWS: the fan-out, then the sweep of each user it published. */
    private void tick() {
        tick(fx);
    }

    private static void tick(SyncFixture fx) {
        fx.clock.advance(Duration.ofMinutes(5));
        fx.events.takeSweepRequests();
        fx.sweep.fanOut(fx.clock.instant());
        for (String user : fx.events.takeSweepRequests()) {
            fx.sweep(user);
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
     * An org whose users all enable at once (a team turned on together): the first tick reads the logs user by
     * user and nominates the admin; the first probe of the org's chain reaches back over those users' checks, so
     * the very next tick costs the org one call, not three a user once more.
     */
    @Test
    void theTickAfterTheNomination_costsOneCall_theChainsFirstProbeReachesBackOverTheUsersChecks() {
        SyncFixture team = new SyncFixture();
        enableThreeUsers_aliceAnAdmin(team);
        tick(team); // each user reads the logs itself and asks whether it sees every task: Alice does
        team.salesforce.resetCounts();

        tick(team);

        assertThat(team.salesforce.calls()).extracting(FakeSalesforce.Call::operation).containsExactly("orgChanges");
        SfTask bobs = team.salesforce.userCreates(BOB_SF, "Bob's new task, its message lost");
        tick(team);
        assertThat(team.tasks.get(UserId.of(BOB), TaskId.of(SalesforceIds.importedTaskId(bobs.id()))))
                .hasValueSatisfying(t -> assertThat(t.deleted()).isFalse());
    }

    /**
     * Once the org has a prober, its other users do not each ask Salesforce whether they see every task (one call
     * and two writes a user, for a team that enabled together): the prober's first probe serves them all.
     */
    @Test
    void onceTheOrgHasAProber_itsOtherUsersDoNotAskWhetherTheySeeEveryTask() {
        SyncFixture team = new SyncFixture();
        enableThreeUsers_aliceAnAdmin(team);
        team.clock.advance(Duration.ofMinutes(5));
        team.salesforce.resetCounts();

        team.sweep(ALICE); // asks, sees every task: nominated
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
