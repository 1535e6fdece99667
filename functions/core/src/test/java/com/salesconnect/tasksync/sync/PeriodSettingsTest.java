package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.EnabledPeriod;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SweepState;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.testing.FakeSettingsStore;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A sweep's settings writes: no read before the write while nobody else changed the settings, never a lost write. */
class PeriodSettingsTest {

    private static final String USER = "user-1";
    private static final Instant ENABLED = Instant.parse("2026-06-01T08:00:00Z");
    private static final Instant T1 = ENABLED.plusSeconds(300);
    private static final Instant T2 = ENABLED.plusSeconds(600);

    private final FakeSettingsStore store = new FakeSettingsStore();
    private final PeriodSettings settings = new PeriodSettings(store);

    @Test
    void anUpdateOfSettingsNobodyChanged_writesWithoutReadingFirst() {
        SyncUser user = userAsRead(store.save(enabled()));

        Optional<SyncSettings> saved = settings.update(user, s -> s.withSweep(checked(T1)));

        assertThat(saved).map(SyncSettings::sweep).contains(checked(T1));
        assertThat(store.faults.calls("get")).isZero();
        assertThat(store.faults.calls("save")).isEqualTo(2); // the set-up's and the update's
        assertThat(store.get(UserId.of(USER))).map(SyncSettings::sweep).contains(checked(T1));
    }

    @Test
    void aSecondUpdateOfTheSameWork_buildsOnTheFirstWithoutReading() {
        SyncUser user = userAsRead(store.save(enabled()));

        settings.update(user, s -> s.withSweep(checked(T1)));
        settings.update(user, s -> s.withWatermark(T2));

        SyncSettings stored = store.get(UserId.of(USER)).orElseThrow();
        assertThat(stored.sweep()).isEqualTo(checked(T1));
        assertThat(stored.watermark()).isEqualTo(T2);
        assertThat(store.faults.calls("get")).isEqualTo(1); // the check just above
    }

    @Test
    void settingsChangedByAnotherWriter_areReadAgainAndTheChangeAppliedToThem() {
        SyncUser user = userAsRead(store.save(enabled()));
        // Another invocation moves the watermark after this work read the settings.
        store.save(store.get(UserId.of(USER)).orElseThrow().withWatermark(T2));

        Optional<SyncSettings> saved = settings.update(user, s -> s.withSweep(checked(T1)));

        assertThat(saved).isPresent();
        SyncSettings stored = store.get(UserId.of(USER)).orElseThrow();
        assertThat(stored.sweep()).isEqualTo(checked(T1));
        assertThat(stored.watermark()).as("the other writer's change is kept").isEqualTo(T2);
    }

    @Test
    void syncTurnedOffMeanwhile_writesNothing() {
        SyncUser user = userAsRead(store.save(enabled()));
        SyncSettings off = store.save(store.get(UserId.of(USER)).orElseThrow()
                .withPeriods(false, List.of(new EnabledPeriod(ENABLED, T1))));

        Optional<SyncSettings> saved = settings.update(user, s -> s.withSweep(checked(T2)));

        assertThat(saved).isEmpty();
        assertThat(store.get(UserId.of(USER))).contains(off);
    }

    @Test
    void syncTurnedOffAndOnAgainMeanwhile_writesNothingForTheEarlierPeriod() {
        SyncUser user = userAsRead(store.save(enabled()));
        SyncSettings again = store.save(store.get(UserId.of(USER)).orElseThrow()
                .withPeriods(true, List.of(new EnabledPeriod(ENABLED, T1), new EnabledPeriod(T2, null))));

        Optional<SyncSettings> saved = settings.update(user, s -> s.withSweep(checked(T2)));

        assertThat(saved).isEmpty();
        assertThat(store.get(UserId.of(USER))).contains(again);
    }

    private static SyncSettings enabled() {
        return SyncSettings.initial(USER, ZoneId.of("Europe/Berlin"))
                .withPeriods(true, List.of(new EnabledPeriod(ENABLED, null)));
    }

    private static SweepState checked(Instant at) {
        return new SweepState(at, at, null, null);
    }

    private static SyncUser userAsRead(SyncSettings settings) {
        SalesforceConnection connection = new SalesforceConnection(USER, "00D000000000001AAA", "005000000000001AAA",
                "https://example.my.salesforce.com", "ciphertext", ConnectionState.CONNECTED, ENABLED, null, 1);
        return new SyncUser(settings, connection, null, new TaskStatusCache(new MutableClock(ENABLED)),
                Deadline.NONE);
    }
}
