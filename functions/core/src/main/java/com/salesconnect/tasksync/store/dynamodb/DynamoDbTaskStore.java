package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.task.ScTask;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Collection;
import java.util.HashMap;
import java.util.Optional;

/** Sales Connect's tasks in the TasksTable (key userId + taskId); see README.md in this package. */
public final class DynamoDbTaskStore implements TaskStore {

    static final String OPEN_TASKS_INDEX = "OpenTasksByDueDate";
    static final String CREATE_CONDITION = "attribute_not_exists(userId) OR expiresAt <= :now";
    static final String UPDATE_CONDITION = "version = :expected AND (attribute_not_exists(expiresAt) OR expiresAt > :now)";

    private final Table table;
    private final Clock clock;

    public DynamoDbTaskStore(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.table = new Table(dynamoDb, tableName);
        this.clock = clock;
    }

    @Override
    public Optional<ScTask> get(UserId userId, TaskId taskId) {
        Instant now = clock.instant();
        return table.get(TaskItems.key(userId.value(), taskId.value()), "task")
                .map(TaskItems::fromItem)
                .filter(task -> !task.expiredAt(now));
    }

    /** BatchGetItem, 100 tasks a request. */
    @Override
    public Map<TaskId, ScTask> getAll(UserId userId, Collection<TaskId> taskIds) {
        Instant now = clock.instant();
        List<Map<String, AttributeValue>> keys = taskIds.stream().distinct()
                .map(taskId -> TaskItems.key(userId.value(), taskId.value())).toList();
        Map<TaskId, ScTask> out = new HashMap<>();
        for (Map<String, AttributeValue> item : table.batchGet(keys, "tasks")) {
            ScTask task = TaskItems.fromItem(item);
            if (!task.expiredAt(now)) {
                out.put(TaskId.of(task.taskId()), task);
            }
        }
        return out;
    }

    @Override
    public ScTask save(ScTask task) {
        Instant now = clock.instant();
        ScTask stored = new ScTask(task.userId(), task.taskId(), task.fields(), task.createdAt(), task.updatedAt(),
                task.version() + 1, task.changeOrigin(), task.deletedAt(), Values.ttlInstant(task.expiresAt()));
        table.putConverging(TaskItems.toItem(stored), condition(task.version(), now),
                "task " + task.userId() + "/" + task.taskId());
        return stored;
    }

    /**
     * A task from a TasksTable item as this store writes it, e.g. an image of the table's stream; the stream
     * handler reads images with the same mapping as the store.
     *
     * @throws com.salesconnect.tasksync.store.StoreException when the item is not a well-formed task
     */
    public static ScTask taskOf(Map<String, AttributeValue> item) {
        return TaskItems.fromItem(item);
    }

    static Condition condition(long expectedVersion, Instant now) {
        if (expectedVersion == 0) {
            return Condition.of(CREATE_CONDITION, Map.of(":now", Values.nowSeconds(now)));
        }
        return Condition.of(UPDATE_CONDITION,
                Map.of(":expected", Values.n(expectedVersion), ":now", Values.nowSeconds(now)));
    }

    /** Pages by task id; tombstones are skipped server-side, so a page may take several queries to fill. */
    @Override
    public Page<ScTask> list(UserId user, String cursor, int limit) {
        String userId = user.value();
        requirePositive(limit);
        Map<String, AttributeValue> start = cursor == null ? null : TaskItems.key(userId, Cursors.decode(cursor));
        Table.Filled page = table.queryUpTo(q -> q
                .keyConditionExpression("userId = :u")
                .filterExpression("attribute_not_exists(deletedAt)")
                .expressionAttributeValues(Map.of(":u", Values.s(userId)))
                .consistentRead(true), start, limit, item -> true, "tasks of a user");
        List<ScTask> tasks = page.items().stream().map(TaskItems::fromItem).toList();
        boolean more = page.more();
        // Another page exists when the last query stopped early; the cursor is the last task returned.
        String next = more && !tasks.isEmpty() ? Cursors.encode(tasks.get(tasks.size() - 1).taskId()) : null;
        return new Page<>(tasks, next);
    }

