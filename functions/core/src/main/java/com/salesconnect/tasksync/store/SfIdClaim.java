package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;

/**
 * The Sales Connect task an (org, Salesforce id) pointer names. A link normally confirms it; an import that died
 * after claiming the id and before writing its link leaves a claim no link confirms.
 */
public record SfIdClaim(String userId, String taskId) {

    /** {@link #userId()} typed, for the ports. */
    public UserId user() {
        return UserId.of(userId);
    }

    /** {@link #taskId()} typed, for the ports. */
    public TaskId task() {
        return TaskId.of(taskId);
    }
}
