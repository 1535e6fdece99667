package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.ChangeEventFlow;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.store.OrgProbe;
import com.salesconnect.tasksync.store.OrgProbeStore;
import com.salesconnect.tasksync.store.OrgReadAhead;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one container's user sweeps read of an org (its change event flow, its latest probe), kept for
 * {@link #FRESH}: a sweep event names ten users, mostly of one org, and each user's sweep read the same items again.
 * What a slightly older read costs, never more: a probe the sweep cannot use is read again ({@link #latestProbeNow})
 * before the sweep reads Salesforce's logs itself, so a probe saved meanwhile is never missed; a change of the org's
 * change event flow paces its sweeps up to {@link #FRESH} later. (The org's API-limit block is read by each sweep,
 * at most a second old: one recorded by another function keeps the sweep from calling an org that refuses calls.)
 * The first sweep of an org in a container within {@link #FRESH} reads the org's items in one request first
 * ({@link #readAhead}), where it read them one by one.
 */
final class OrgReads {

    /** How long a read serves: well within one 5-minute tick, so each tick reads each org again. */
    static final Duration FRESH = Duration.ofSeconds(10);
    /** Entries kept before the stale ones are dropped (orgs a container sweeps). */
    static final int MOST_ORGS = 1_000;
    /**
     * A probe read this recently is what {@link #latestProbeNow} would read: a probe saved since is at most a second
     * old, and missing it costs the sweep its own two log reads, never a change.
     */
    static final Duration PROBE_READ_NOW = Duration.ofSeconds(1);

    private final OrgLimitStore limits;
    private final OrgProbeStore probes;
    private final OrgReadAhead ahead;
    private final Clock clock;
    private final Memo<ChangeEventFlow> changeEvents = new Memo<>();
    private final Memo<Optional<OrgProbe>> latestProbe = new Memo<>();
    private final Memo<Boolean> readAheads = new Memo<>();

    OrgReads(OrgLimitStore limits, OrgProbeStore probes, Clock clock) {
        this(limits, probes, OrgReadAhead.NONE, clock);
    }

    OrgReads(OrgLimitStore limits, OrgProbeStore probes, OrgReadAhead ahead, Clock clock) {
        this.limits = limits;
        this.probes = probes;
        this.ahead = ahead;
        this.clock = clock;
    }

    /**
     * Before a user's sweep reads the org: where this container has neither read the org's change event flow nor
     * read its items ahead within {@link #FRESH},
     * the org's items (its block, usage, change event flow, probe, prober and the user's access check) in one request
     * ({@link OrgReadAhead}); else nothing, the reads kept here answer most of them.
     */
    void readAhead(String orgId, UserId user) {
        Instant now = clock.instant();
        if (!changeEvents.fresh(orgId, now, FRESH)) {
            // At most once an org within FRESH, also where the sweeps stop before they read it (a blocked org).
            readAheads.get(orgId, now, id -> {
                ahead.readAhead(OrgId.of(id), user);
                return Boolean.TRUE;
            });
        }
    }

    ChangeEventFlow changeEvents(String orgId) {
        return changeEvents.get(orgId, clock.instant(), id -> limits.changeEvents(OrgId.of(id)));
    }

    Optional<OrgProbe> latestProbe(String orgId) {
        return latestProbe.get(orgId, clock.instant(), id -> probes.latest(OrgId.of(id)));
    }

    /**
     * The org's latest probe read now (and kept), for a sweep that cannot use the one read within {@link #FRESH}; the
     * one kept when it was read within {@link #PROBE_READ_NOW}.
     */
    Optional<OrgProbe> latestProbeNow(String orgId) {
        if (!latestProbe.fresh(orgId, clock.instant(), PROBE_READ_NOW)) {
            latestProbe.forget(orgId);
        }
        return latestProbe(orgId);
    }

    /** One kind of read per org; the store is read outside the lock (invocations may share a container locally). */
    private static final class Memo<T> {

        private record Read<T>(T value, Instant at) {
        }

        private final Map<String, Read<T>> reads = new HashMap<>();

        T get(String orgId, Instant now, Function<String, T> read) {
            synchronized (this) {
                if (fresh(orgId, now, FRESH)) {
                    return reads.get(orgId).value();
                }
            }
            T value = read.apply(orgId);
            synchronized (this) {
                if (reads.size() >= MOST_ORGS) {
                    reads.values().removeIf(r -> !now.isBefore(r.at().plus(FRESH)) || now.isBefore(r.at()));
                }
                reads.put(orgId, new Read<>(value, now));
            }
            return value;
        }

        /** Whether a read of the org kept here is younger than {@code age}. */
        synchronized boolean fresh(String orgId, Instant now, Duration age) {
            Read<T> last = reads.get(orgId);
            return last != null && !now.isBefore(last.at()) && now.isBefore(last.at().plus(age));
        }

        synchronized void forget(String orgId) {
            reads.remove(orgId);
        }
    }
}
