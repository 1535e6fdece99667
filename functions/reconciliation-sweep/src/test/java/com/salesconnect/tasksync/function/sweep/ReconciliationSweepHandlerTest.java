package com.salesconnect.tasksync.function.sweep;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.store.UserConfig;
import com.salesconnect.tasksync.store.UserConfigStore;
import com.salesconnect.tasksync.sync.SyncStores;
import com.salesconnect.tasksync.testing.FakeSyncEventPublisher;
import com.salesconnect.tasksync.testing.SyncFixture;
import com.salesconnect.tasksync.wiring.EventFiles;
import com.salesconnect.tasksync.wiring.FixtureAdapters;
import com.salesconnect.tasksync.wiring.LiveSync;
import com.salesconnect.tasksync.wiring.TestLambdaContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The handler's dispatch and time budget over in-memory fakes, fed with events/reconciliation-sweep. */
class ReconciliationSweepHandlerTest {

    private static final String USER = LiveSync.USER;

    private final SyncFixture fx = new SyncFixture();
    private final ReconciliationSweepHandler handler = new ReconciliationSweepHandler(FixtureAdapters.components(fx));

    @SuppressWarnings("unchecked")
    static Map<String, Object> event(String file) {
        return new HashMap<>(EventLoader.loadEvent(EventFiles.path("reconciliation-sweep/" + file), Map.class));
    }

    private void enabled(String userId, String sfUserId) {
        fx.connect(userId, sfUserId);
        fx.enable(userId);
    }

