package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;

import java.time.Instant;

/**
 * The Sales Connect task an (org, Salesforce id) pointer names. A link normally confirms it; an import that died
 * after claiming the id and before writing its link leaves a claim no link confirms, and so does, for a moment, an
 * import whose task and link wait for their batch ({@link #lease()}).
 *
 * @param lease    the importing invocation's hold, or null when the claim has none (or it was written by a save)
 * @param sfUserId the Salesforce user of the identity the pointer was written under (the import's connection, or
 *                 the link's), or null for a pointer written before pointers recorded it
 */
public record SfIdClaim(String userId, String taskId, ClaimLease lease, String sfUserId) {

    /** A claim without a lease. */
    public SfIdClaim(String userId, String taskId, String sfUserId) {
        this(userId, taskId, null, sfUserId);
    }

    /** {@link #userId()} typed, for the ports. */
    public UserId user() {
        return UserId.of(userId);
    }

    /** {@link #taskId()} typed, for the ports. */
    public TaskId task() {
        return TaskId.of(taskId);
    }

    /** Whether the pointer names the task {@code taskId} of {@code userId}. */
    public boolean names(String userId, String taskId) {
        return this.userId.equals(userId) && this.taskId.equals(taskId);
    }

    /** Whether a live import of another invocation than {@code claimant} (null: anyone) holds it at {@code now}. */
    public boolean leasedToAnother(String claimant, Instant now) {
        return lease != null && lease.keepsAway(claimant, now);
    }
}
