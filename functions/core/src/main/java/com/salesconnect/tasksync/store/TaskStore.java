package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.task.ScTask;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sales Connect's tasks table, the source of the outbound stream.
 *
 * <p>Versioning: a task carries the version it was read at. {@link #save} writes only when the stored
 * version still equals it (or, for version 0, when no live task or unexpired tombstone has that id),
 * stores version + 1 and returns what it stored.
 */
public interface TaskStore {

    /** Strongly consistent. Returns tombstones too (see {@link ScTask#deleted()}), but never an expired one. */
    Optional<ScTask> get(UserId userId, TaskId taskId);

    /**
     * Many tasks of one user (those that exist, tombstones included, never an expired one), by task id; strongly
     * consistent. For a batch of changes: a few requests, not one per task.
     */
    default Map<TaskId, ScTask> getAll(UserId userId, Collection<TaskId> taskIds) {
        Map<TaskId, ScTask> out = new HashMap<>();
        for (TaskId taskId : new LinkedHashSet<>(taskIds)) {
            get(userId, taskId).ifPresent(task -> out.put(taskId, task));
        }
        return out;
    }

    /** @throws WriteConflictException when the stored version differs from {@code task.version()} */
    ScTask save(ScTask task);

    /** Live (not deleted) tasks of a user, in task-id order. */
    Page<ScTask> list(UserId userId, String cursor, int limit);

    /**
     * Tasks of a user whose id starts with {@code prefix}, live ones and tombstones that have not expired, in task-id
     * order, after {@code afterTaskId} (null: from the first). The page's cursor is the last task id returned, or
     * null when no more exist.
     */
    Page<ScTask> listWithPrefix(UserId userId, String prefix, String afterTaskId, int limit);

    /** Live, open tasks of a user whose due date lies in [{@code from}, {@code to}], by due date. */
    List<ScTask> openDueBetween(UserId userId, LocalDate from, LocalDate to);
}
