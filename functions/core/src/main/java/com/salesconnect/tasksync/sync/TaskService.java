package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.rules.Tombstones;
import com.salesconnect.tasksync.runtime.LogFields;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskValidation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The Sales Connect side of a task's life: every write carries {@code changeOrigin = SALES_CONNECT}, which is what
 * the outbound stream pushes. Deleting leaves a 15-day tombstone.
 */
public final class TaskService {

    private static final Logger LOG = LoggerFactory.getLogger(TaskService.class);

    private final TaskStore tasks;
    private final Clock clock;
    private final Supplier<String> taskIds;

    /** @param taskIds new, unique task ids (e.g. random UUIDs) */
    public TaskService(TaskStore tasks, Clock clock, Supplier<String> taskIds) {
        this.tasks = tasks;
        this.clock = clock;
        this.taskIds = taskIds;
    }

    /** @throws com.salesconnect.tasksync.task.InvalidTaskException on bad input; nothing is stored then */
    public ScTask create(UserId user, TaskFields fields) {
        String userId = Objects.requireNonNull(user, "userId").value();
        TaskValidation.validate(fields);
        Instant now = clock.instant();
        String taskId = taskIds.get();
        if (taskId.startsWith(SalesforceIds.IMPORTED_PREFIX)) {
            throw new IllegalStateException("task ids of Sales Connect tasks must not look like imported ones");
        }
        return written(tasks.save(new ScTask(userId, taskId, fields, now, now, 0, Origin.SALES_CONNECT, null, null)),
                "created");
    }

    /** Replaces the task's fields. */
    public ScTask edit(UserId user, TaskId id, TaskFields fields) {
        TaskValidation.validate(fields);
        return change(user, id, current -> fields);
    }

    /**
     * Applies {@code change} to the task's latest fields (re-read on a concurrent write), e.g. a partial edit
     * from an API: only what the change touches is replaced, a concurrent change of other fields is kept.
     *
     * @throws com.salesconnect.tasksync.task.InvalidTaskException when the result is invalid; nothing is stored then
     */
    public ScTask update(UserId user, TaskId id, UnaryOperator<TaskFields> change) {
        return change(user, id, current -> TaskValidation.validate(change.apply(current)));
    }

    public ScTask complete(UserId user, TaskId id) {
        return change(user, id, f -> f.with(TaskFields.Field.COMPLETED, true));
    }

    public ScTask reopen(UserId user, TaskId id) {
        return change(user, id, f -> f.with(TaskFields.Field.COMPLETED, false));
    }

    /** Deletes the task (a tombstone for 15 days). Deleting a deleted task changes nothing. */
    public void delete(UserId user, TaskId id) {
        Retry.onWriteConflict(() -> {
            Instant now = clock.instant();
            ScTask task = tasks.get(user, id).orElseThrow(TaskNotFoundException::new);
            if (task.deleted()) {
                return task;
            }
            return written(tasks.save(Tombstones.of(task, Origin.SALES_CONNECT, now)), "deleted");
        });
    }

    /** The first line of a Sales Connect change's path (README, "Operations"): its correlation id. */
    private static ScTask written(ScTask saved, String what) {
        try (LogFields.Scope ignored = LogFields.with(LogFields.USER_ID, saved.userId(),
                LogFields.TASK_ID, saved.taskId(),
                LogFields.CHANGE_ID, LogFields.scChange(saved.taskId(), saved.version()))) {
            LOG.info("task {} in Sales Connect: version={}", what, saved.version());
        }
        return saved;
    }

    /** Applies {@code change} to the latest version; a concurrent write (e.g. from Salesforce) is re-read first. */
    private ScTask change(UserId user, TaskId id, UnaryOperator<TaskFields> change) {
        return Retry.onWriteConflict(() -> {
            Instant now = clock.instant();
            ScTask task = tasks.get(user, id).filter(t -> !t.deleted())
                    .orElseThrow(TaskNotFoundException::new);
            TaskFields next = change.apply(task.fields());
            if (next.equals(task.fields())) {
                return task;
            }
            return written(tasks.save(task.edited(next, Origin.SALES_CONNECT, now)), "edited");
        });
    }
}
