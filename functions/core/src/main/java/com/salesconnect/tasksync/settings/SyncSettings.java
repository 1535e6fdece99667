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
 * @param identity   the Salesforce identity the current links and first sync belong to; null before the first
 *                   enable (and in items stored before it existed: then the connection's identity is taken)
 * @param detached   the previous identity, when a connection to another one detached its links; else null
 * @param sweep      the incremental sweep's progress besides the watermark
 */
public record SyncSettings(
        String userId,
        boolean enabled,
        List<EnabledPeriod> periods,
        ZoneId timeZone,
        FirstSync firstSync,
        Instant watermark,
        long version,
        SalesforceIdentity identity,
        DetachedConnection detached,
        SweepState sweep) {

    public SyncSettings {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(firstSync, "firstSync");
        periods = List.copyOf(periods);
        sweep = sweep == null ? SweepState.NONE : sweep;
    }

    public SyncSettings(String userId, boolean enabled, List<EnabledPeriod> periods, ZoneId timeZone,
                        FirstSync firstSync, Instant watermark, long version) {
        this(userId, enabled, periods, timeZone, firstSync, watermark, version, null, null, SweepState.NONE);
    }

    public static SyncSettings initial(String userId, ZoneId timeZone) {
        return new SyncSettings(userId, false, List.of(), timeZone, FirstSync.NONE, null, 0);
    }

    public SyncSettings withVersion(long newVersion) {
        return new SyncSettings(userId, enabled, periods, timeZone, firstSync, watermark, newVersion, identity,
                detached, sweep);
    }

    public SyncSettings withFirstSync(FirstSync newFirstSync) {
        return new SyncSettings(userId, enabled, periods, timeZone, newFirstSync, watermark, version, identity,
                detached, sweep);
    }

    public SyncSettings withWatermark(Instant newWatermark) {
        return new SyncSettings(userId, enabled, periods, timeZone, firstSync, newWatermark, version, identity,
                detached, sweep);
    }

    public SyncSettings withTimeZone(ZoneId zone) {
        return new SyncSettings(userId, enabled, periods, zone, firstSync, watermark, version, identity, detached,
                sweep);
    }

    /** Sync on or off with these periods (the last one open while on). */
    public SyncSettings withPeriods(boolean on, List<EnabledPeriod> newPeriods) {
        return new SyncSettings(userId, on, newPeriods, timeZone, firstSync, watermark, version, identity, detached,
                sweep);
    }

    public SyncSettings withSweep(SweepState newSweep) {
        return new SyncSettings(userId, enabled, periods, timeZone, firstSync, watermark, version, identity, detached,
                newSweep);
    }

    public SyncSettings withIdentity(SalesforceIdentity newIdentity, DetachedConnection newDetached) {
        return new SyncSettings(userId, enabled, periods, timeZone, firstSync, watermark, version, newIdentity,
                newDetached, sweep);
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
