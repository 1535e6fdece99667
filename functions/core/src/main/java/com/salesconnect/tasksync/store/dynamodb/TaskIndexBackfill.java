package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.task.ScTask;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

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

    private final DynamoDbClient db;
    private final String table;

    public TaskIndexBackfill(DynamoDbClient db, String tasksTable) {
        this.db = db;
        this.table = tasksTable;
    }

    public Outcome run() {
        long scanned = 0;
        long updated = 0;
        long savedMeanwhile = 0;
        List<String> unreadable = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = call(() -> db.scan(s -> s.tableName(table)
                    .filterExpression("attribute_not_exists(#live) OR attribute_exists(#old)")
                    .expressionAttributeNames(Map.of("#live", TaskItems.LIVE_USER_ID, "#old", OLD_OPEN_DUE_DATE))
                    .consistentRead(true)
                    .exclusiveStartKey(from)), "scanning");
            for (Map<String, AttributeValue> item : page.items()) {
                scanned++;
                ScTask task;
                try {
                    task = TaskItems.fromItem(item);
                } catch (StoreException e) {
                    unreadable.add(text(item, "userId") + "/" + text(item, "taskId"));
                    continue;
                }
                switch (update(item, task)) {
                    case UPDATED -> updated++;
                    case SAVED_MEANWHILE -> savedMeanwhile++;
                    case CURRENT -> {
                    }
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new Outcome(scanned, updated, savedMeanwhile, List.copyOf(unreadable));
    }

    private enum Result { CURRENT, UPDATED, SAVED_MEANWHILE }

    private Result update(Map<String, AttributeValue> item, ScTask task) {
        Map<String, String> wanted = new HashMap<>();
        wanted.put(TaskItems.LIVE_USER_ID, task.deleted() ? null : task.userId());
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
        try {
            call(() -> db.updateItem(u -> u.tableName(table)
                    .key(TaskItems.key(task.userId(), task.taskId()))
                    .updateExpression(expression)
                    .conditionExpression("version = :v")
                    .expressionAttributeValues(values)), "updating the index keys of a task");
            return Result.UPDATED;
        } catch (ConditionalCheckFailedException e) {
            return Result.SAVED_MEANWHILE;
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private <T> T call(java.util.function.Supplier<T> request, String what) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw new StoreException(what + " in " + table + " failed", e);
        }
    }
}
