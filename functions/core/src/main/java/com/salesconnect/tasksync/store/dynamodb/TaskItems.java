package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** ScTask to and from a TasksTable item. */
final class TaskItems {

    static final String OPEN_DUE_DAY = "openDueDay";
    /** The sparse partition key of the LiveTasks index: the user's id, on a live task only. */
    static final String LIVE_USER_ID = "liveUserId";

    private TaskItems() {
    }

    static Map<String, AttributeValue> key(String userId, String taskId) {
        return Map.of("userId", Values.s(userId), "taskId", Values.s(taskId));
    }

    static Map<String, AttributeValue> toItem(ScTask task) {
        ItemBuilder item = ItemBuilder.item()
                .string("userId", task.userId())
                .string("taskId", task.taskId());
        TaskFieldsItems.write(item, task.fields());
        return item.instant("createdAt", task.createdAt())
                .instant("updatedAt", task.updatedAt())
                .number("version", task.version())
                .enumValue("changeOrigin", task.changeOrigin())
                .instant("deletedAt", task.deletedAt())
                .ttl(task.expiresAt())
                .string(OPEN_DUE_DAY, openDueDay(task))
                .string(LIVE_USER_ID, liveUserId(task))
                .build();
    }

    /**
     * The sparse partition key of the OpenTasksByDueDay index, {@code {userId}#{yyyy-MM-dd}}: present only on a
     * live, open task with a due date, so the index holds exactly what the Command Center may list, one partition
     * per user and due day (a day's Query reads that day's tasks and nothing else of the user's).
     */
    static String openDueDay(ScTask task) {
        boolean listable = !task.deleted() && !task.fields().completed() && task.fields().dueDate() != null;
        return listable ? dueDay(task.userId(), task.fields().dueDate()) : null;
    }

    /** The sparse partition key of the LiveTasks index: the user's id on a live task, null on a tombstone. */
    static String liveUserId(ScTask task) {
        return task.deleted() ? null : task.userId();
    }

    static String dueDay(String userId, java.time.LocalDate day) {
        return userId + "#" + day;
    }

    /** The tasks of {@code items} not expired at {@code now}, by task id (what a batch read of tasks returns). */
    static Map<TaskId, ScTask> live(List<Map<String, AttributeValue>> items, Instant now) {
        Map<TaskId, ScTask> out = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            ScTask task = fromItem(item);
            if (!task.expiredAt(now)) {
                out.put(TaskId.of(task.taskId()), task);
            }
        }
        return out;
    }

    static ScTask fromItem(Map<String, AttributeValue> attributes) {
        ItemReader item = new ItemReader(attributes, "task");
        return new ScTask(
                item.string("userId"),
                item.string("taskId"),
                TaskFieldsItems.read(item),
                item.instant("createdAt"),
                item.instant("updatedAt"),
                item.number("version"),
                item.enumValue("changeOrigin", Origin.class),
                item.optInstant("deletedAt"),
                item.ttl());
    }
}
