package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.TaskFields;

import java.time.Instant;
import java.util.Objects;

/**
 * The sync state of one task pair: which Salesforce task a Sales Connect task is linked to, the last
 * synced values (the base of three-way merges), and the newest Salesforce {@code SystemModstamp} applied
 * (the guard against stale and duplicate deliveries). A DELETED link is a 15-day tombstone.
 *
 * @param sfId          null while PENDING_CREATE
 * @param base          last values both sides agreed on; null while PENDING_CREATE
 * @param sfModstamp    newest SystemModstamp applied or observed; null before the first
 * @param pendingSince  when the creating push started (PENDING_CREATE only)
 * @param expiresAt     TTL of a tombstone (DELETED only)
 */
public record TaskLink(
        String userId,
        String taskId,
        String orgId,
        String sfId,
        LinkState state,
        TaskFields base,
        Instant sfModstamp,
        Instant pendingSince,
        Instant deletedAt,
        Origin deletedBy,
        Instant expiresAt,
        long version) {

    public TaskLink {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(state, "state");
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
