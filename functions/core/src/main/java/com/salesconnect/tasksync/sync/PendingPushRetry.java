package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.runtime.LogFields;
import com.salesconnect.tasksync.store.PendingPushStore;
import com.salesconnect.tasksync.store.PendingReadAhead;
import com.salesconnect.tasksync.store.ReadAhead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sweep's retry of a user's pending pushes that are due: pushed together, each kept with a longer back-off while
 * it fails, given up (and recorded as a conflict) after {@value #MAX_PUSH_ATTEMPTS} attempts.
 */
final class PendingPushRetry {

    private static final Logger LOG = LoggerFactory.getLogger(PendingPushRetry.class);

    static final int MAX_PUSH_ATTEMPTS = 20;
    static final Duration FIRST_BACKOFF = Duration.ofMinutes(5);
    static final Duration MAX_BACKOFF = Duration.ofHours(6);

    private final PendingPushStore pendingPushes;
    private final PendingReadAhead markersAhead;
    private final ReadAhead reads;
    private final TaskPusher pusher;
    private final ConflictRecorder conflicts;
    private final Clock clock;

    /** @param markersAhead reads the markers {@link #run} starts with (pending pushes, pending creates) in one go */
    PendingPushRetry(PendingPushStore pendingPushes, PendingReadAhead markersAhead, ReadAhead reads, TaskPusher pusher,
                     ConflictRecorder conflicts, Clock clock) {
        this.pendingPushes = pendingPushes;
        this.markersAhead = markersAhead;
        this.reads = reads;
        this.pusher = pusher;
        this.conflicts = conflicts;
        this.clock = clock;
    }

    /** @return the number of pending pushes that were due (interrupted creates found by their links included) */
    int run(SyncUser user) {
        Instant now = clock.instant();
        markersAhead.readAhead(user.id());
        List<PendingPush> waiting = pendingPushes.forUser(user.id());
        List<PendingPush> due = new ArrayList<>(waiting.stream()
                .filter(p -> p.nextAttemptAt() == null || !p.nextAttemptAt().isAfter(now))
                .toList());
        due.addAll(interruptedCreates(user, waiting, now));
        if (due.isEmpty()) {
            return 0;
        }
        List<String> taskIds = due.stream().map(PendingPush::taskId).toList();
        Map<String, PushOutcome> outcomes;
        try {
            reads.prefetch(user.id(), taskIds.stream().map(TaskId::of).toList());
            outcomes = pusher.push(user, taskIds, false);
        } finally {
            reads.clear();
        }
        // Removed together once the loop is through; each is kept when it changed meanwhile (a newer failure asks for
        // another push).
        List<PendingPush> finished = new ArrayList<>();
        for (PendingPush p : due) {
            PushOutcome outcome = outcomes.getOrDefault(p.taskId(), PushOutcome.DONE);
            // With the task's id as a field: the retry pushes the task as it is now, so an operator following a
            // deferred change (sc:<taskId>:v<n>) finds its end by the task.
            try (LogFields.Scope ignored = LogFields.with(LogFields.TASK_ID, p.taskId())) {
                LOG.info("pending push retried: outcome={} attempts={}", outcome.getClass().getSimpleName(),
                        p.attempts() + 1);
            }
            if (outcome instanceof PushOutcome.Done) {
                if (p.writeId() != null) {
                    finished.add(p);
                }
                continue;
            }
            String reason = outcome instanceof PushOutcome.Defer d
                    ? d.reason()
                    : ((PushOutcome.Retry) outcome).reason();
            int attempts = p.attempts() + 1;
            if (attempts > MAX_PUSH_ATTEMPTS) {
                conflicts.gaveUp(p.userId(), p.taskId(), reason, now);
                if (p.writeId() != null) {
                    finished.add(p);
                }
                Metrics.current().pushGivenUp();
                LOG.warn("pending push given up: userId={} taskId={} attempts={}", p.userId(), p.taskId(), attempts);
                continue;
            }
            Instant next = now.plus(backoff(attempts));
            if (outcome instanceof PushOutcome.Defer d && d.notBefore().isAfter(next)) {
                next = d.notBefore();
            }
            pendingPushes.put(new PendingPush(p.userId(), p.taskId(), attempts,
                    p.firstFailedAt() != null ? p.firstFailedAt() : now, next, reason));
        }
        pendingPushes.removeAll(finished);
        return due.size();
    }

    /**
     * Fresh creates whose push died after their PENDING_CREATE link (the create's write-ahead intent) and that no
     * stream retry turned into a pending push (e.g. a record older than the stream's retention): their link is older
     * than {@link OutboundSync#SAFETY_NET} and the task has no pending push. Found through the user's pending-create
     * markers (a few items), pushed as pending pushes that were never stored: a failure stores one.
     */
    private List<PendingPush> interruptedCreates(SyncUser user, List<PendingPush> waiting, Instant now) {
        Set<String> pushed = new HashSet<>();
        waiting.forEach(p -> pushed.add(p.taskId()));
        List<PendingPush> found = new ArrayList<>();
        for (TaskLink link : reads.links().pendingCreates(user.id())) {
            Instant since = link.pendingSince();
            if (since != null && !since.plus(OutboundSync.SAFETY_NET).isAfter(now) && pushed.add(link.taskId())) {
                found.add(new PendingPush(user.userId(), link.taskId(), 0, since, since, "create interrupted"));
            }
        }
        if (!found.isEmpty()) {
            LOG.info("interrupted creates found by their links: userId={} count={}", user.userId(), found.size());
        }
        return found;
    }

    static Duration backoff(int attempts) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 10));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
