package com.salesconnect.tasksync.simulation;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.sync.ChangeEventPace;
import com.salesconnect.tasksync.sync.OutboundSync;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Runs one schedule: its steps (safety invariants after each), then quiescence (faults off, revoked logins
 * reconnected, every queue drained, the clock moved past pending back-offs, two sweeps per user), then the
 * remaining invariants, then "quiet" (two more sweeps per user write nothing on either side).
 */
final class Simulation {

    static final int QUIESCENCE_ROUNDS = 30;

    /** The result of one run. */
    record Outcome(Schedule schedule, Optional<Invariants.Violation> violation, int stepsRun,
                   Map<FaultKind, Long> faults, String log) {
        boolean failed() {
            return violation.isPresent();
        }
    }

    private Simulation() {
    }

    static Outcome run(Schedule schedule, boolean trace) {
        World w = new World(schedule.seed());
        w.trace = trace;
        w.faults.trace(trace);
        StepRunner runner = new StepRunner(w);
        int run = 0;
        for (Step step : schedule.steps()) {
            runner.run(step);
            run++;
            if (w.invariants.first().isPresent()) {
                return outcome(schedule, w, run);
            }
        }
        quiesce(w);
        return outcome(schedule, w, run);
    }

    private static Outcome outcome(Schedule schedule, World w, int run) {
        return new Outcome(schedule, w.invariants.first(), run, new EnumMap<>(w.faults.counts()), w.log.toString());
    }

    static void quiesce(World w) {
        w.trace(() -> String.format("-- quiescence at %s: faults off, queues drained, back-offs waited out", w.now()));
        SplittableRandom rng = new SplittableRandom(w.step);
        w.salesforce.clearLimits();
        for (World.User u : World.USERS) {
            Optional<SalesforceConnection> c = w.rawConnections.get(UserId.of(u.userId()));
            if (c.isPresent() && (c.get().state() == ConnectionState.BROKEN
                    || w.salesforce.revoked(c.get().encryptedRefreshToken()))) {
                w.trace(() -> "    " + u.userId() + " connects again as " + c.get().sfUserId());
                w.invoke(null, null, () -> w.connect(u.userId(), c.get().orgId(), c.get().sfUserId()));
            }
        }
        w.observeIdentities();
        // The operator acts on the failure queue's alarm for records that expired unread (README's runbook): no
        // intent of theirs was stored, so nothing else pushes their changes. Records whose retries ran out are left to
        // the pending pushes written ahead of their attempts (the sweep's safety net), which quiescence checks. The
        // stream is polled first: a stall's records are dropped (onto the queue) when the mapping polls again.
        w.drainStream();
        w.redriveStreamFailures(true, null, null);
        // The scheduled sweep runs every 5 minutes: Salesforce's replication calls cover whole minutes only, so the
        // last changes are seen by the next tick, not by a sweep in the same minute.
        // An org whose change events flow is swept once per slow interval, or a little later while its users wait for
        // the org's probe (ChangeEventPace): a change whose event was lost is applied by that safety net, so
        // quiescence waits it out, as it waits out back-offs.
        boolean eventsFlow = w.salesforce.orgs().stream().anyMatch(o -> w.rawOrgLimits.changeEvents(OrgId.of(o.orgId()))
                .flowing(w.now(), ChangeEventPace.DEFAULT.quietAfter()));
        Instant first = w.now().plus(Duration.ofMinutes(6))
                .plus(eventsFlow ? ChangeEventPace.DEFAULT.longestWait() : Duration.ZERO);
        w.releaseHeldUntil(first);
        w.clock.set(first);
        for (int round = 0; round < QUIESCENCE_ROUNDS; round++) {
            long incomplete = w.incompleteSweeps;
            w.platformRound(rng, 1.0);
            boolean sweepsComplete = w.incompleteSweeps == incomplete;
            w.invariants.afterStep();
            if (w.invariants.first().isPresent()) {
                return;
            }
            Optional<Instant> next = nextDue(w);
            if (next.isEmpty() && settled(w) && sweepsComplete) {
                break;
            }
            Instant to = next.orElse(w.now().plus(Duration.ofMinutes(6)));
            if (to.isAfter(w.now())) {
                w.clock.set(to.plusSeconds(1));
            }
        }
        for (int sweep = 0; sweep < 2; sweep++) {
            w.platformRound(rng, 1.0);
            w.invariants.afterStep();
        }
        if (w.invariants.first().isPresent()) {
            return;
        }
        w.trace(() -> String.format("-- invariants at quiescence, %s", w.now()));
        w.invariants.atQuiescence();
        w.invariants.checkCommandCenter();
        if (w.invariants.first().isPresent()) {
            return;
        }
        long before = w.writes.count() + w.salesforce.apiRecordWrites();
        long storeBefore = w.writes.count();
        for (int sweep = 0; sweep < 2; sweep++) {
            w.platformRound(rng, 1.0);
        }
        w.invariants.afterStep();
        long store = w.writes.count() - storeBefore;
        long total = w.writes.count() + w.salesforce.apiRecordWrites() - before;
        if (total > 0) {
            w.invariants.fail(Invariants.QUIET, "two more sweeps per user after quiescence wrote " + store
                    + " store item(s) and " + (total - store) + " Salesforce record(s)");
        }
    }

