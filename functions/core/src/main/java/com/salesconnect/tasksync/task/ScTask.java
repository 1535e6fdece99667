package com.salesconnect.tasksync.task;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * A task as Sales Connect stores it (one item of the tasks table, the stream source).
 *
 * <p>A deleted task is kept as a tombstone: {@code deletedAt} is set and {@code expiresAt} (the table's
 * TTL attribute) is 15 days later. Expired tombstones are treated as absent by every read.
 *
 * @param updatedAt    when a Sales Connect user last changed the task (its creation at first); the sync's own writes
 *                     on behalf of Salesforce leave it alone, so merges compare the people's edit times (SPEC §3)
 * @param version      the stored version this value was read at (0 for a task not stored yet); the store
 *                     writes only when the stored version still equals it, and bumps it
 * @param changeOrigin who made the latest write: the stream pushes only {@link Origin#SALES_CONNECT} changes
 * @param deletedAt    null while the task lives
 * @param expiresAt    TTL, null while the task lives
 */
public record ScTask(
        String userId,
        String taskId,
        TaskFields fields,
        Instant createdAt,
        Instant updatedAt,
        long version,
        Origin changeOrigin,
        Instant deletedAt,
        Instant expiresAt) {

    public ScTask {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(changeOrigin, "changeOrigin");
    }

    /** {@link #userId()} typed, for the ports. */
    public UserId user() {
        return UserId.of(userId);
    }

    /** {@link #taskId()} typed, for the ports. */
    public TaskId id() {
        return TaskId.of(taskId);
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    /** True when this is a tombstone whose TTL has passed: DynamoDB may not have removed it yet. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** The next version of this task with new fields, written by {@code origin} at {@code now}. */
    public ScTask edited(TaskFields newFields, Origin origin, Instant now) {
        Instant edited = origin == Origin.SALES_CONNECT ? now : updatedAt;
        return new ScTask(userId, taskId, newFields, createdAt, edited, version, origin, null, null);
    }

    /** The tombstone of this task, deleted by {@code origin} at {@code now}, kept until {@code expiresAt}. */
    public ScTask tombstone(Origin origin, Instant now, Instant expiresAt) {
        return new ScTask(userId, taskId, fields, createdAt, now, version, origin, now, expiresAt);
    }
}
