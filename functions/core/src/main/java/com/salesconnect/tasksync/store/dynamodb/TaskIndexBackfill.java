package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.task.ScTask;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Brings the index keys of task items written before an index existed to what a save writes today: {@code
 * liveUserId} (LiveTasks, since 2026-12-04) and {@code openDueDay} in place of {@code openDueDate}
 * (OpenTasksByDueDay, since 2026-12-01); see README.md in this package. One Scan of the items that may lack them,
 * and for each one that does an UpdateItem of those attributes alone, on the condition that its {@code version} is
 * still the one read: a task saved meanwhile was written whole by the current code, so it is left as it is. Task
 * fields and {@code version} are never touched, so the stream records of the updates push nothing. Safe to run
 * again and while the functions run.
 */
public final class TaskIndexBackfill {

    /** The old Command Center index's key (a due date, on open live tasks), replaced by {@code openDueDay}. */
    static final String OLD_OPEN_DUE_DATE = "openDueDate";

    /**
     * @param scanned   items the Scan returned (those that may lack an index key)
     * @param updated   items given their index keys
     * @param savedMeanwhile items a save changed between the Scan and their update (current already)
     * @param unreadable items that are not well-formed tasks (left alone; their keys are reported)
     */
    public record Outcome(long scanned, long updated, long savedMeanwhile, List<String> unreadable) {
    }

    private final Table table;

    public TaskIndexBackfill(DynamoDbClient db, String tasksTable) {
        this.table = new Table(db, tasksTable);
    }

    public Outcome run() {
        class Counts {
            long scanned;
            long updated;
            long savedMeanwhile;
        }
        Counts counts = new Counts();
        List<String> unreadable = new ArrayList<>();
        table.scanEach(s -> s
                .filterExpression("attribute_not_exists(#live) OR attribute_exists(#old)")
                .expressionAttributeNames(Map.of("#live", TaskItems.LIVE_USER_ID, "#old", OLD_OPEN_DUE_DATE))
                .consistentRead(true), item -> {
            counts.scanned++;
            ScTask task;
            try {
                task = TaskItems.fromItem(item);
            } catch (StoreException e) {
                unreadable.add(text(item, "userId") + "/" + text(item, "taskId"));
                return;
            }
            switch (update(item, task)) {
                case UPDATED -> counts.updated++;
                case SAVED_MEANWHILE -> counts.savedMeanwhile++;
                case CURRENT -> {
                }
            }
        }, "tasks that may lack an index key");
        return new Outcome(counts.scanned, counts.updated, counts.savedMeanwhile, List.copyOf(unreadable));
    }

    private enum Result { CURRENT, UPDATED, SAVED_MEANWHILE }

    private Result update(Map<String, AttributeValue> item, ScTask task) {
        Map<String, String> wanted = new HashMap<>();
        wanted.put(TaskItems.LIVE_USER_ID, TaskItems.liveUserId(task));
        wanted.put(TaskItems.OPEN_DUE_DAY, TaskItems.openDueDay(task));
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":v", item.get("version"));
        wanted.forEach((name, value) -> {
            if (Objects.equals(text(item, name), value)) {
                return;
            }
            if (value == null) {
                removes.add(name);
            } else {
                sets.add(name + " = :" + name);
                values.put(":" + name, Values.s(value));
            }
        });
        if (item.containsKey(OLD_OPEN_DUE_DATE)) {
            removes.add(OLD_OPEN_DUE_DATE);
        }
        if (sets.isEmpty() && removes.isEmpty()) {
            return Result.CURRENT;
        }
        String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
                + (removes.isEmpty() ? "" : (sets.isEmpty() ? "" : " ") + "REMOVE " + String.join(", ", removes));
        return table.updateIf(TaskItems.key(task.userId(), task.taskId()), expression, "version = :v", values,
                "the index keys of a task") ? Result.UPDATED : Result.SAVED_MEANWHILE;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
