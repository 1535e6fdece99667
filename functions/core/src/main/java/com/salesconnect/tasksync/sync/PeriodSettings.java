package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.SettingsStore;

import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Settings writes of work done for one enabled period: none lands once the user turned sync off meanwhile. */
final class PeriodSettings {

    private final SettingsStore settings;

    PeriodSettings(SettingsStore settings) {
        this.settings = settings;
    }

    /**
     * Applies {@code change} to the freshly read settings, but only while the same enabled period lasts; empty
     * when the user turned sync off (or off and on again) meanwhile.
     */
    Optional<SyncSettings> update(SyncUser user, UnaryOperator<SyncSettings> change) {
        Optional<Instant> period = user.settings().enabledAt();
        return Retry.onWriteConflict(() -> {
            Optional<SyncSettings> current = settings.get(user.id());
            if (current.isEmpty() || !current.get().enabled() || !current.get().enabledAt().equals(period)) {
                return Optional.empty();
            }
            return Optional.of(settings.save(change.apply(current.get())));
        });
    }
}
