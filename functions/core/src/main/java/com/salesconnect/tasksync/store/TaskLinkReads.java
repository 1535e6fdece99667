package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.task.ScTask;

import java.util.Collection;
import java.util.Map;

/**
 * Reads a user's tasks and links by task id together, as {@link TaskStore#getAll} and {@link LinkStore#getAll} read
 * them (strongly consistent, expired items left out): in the same requests where the stores allow it (DynamoDB's
 * BatchGetItem spans both tables), else one read from each store.
 */
public interface TaskLinkReads {

    /** What one read found, by task id. */
    record Found(Map<TaskId, ScTask> tasks, Map<TaskId, TaskLink> links) {

        public Found {
            tasks = Map.copyOf(tasks);
            links = Map.copyOf(links);
        }
    }

    /** The tasks of {@code taskIds} and the links of {@code linkTaskIds}, all of {@code user}. */
    Found read(UserId user, Collection<TaskId> taskIds, Collection<TaskId> linkTaskIds);

    /** One read from each store, for stores that cannot read both at once. */
    static TaskLinkReads separately(TaskStore tasks, LinkStore links) {
        return (user, taskIds, linkTaskIds) -> new Found(
                taskIds.isEmpty() ? Map.of() : tasks.getAll(user, taskIds),
                linkTaskIds.isEmpty() ? Map.of() : links.getAll(user, linkTaskIds));
    }
}
