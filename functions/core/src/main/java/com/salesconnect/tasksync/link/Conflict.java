package com.salesconnect.tasksync.link;

import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.TaskFields;

import java.time.Instant;

/**
 * A recorded conflict: the same field (or the task itself, for delete-versus-edit) changed on both sides
 * since the last sync.
 *
 * @param field   null when a deletion met an edit
 * @param winner  the side whose value (or deletion) was kept
 */
public record Conflict(
        String userId,
        String taskId,
        String sfId,
        TaskFields.Field field,
        String baseValue,
        String salesConnectValue,
        String salesforceValue,
        Origin winner,
        String reason,
        Instant at) {
}
