package com.salesconnect.tasksync.sync;

import java.time.Instant;

/**
 * A Sales Connect change that could not be pushed yet (limits, a broken connection, an outage).
 * The stream acknowledges the record once this is stored; the sweep retries it from the task's
 * current state, so nothing is lost and the shard is never blocked by one org.
 */
public record PendingPush(String userId, String taskId, int attempts, Instant firstFailedAt, Instant nextAttemptAt,
                          String lastError) {
}
