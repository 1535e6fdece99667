package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.OrgUsage;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static org.assertj.core.api.Assertions.assertThat;

/** The org-wide API budget: the sync's share of the org's daily limit stays under its ceiling, nothing is dropped. */
class ApiBudgetTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");

    private static ApiBudget.Pace pace(long ownCalls, long orgUsed, long orgLimit) {
        return ApiBudget.of(new OrgUsage(ownCalls, orgUsed, orgLimit, NOW), 0.10).pace();
    }

    @Test
    void theRule_normalUnderThreeQuartersOfTheCeiling_slowerNearIt_hourlyAtIt_orWhenTheOrgIsNearlyOut() {
        assertThat(pace(1_000, 20_000, 100_000)).isEqualTo(ApiBudget.Pace.NORMAL);
        assertThat(pace(7_500, 20_000, 100_000)).isEqualTo(ApiBudget.Pace.SLOWER);
        assertThat(pace(10_000, 20_000, 100_000)).isEqualTo(ApiBudget.Pace.SLOWEST);
        assertThat(pace(100, 90_000, 100_000)).as("the customer's other integrations need the rest")
                .isEqualTo(ApiBudget.Pace.SLOWEST);
        assertThat(pace(5_000, 0, 0)).as("no limit reported yet").isEqualTo(ApiBudget.Pace.NORMAL);
        assertThat(ApiBudget.Pace.SLOWEST.interval()).as("never slower than hourly").isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theReason_saysTheShareAndTheCeiling() {
        assertThat(ApiBudget.of(new OrgUsage(12_000, 30_000, 100_000, NOW), 0.10).reason())
                .contains("12.0 % of the org's daily limit (ceiling 10 %)").contains("hourly");
    }

    @Test
    void anOrgOverItsBudget_isSweptHourly_andPushesWaitForThatSweep_whichSendsThemTogether() {
        SyncFixture fx = new SyncFixture();
        fx.aliceEnabled();
        fx.sweep(ALICE);
        fx.clock.advance(Duration.ofMinutes(5));
        fx.sweep(ALICE);
        fx.orgLimits.addCalls(OrgId.of(fx.salesforce.orgId()), fx.clock.instant(), 1_500, 20_000, 15_000);
        fx.clock.advance(Duration.ofMinutes(2)); // what the sweep and the pusher read of the org's use is fresh

        ScTask a = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("first while throttled"));
        ScTask b = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("second while throttled"));
        fx.salesforce.resetCounts();
        assertThat(fx.pushStream()).as("nothing to retry: the pushes wait as pending pushes").isEmpty();
        fx.clock.advance(Duration.ofMinutes(5));
        SweepResult early = fx.sweep(ALICE);

        assertThat(early.kind()).isEqualTo(SweepResult.Kind.SKIPPED_THROTTLED);
        assertThat(fx.salesforce.callCount()).isZero();
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).hasSize(2);

        fx.clock.advance(Duration.ofHours(1));
        SweepResult hourly = fx.sweep(ALICE);

        assertThat(hourly.kind()).isEqualTo(SweepResult.Kind.INCREMENTAL);
        assertThat(fx.links.get(UserId.of(ALICE), TaskId.of(a.taskId())).orElseThrow().sfId()).isNotNull();
        assertThat(fx.links.get(UserId.of(ALICE), TaskId.of(b.taskId())).orElseThrow().sfId()).isNotNull();
        assertThat(fx.salesforce.calls("create")).as("both in one call").hasSize(1);
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).isEmpty();
    }

    @Test
    void theSettingsPage_saysWhenAndWhyTheOrgIsSlowedDown() {
        SyncFixture fx = new SyncFixture();
        SettingsService settings = SettingsService.withApiBudget(fx.settings, fx.connections, fx.events, fx.clock,
                fx.orgLimits, 0.10);
        fx.aliceEnabled();
        assertThat(settings.view(UserId.of(ALICE)).apiBudget()).isNull();

        fx.orgLimits.addCalls(OrgId.of(fx.salesforce.orgId()), fx.clock.instant(), 800, 3_000, 10_000);
        fx.clock.advance(Duration.ofMinutes(2));

        assertThat(settings.view(UserId.of(ALICE)).apiBudget())
                .contains("8.0 % of the org's daily limit (ceiling 10 %)")
                .contains("every 15 minutes");
    }

    /**
     * The budget is what the Settings page tells besides the settings: when it cannot be read (the store slow or
     * failing), turning sync on still works, and the page leaves the budget out (found by the bench: PUT /settings
     * answered 500 when the read timed out).
     */
    @Test
    void theSettingsPage_worksWhenTheBudgetCannotBeRead() {
        SyncFixture fx = new SyncFixture();
        SettingsService settings = SettingsService.withApiBudget(fx.settings, fx.connections, fx.events, fx.clock,
                fx.orgLimits, 0.10);
        fx.connect(ALICE, ALICE_SF);
        fx.orgLimits.faults.failNext("usage");

        SettingsView view = SyncFixture.enabled(settings.enable(UserId.of(ALICE)));

        assertThat(view.enabled()).isTrue();
        assertThat(view.apiBudget()).isNull();
        assertThat(fx.settings.get(UserId.of(ALICE)).orElseThrow().enabled()).isTrue();
    }
}