    @Override
    public Page<ScTask> listWithPrefix(UserId user, String prefix, String afterTaskId, int limit) {
        String userId = user.value();
        requirePositive(limit);
        Instant now = clock.instant();
        Map<String, AttributeValue> start = afterTaskId == null ? null : TaskItems.key(userId, afterTaskId);
        Table.Filled page = table.queryUpTo(q -> q
                .keyConditionExpression("userId = :u AND begins_with(taskId, :p)")
                .filterExpression("attribute_not_exists(expiresAt) OR expiresAt > :now")
                .expressionAttributeValues(Map.of(":u", Values.s(userId), ":p", Values.s(prefix),
                        ":now", Values.nowSeconds(now)))
                .consistentRead(true), start, limit, item -> true, "tasks of a user by id prefix");
        List<ScTask> tasks = page.items().stream().map(TaskItems::fromItem).toList();
        boolean more = page.more();
        String next = more && !tasks.isEmpty() ? tasks.get(tasks.size() - 1).taskId() : null;
        return new Page<>(tasks, next);
    }

    /** Reads the sparse index page by page (each at most 1 MB), so any number of tasks in the window is found. */
    @Override
    public List<ScTask> openDueBetween(UserId user, LocalDate from, LocalDate to) {
        String userId = user.value();
        if (to.isBefore(from)) {
            return List.of();
        }
        Instant now = clock.instant();
        List<ScTask> tasks = new ArrayList<>();
        table.queryAll(q -> q
                .indexName(OPEN_TASKS_INDEX)
                .keyConditionExpression("userId = :u AND openDueDate BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":u", Values.s(userId),
                        ":from", Values.s(from.toString()), ":to", Values.s(to.toString()))), "open tasks by due date")
                .stream().map(TaskItems::fromItem)
                // The index is eventually consistent: never list what the table already says is gone.
                .filter(task -> !task.deleted() && !task.fields().completed() && !task.expiredAt(now))
                .forEach(tasks::add);
        tasks.sort(Comparator.comparing((ScTask task) -> task.fields().dueDate()).thenComparing(ScTask::taskId));
        return tasks;
    }

    /**
     * One Query of the index per page (more only when the table says some of the index's entries are gone): its
     * order is the index's, by due date. The cursor is the last task's index key.
     */
    @Override
    public Page<ScTask> openDueBetween(UserId user, LocalDate from, LocalDate to, String cursor, int limit) {
        String userId = user.value();
        requirePositive(limit);
        if (to.isBefore(from)) {
            return new Page<>(List.of(), null);
        }
        Map<String, AttributeValue> start = cursor == null ? null : openTaskKey(userId, Cursors.decode(cursor));
        Instant now = clock.instant();
        Table.Filled page = table.queryUpTo(q -> q
                .indexName(OPEN_TASKS_INDEX)
                .keyConditionExpression("userId = :u AND openDueDate BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":u", Values.s(userId),
                        ":from", Values.s(from.toString()), ":to", Values.s(to.toString()))),
                start, limit, item -> {
                    ScTask task = TaskItems.fromItem(item);
                    return !task.deleted() && !task.fields().completed() && !task.expiredAt(now);
                }, "open tasks by due date");
        List<Map<String, AttributeValue>> items = page.items();
        List<ScTask> tasks = items.stream().map(TaskItems::fromItem).toList();
        String next = null;
        if (page.more() && !items.isEmpty()) {
            Map<String, AttributeValue> last = items.get(items.size() - 1);
            next = Cursors.encode(last.get("openDueDate").s() + "/" + last.get("taskId").s());
        }
        return new Page<>(tasks, next);
    }

    /** The index key of an open task: the user, its due date, its id ("2024-06-15/task-1" from a cursor). */
    private static Map<String, AttributeValue> openTaskKey(String userId, String dueAndTask) {
        int slash = dueAndTask.indexOf('/');
        if (slash < 1 || slash == dueAndTask.length() - 1) {
            throw new IllegalArgumentException("malformed page cursor");
        }
        return Map.of("userId", Values.s(userId), "openDueDate", Values.s(dueAndTask.substring(0, slash)),
                "taskId", Values.s(dueAndTask.substring(slash + 1)));
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }
}
