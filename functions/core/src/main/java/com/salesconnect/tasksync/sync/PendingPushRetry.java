package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.store.PendingPushStore;
import com.salesconnect.tasksync.store.ReadAhead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
    private final ReadAhead reads;
    private final TaskPusher pusher;
    private final ConflictRecorder conflicts;
    private final Clock clock;

    PendingPushRetry(PendingPushStore pendingPushes, ReadAhead reads, TaskPusher pusher, ConflictRecorder conflicts,
                     Clock clock) {
        this.pendingPushes = pendingPushes;
        this.reads = reads;
        this.pusher = pusher;
        this.conflicts = conflicts;
        this.clock = clock;
    }

    /** @return the number of pending pushes that were due */
    int run(SyncUser user) {
        Instant now = clock.instant();
        List<PendingPush> due = pendingPushes.forUser(user.id()).stream()
                .filter(p -> p.nextAttemptAt() == null || !p.nextAttemptAt().isAfter(now))
                .toList();
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
        for (PendingPush p : due) {
            PushOutcome outcome = outcomes.getOrDefault(p.taskId(), PushOutcome.DONE);
            if (outcome instanceof PushOutcome.Done) {
                // Kept when it changed meanwhile: a newer failure asks for another push.
                pendingPushes.remove(p);
                continue;
            }
            String reason = outcome instanceof PushOutcome.Defer d
                    ? d.reason()
                    : ((PushOutcome.Retry) outcome).reason();
            int attempts = p.attempts() + 1;
            if (attempts > MAX_PUSH_ATTEMPTS) {
                conflicts.gaveUp(p.userId(), p.taskId(), reason, now);
                pendingPushes.remove(p);
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
        return due.size();
    }

    static Duration backoff(int attempts) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 10));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
