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

    /**
     * New tasks (version 0) of fresh imports whose Salesforce ids this invocation claimed under a live
     * {@link ClaimLease}: stored without conditions (nobody else writes a task whose import a lease holds, and the
     * import saw no task of that id), many a request. Their links follow with {@link LinkStore#saveClaimedAll}.
     *
     * @throws IllegalArgumentException for a task whose version is not 0
     */
    void createAll(List<ScTask> tasks);

    /** Live (not deleted) tasks of a user, in task-id order; strongly consistent (the sync decides on it). */
    Page<ScTask> list(UserId userId, String cursor, int limit);

    /**
     * Live tasks of a user in task-id order, for a person's task list (Sales Connect's {@code GET /tasks}): what
     * {@link #list} returns, with the same cursors, but a store may read it from an index of live tasks that lags a
     * write by a moment (a task just saved missing or as it was, a task just deleted still listed), so that a page
     * never reads through the user's tombstones. The sync never decides on it. Here: {@link #list}.
     */
    default Page<ScTask> browse(UserId userId, String cursor, int limit) {
        return list(userId, cursor, limit);
    }

    /**
     * Tasks of a user whose id starts with {@code prefix}, live ones and tombstones that have not expired, in task-id
     * order, after {@code afterTaskId} (null: from the first). The page's cursor is the last task id returned, or
     * null when no more exist.
     */
    Page<ScTask> listWithPrefix(UserId userId, String prefix, String afterTaskId, int limit);

    /**
     * Live, open tasks of a user whose due date lies in [{@code from}, {@code to}], by due date (then task id).
     * A window spans at most 31 days (the Command Center's is two): a store may read it day by day.
     *
     * @throws IllegalArgumentException for a longer window
     */
    List<ScTask> openDueBetween(UserId userId, LocalDate from, LocalDate to);

    /**
     * One page of {@link #openDueBetween}: at most {@code limit} tasks by due date, after {@code cursor} (null: from
     * the first; otherwise the page cursor this store returned). A store that can read the window page by page
     * overrides this; here the whole window is read and cut.
     *
     * @throws IllegalArgumentException (from a store that checks) for a cursor this store did not return
     */
    default Page<ScTask> openDueBetween(UserId userId, LocalDate from, LocalDate to, String cursor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<ScTask> all = openDueBetween(userId, from, to);
        // The cursor is the last task's due date and id: the page goes on after it even if that task is gone.
        int start = 0;
        while (cursor != null && start < all.size() && pageKey(all.get(start)).compareTo(cursor) <= 0) {
            start++;
        }
        int end = Math.min(all.size(), start + limit);
        return new Page<>(all.subList(start, end), end < all.size() ? pageKey(all.get(end - 1)) : null);
    }

    /** "2024-06-15/task-1": as text, the order of {@link #openDueBetween} (due date, then task id). */
    private static String pageKey(ScTask task) {
        return task.fields().dueDate() + "/" + task.taskId();
    }
}