    /**
     * The earliest moment some deferred work becomes due (pending push, org limit block, failed first sync, an
     * import's claim lease).
     */
    private static Optional<Instant> nextDue(World w) {
        Instant now = w.now();
        Instant next = null;
        for (PendingPush p : w.rawPendingPushes.all()) {
            if (p.nextAttemptAt() != null && p.nextAttemptAt().isAfter(now)) {
                next = earlier(next, p.nextAttemptAt());
            }
        }
        // A create that died after its PENDING_CREATE link (its intent) and was not retried: the sweep takes it up.
        for (TaskLink link : w.rawLinks.all()) {
            if (link.state() == LinkState.PENDING_CREATE && link.pendingSince() != null) {
                Instant due = link.pendingSince().plus(OutboundSync.SAFETY_NET);
                if (due.isAfter(now)) {
                    next = earlier(next, due);
                }
            }
        }
        // An import that died after its claims leaves them to their lease: a retry redoes them once it ends.
        for (Instant leaseEnd : w.rawLinks.leaseEnds()) {
            next = earlier(next, leaseEnd);
        }
        for (SimulatedSalesforce.Org org : w.salesforce.orgs()) {
            Optional<Instant> blocked = w.rawOrgLimits.blockedUntil(OrgId.of(org.orgId()));
            if (blocked.isPresent()) {
                next = earlier(next, blocked.get());
            }
        }
        for (World.User u : World.USERS) {
            Optional<SyncSettings> s = w.rawSettings.get(UserId.of(u.userId()));
            if (s.isPresent() && s.get().enabled() && s.get().firstSync().state() == FirstSyncState.FAILED
                    && s.get().firstSync().finishedAt() != null) {
                Instant retry = s.get().firstSync().finishedAt().plus(Duration.ofHours(1));
                if (retry.isAfter(now)) {
                    next = earlier(next, retry);
                }
            }
        }
        return Optional.ofNullable(next);
    }

    private static boolean settled(World w) {
        if (!w.stream.idle() || !w.events.isEmpty() || !w.rawPendingPushes.all().isEmpty()) {
            return false;
        }
        for (SimulatedSalesforce.Org org : w.salesforce.orgs()) {
            if (org.queuedNotifications() > 0 || org.heldMessages() > 0) {
                return false;
            }
        }
        for (World.User u : World.USERS) {
            Optional<SyncSettings> s = w.rawSettings.get(UserId.of(u.userId()));
            if (s.isPresent() && s.get().enabled() && s.get().firstSync().state() != FirstSyncState.DONE) {
                return false;
            }
        }
        return true;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
