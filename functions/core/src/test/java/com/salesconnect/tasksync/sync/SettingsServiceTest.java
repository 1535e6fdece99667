package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.FakeSyncEventPublisher;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsServiceTest {

    private final SyncFixture fx = new SyncFixture();

    @Test
    void enable_opensAPeriodNow_queuesTheFirstSync_andAsksTheSweepToStartIt() {
        fx.connect(ALICE, ALICE_SF);

        SettingsView view = SyncFixture.enabled(fx.settingsService.enable(UserId.of(ALICE),
                ZoneId.of("Europe/Berlin")));

        assertThat(view.enabled()).isTrue();
        assertThat(view.enabledAt()).isEqualTo(SyncFixture.START);
        assertThat(view.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(view.firstSync().state()).isEqualTo(FirstSyncState.QUEUED);
        assertThat(view.previouslyEnabled()).isFalse();
        assertThat(view.connection()).isEqualTo(new SettingsView.Connection(SettingsView.ConnectionStatus.CONNECTED,
                FakeSalesforce.ORG_ID));
        assertThat(fx.events.syncEnabledEvents())
                .containsExactly(new FakeSyncEventPublisher.SyncEnabled(ALICE, SyncFixture.START));
        assertThat(fx.settings.get(UserId.of(ALICE)).orElseThrow().firstSync().reEnable()).isFalse();
    }

    @Test
    void enable_whenAlreadyEnabled_changesNothing_andSendsNoEvent() {
        fx.aliceEnabled();
        long version = fx.settings.get(UserId.of(ALICE)).orElseThrow().version();
        fx.clock.advance(Duration.ofMinutes(5));

        SettingsView again = fx.enable(ALICE);

        assertThat(again.enabledAt()).isEqualTo(SyncFixture.START);
        assertThat(fx.settings.get(UserId.of(ALICE)).orElseThrow().version()).isEqualTo(version);
        assertThat(fx.events.syncEnabledEvents()).hasSize(1);
    }

    @Test
    void enable_withoutAConnection_isRefused_andNothingIsStored() {
        assertThat(fx.settingsService.enable(UserId.of(ALICE))).isInstanceOf(EnableOutcome.NotConnected.class);
        assertThat(fx.settings.get(UserId.of(ALICE))).isEmpty();
        assertThat(fx.events.syncEnabledEvents()).isEmpty();
    }

    @Test
    void enable_withABrokenConnection_isRefused() {
        SalesforceConnection c = fx.connect(ALICE, ALICE_SF);
        fx.connections.save(new SalesforceConnection(c.userId(), c.orgId(), c.sfUserId(), c.instanceUrl(),
                c.encryptedRefreshToken(), ConnectionState.BROKEN, c.connectedAt(), "connect again", c.version()));

        assertThat(fx.settingsService.enable(UserId.of(ALICE))).isInstanceOf(EnableOutcome.NotConnected.class);
        assertThat(fx.settingsService.view(UserId.of(ALICE)).connection().state())
                .isEqualTo(SettingsView.ConnectionStatus.BROKEN);
    }

    @Test
    void disable_closesThePeriod_andReEnable_opensANewOneMarkedAsReEnable() {
        fx.aliceEnabled();
        fx.clock.advance(Duration.ofDays(2));

        SettingsView off = fx.settingsService.disable(UserId.of(ALICE));
        fx.clock.advance(Duration.ofDays(3));
        SettingsView on = fx.enable(ALICE);

        assertThat(off.enabled()).isFalse();
        assertThat(off.enabledAt()).isNull();
        assertThat(on.enabled()).isTrue();
        assertThat(on.enabledAt()).isEqualTo(SyncFixture.START.plus(Duration.ofDays(5)));
        assertThat(on.previouslyEnabled()).isTrue();
        assertThat(fx.settings.get(UserId.of(ALICE)).orElseThrow().periods()).hasSize(2);
        assertThat(fx.settings.get(UserId.of(ALICE)).orElseThrow().firstSync().reEnable()).isTrue();
        assertThat(fx.events.syncEnabledEvents()).hasSize(2);
    }

    @Test
    void disable_keepsLinks() {
        fx.aliceEnabled();
        fx.taskService.create(UserId.of(ALICE), com.salesconnect.tasksync.task.TaskFields.todo("linked"));
        fx.pushStream();
        assertThat(fx.links.all()).hasSize(1);

        fx.settingsService.disable(UserId.of(ALICE));

        assertThat(fx.links.all()).singleElement().extracting(TaskLink::state).isEqualTo(LinkState.LINKED);
    }

    @Test
    void disable_whenOff_isANoOp() {
        assertThat(fx.settingsService.disable(UserId.of(ALICE)).enabled()).isFalse();
        assertThat(fx.settings.get(UserId.of(ALICE))).isEmpty();
    }

    @Test
    void enable_retriesALostConditionalWrite() {
        fx.connect(ALICE, ALICE_SF);
        fx.settings.faults.failNext("save", 2, () -> new WriteConflictException("settings"));

        SettingsView view = fx.enable(ALICE);

        assertThat(view.enabled()).isTrue();
        assertThat(fx.settings.get(UserId.of(ALICE)).orElseThrow().enabled()).isTrue();
    }

    @Test
    void enable_whenTheEventCannotBePublished_staysEnabled_theScheduledSweepStartsTheFirstSync() {
        fx.connect(ALICE, ALICE_SF);
        fx.events.faults.failNext("syncEnabled");

        SettingsView view = fx.enable(ALICE);

        assertThat(view.enabled()).isTrue();
        assertThat(view.firstSync().state()).isEqualTo(FirstSyncState.QUEUED);
        fx.sweep.fanOut(fx.clock.instant());
        assertThat(fx.events.sweepRequests()).singleElement()
                .satisfies(r -> assertThat(r.userIds()).containsExactly(ALICE));
    }

    @Test
    void view_showsFirstSyncProgress() {
        fx.aliceEnabled();
        fx.salesforce.userCreates(ALICE_SF, "existing");
        fx.clock.advance(Duration.ofSeconds(30));

        fx.sweep(ALICE);
        SettingsView view = fx.settingsService.view(UserId.of(ALICE));

        assertThat(view.firstSync().state()).isEqualTo(FirstSyncState.DONE);
        assertThat(view.firstSync().imported()).isEqualTo(1);
        assertThat(view.firstSync().startedAt()).isEqualTo(fx.clock.instant());
        assertThat(view.firstSync().finishedAt()).isEqualTo(fx.clock.instant());
        assertThat(view.firstSync().error()).isNull();
    }

    @Test
    void view_ofAnUnknownUser_isOffAndNotConnected() {
        SettingsView view = fx.settingsService.view(UserId.of("nobody"));

        assertThat(view.enabled()).isFalse();
        assertThat(view.connection().state()).isEqualTo(SettingsView.ConnectionStatus.NOT_CONNECTED);
        assertThat(view.firstSync().state()).isEqualTo(FirstSyncState.NONE);
    }
}
