package com.salesconnect.tasksync.link;

import java.time.Instant;

/**
 * A task whose Sales Connect state may not have reached Salesforce yet: the sweep pushes its current state from
 * {@code nextAttemptAt} on. Written before a push calls Salesforce (write-ahead: an invocation that dies or runs
 * out of time loses nothing), and kept when a push cannot go now (limits, a broken connection, an outage), so the
 * stream never blocks and never depends on its failure queue.
 *
 * @param writeId the store's id of this write (null before it is stored): only the write that is still stored can
 *                be removed, so a newer one made concurrently survives
 */
public record PendingPush(String userId, String taskId, int attempts, Instant firstFailedAt, Instant nextAttemptAt,
                          String lastError, String writeId) {

    public PendingPush(String userId, String taskId, int attempts, Instant firstFailedAt, Instant nextAttemptAt,
                       String lastError) {
        this(userId, taskId, attempts, firstFailedAt, nextAttemptAt, lastError, null);
    }

    public PendingPush withWriteId(String id) {
        return new PendingPush(userId, taskId, attempts, firstFailedAt, nextAttemptAt, lastError, id);
    }
}