    @Test
    void theSchedule_fansOutTheEnabledUsers_inBatchesOnTheBus() {
        enabled(USER, SyncFixture.ALICE_SF);
        enabled("other", SyncFixture.BOB_SF);

        Map<String, Object> result = handler.handleRequest(event("schedule.json"), TestLambdaContext.of("r"));

        assertThat(result).containsEntry("usersFannedOut", 2);
        assertThat(fx.events.sweepRequests()).singleElement().satisfies(r -> {
            assertThat(r.userIds()).containsExactlyInAnyOrder(USER, "other");
            assertThat(r.scheduledAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        });
    }

    @Test
    void syncEnabled_runsThatUsersFirstSyncAtOnce() {
        enabled(USER, SyncFixture.ALICE_SF);
        fx.salesforce.userCreates(SyncFixture.ALICE_SF, "Call Ada");

        Map<String, Object> result = handler.handleRequest(event("sync-enabled.json"), TestLambdaContext.of("r"));

        assertThat(result).containsEntry("result", "FIRST_SYNC_DONE");
        assertThat(fx.settings.get(UserId.of(USER)).orElseThrow().firstSync().state()).isEqualTo(FirstSyncState.DONE);
        assertThat(fx.tasks.all()).extracting(t -> t.fields().subject()).containsExactly("Call Ada");
    }

    @Test
    void syncEnabled_thatFails_isThrown_soEventBridgeRetriesIt() {
        enabled(USER, SyncFixture.ALICE_SF);
        fx.settings.faults.failNext("get");

        assertThatThrownBy(() -> handler.handleRequest(event("sync-enabled.json"), TestLambdaContext.of("r")))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void userSweepRequested_sweepsEachUser_andAFailingOneDoesNotStopTheOthers() {
        enabled(USER, SyncFixture.ALICE_SF);
        Map<String, Object> event = event("user-sweep-requested.json");
        fx.settings.faults.failNext("get");

        Map<String, Object> result = handler.handleRequest(event, TestLambdaContext.of("r"));

        assertThat(result).containsEntry("swept", 1).containsEntry("failed", 1).containsEntry("republished", 0);
    }

    @Test
    void userSweepRequested_readsItsUsersSettingsAhead_beforeTheFirstSweep() {
        enabled(USER, SyncFixture.ALICE_SF);
        List<String> reads = new ArrayList<>();
        SyncStores s = fx.stores;
        UserConfigStore configs = s.userConfigs();
        SyncStores recorded = new SyncStores(s.tasks(), s.links(), s.settings(), s.connections(), s.pendingPushes(),
                s.conflicts(), s.notifications(), s.orgLimits(), s.orgProbes(), s.webhooks(), s.health(),
                new UserConfigStore() {
                    @Override
                    public UserConfig get(UserId user) {
                        reads.add("get " + user.value());
                        return configs.get(user);
                    }

                    @Override
                    public void readAhead(List<UserId> users) {
                        reads.add("ahead " + users.stream().map(UserId::value).toList());
                    }
                }, s.orgReadAhead(), s.taskLinkReads(), s.pendingReadAhead());
        ReconciliationSweepHandler reading = new ReconciliationSweepHandler(FixtureAdapters.components(fx, recorded));
        Map<String, Object> event = event("user-sweep-requested.json");
        event.put("detail", Map.of("userIds", List.of(USER, "other")));

        Map<String, Object> result = reading.handleRequest(event, TestLambdaContext.of("r"));

        assertThat(result).containsEntry("swept", 2).containsEntry("failed", 0);
        assertThat(reads).startsWith("ahead [" + USER + ", other]", "get " + USER).contains("get other");
    }

    /**
     * A sweep request carries its tick's scheduled time, so the org's probe of that tick serves the sweep even when
     * it runs ten minutes after the fan-out (a big org's tick): no call of its own.
     */
    @Test
    void userSweepRequested_tenMinutesAfterItsTick_usesTheTicksProbe() {
        fx.salesforce.viewAllData(SyncFixture.ALICE_SF, true);
        enabled(USER, SyncFixture.ALICE_SF);
        fx.sweep(USER); // the first sync; Alice sees every task: the org's prober
        Instant tickAt = fx.clock.instant().plusSeconds(300);
        fx.clock.set(tickAt);
        fx.sweep.fanOut(tickAt);
        fx.clock.advance(Duration.ofMinutes(10));
        fx.salesforce.resetCounts();
        Map<String, Object> event = event("user-sweep-requested.json");
        event.put("detail", Map.of("userIds", List.of(USER), "scheduledAt", tickAt.toString()));

        Map<String, Object> result = handler.handleRequest(event, TestLambdaContext.of("r"));

        assertThat(result).containsEntry("swept", 1).containsEntry("failed", 0);
        assertThat(fx.salesforce.calls()).as("the tick's probe: nothing changed in the org").isEmpty();
    }

    @Test
    void userSweepRequested_outOfTime_republishesTheUsersNotStarted() {
        enabled(USER, SyncFixture.ALICE_SF);
        AtomicLong remaining = new AtomicLong(200_000);
        TestLambdaContext context = new TestLambdaContext("r", () -> remaining.getAndAdd(-150_000));

        Map<String, Object> result = handler.handleRequest(event("user-sweep-requested.json"), context);

        assertThat(result).containsEntry("swept", 1).containsEntry("republished", 1);
        assertThat(fx.events.sweepRequests()).containsExactly(new FakeSyncEventPublisher.SweepRequested(
                List.of("user-0042"), Instant.parse("2026-11-24T10:00:00Z")));
    }

    @Test
    void unknownOrMalformedEvents_areIgnored_withoutWork() {
        enabled(USER, SyncFixture.ALICE_SF);
        Map<String, Object> unknown = event("sync-enabled.json");
        unknown.put("detail-type", "SomethingElse");
        Map<String, Object> noUser = event("sync-enabled.json");
        noUser.put("detail", Map.of());
        Map<String, Object> foreign = event("sync-enabled.json");
        foreign.put("source", "custom.myApp");

        for (Map<String, Object> event : List.of(unknown, noUser, foreign)) {
            assertThat(handler.handleRequest(event, TestLambdaContext.of("r"))).containsEntry("event", "ignored");
        }
        assertThat(fx.salesforce.callCount()).isZero();
        assertThat(fx.settings.get(UserId.of(USER)).orElseThrow().firstSync().state()).isEqualTo(FirstSyncState.QUEUED);
    }

    @Test
    void snapStartPriming_doesNoWork() throws Exception {
        handler.entry.beforeCheckpoint(null);

        assertThat(fx.salesforce.callCount()).isZero();
        assertThat(fx.events.sweepRequests()).isEmpty();
    }
}
