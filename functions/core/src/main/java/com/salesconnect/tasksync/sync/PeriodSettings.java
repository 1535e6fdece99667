package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.SettingsStore;
import com.salesconnect.tasksync.store.WriteConflictException;

import java.util.Optional;
import java.util.function.UnaryOperator;

/** Settings writes of work done for one enabled period: none lands once the user turned sync off meanwhile. */
final class PeriodSettings {

    private final SettingsStore settings;

    PeriodSettings(SettingsStore settings) {
        this.settings = settings;
    }

    /**
     * Applies {@code change} to the settings as stored, but only while the same enabled period lasts; empty when
     * the user turned sync off (or off and on again) meanwhile. The first attempt writes on the settings this piece
     * of work last read or saved ({@link SyncUser#lastStored()}), conditional on their version: while nobody else
     * changed them (the usual case, e.g. an idle sweep's one write) no read precedes the write; otherwise the
     * write is refused and the settings are read again, as every later attempt does.
     */
    Optional<SyncSettings> update(SyncUser user, UnaryOperator<SyncSettings> change) {
        SyncSettings known = user.lastStored();
        if (samePeriod(known, user)) {
            try {
                return Optional.of(saved(user, settings.save(change.apply(known))));
            } catch (WriteConflictException e) {
                // changed since this work read or saved them: read them again below
            }
        }
        return Retry.onWriteConflict(() -> {
            Optional<SyncSettings> current = settings.get(user.id());
            if (current.isEmpty() || !samePeriod(current.get(), user)) {
                return Optional.empty();
            }
            return Optional.of(saved(user, settings.save(change.apply(current.get()))));
        });
    }

    /** Enabled, in the period {@code user}'s work began in. */
    private static boolean samePeriod(SyncSettings s, SyncUser user) {
        return s.enabled() && s.enabledAt().equals(user.settings().enabledAt());
    }

    private static SyncSettings saved(SyncUser user, SyncSettings saved) {
        user.stored(saved);
        return saved;
    }
}
