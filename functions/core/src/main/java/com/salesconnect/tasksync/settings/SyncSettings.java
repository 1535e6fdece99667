package com.salesconnect.tasksync.settings;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's task-sync settings and sync progress.
 *
 * @param periods    every enabled period, oldest first; the last one is open while sync is on
 * @param watermark  SystemModstamp up to which Salesforce changes were pulled by the sweep (null before the first)
 * @param version    optimistic-lock counter
 */
public record SyncSettings(
        String userId,
        boolean enabled,
        List<EnabledPeriod> periods,
        ZoneId timeZone,
        FirstSync firstSync,
        Instant watermark,
        long version) {

    public SyncSettings {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(firstSync, "firstSync");
        periods = List.copyOf(periods);
    }

    public static SyncSettings initial(String userId, ZoneId timeZone) {
        return new SyncSettings(userId, false, List.of(), timeZone, FirstSync.NONE, null, 0);
    }

    /** Start of the current enabled period, if sync is on. */
    public Optional<Instant> enabledAt() {
        if (!enabled || periods.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(periods.get(periods.size() - 1).start());
    }

    /** True when sync was enabled at some point before the current (or next) period. */
    public boolean previouslyEnabled() {
        int closed = (int) periods.stream().filter(p -> !p.open()).count();
        return closed > 0;
    }
}
