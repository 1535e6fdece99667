package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.store.PendingPushStore;

import java.time.Instant;

/** A push that cannot go now is kept as a pending push, which the sweep retries ({@link PendingPushRetry}). */
final class PendingPushes {

    private PendingPushes() {
    }

    /** Keeps the task's push, due at {@code notBefore} (at once when that has passed), and counts it deferred. */
    static void keep(PendingPushStore store, String userId, String taskId, String reason, Instant notBefore,
                     Instant now) {
        Metrics.current().pushDeferred(reason);
        store.put(new PendingPush(userId, taskId, 1, now, notBefore.isAfter(now) ? notBefore : now, reason));
    }

    /**
     * Keeps what a push's {@code outcome} left to do: a deferral until its time, a failure to retry after
     * {@link SalesforceFailures#DEFER}. Returns whether the push is done.
     */
    static boolean keepUnlessDone(PendingPushStore store, String userId, String taskId, PushOutcome outcome,
                                  Instant now) {
        if (outcome instanceof PushOutcome.Defer defer) {
            keep(store, userId, taskId, defer.reason(), defer.notBefore(), now);
        } else if (outcome instanceof PushOutcome.Retry retry) {
            keep(store, userId, taskId, retry.reason(), now.plus(SalesforceFailures.DEFER), now);
        }
        return outcome instanceof PushOutcome.Done;
    }
}
