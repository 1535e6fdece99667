package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.task.ScTask;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sales Connect's tasks in the TasksTable (key userId + taskId); see README.md in this package. */
public final class DynamoDbTaskStore implements TaskStore {

    static final String OPEN_TASKS_INDEX = "OpenTasksByDueDay";
    static final String LIVE_TASKS_INDEX = "LiveTasks";
    /** The longest due window read (one Query per day): the Command Center reads two. */
    static final int MAX_WINDOW_DAYS = 31;
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
        return TaskItems.live(table.batchGet(keys, "tasks"), now);
    }

    @Override
    public ScTask save(ScTask task) {
        Instant now = clock.instant();
        ScTask stored = nextVersion(task);
        table.putConverging(TaskItems.toItem(stored), condition(task.version(), now),
                "task " + task.userId() + "/" + task.taskId());
        return stored;
    }

    /** 25 a BatchWriteItem, without conditions: their imports' claims keep everyone else away (see the port). */
    @Override
    public void createAll(List<ScTask> tasks) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(tasks.size());
        for (ScTask task : tasks) {
            if (task.version() != 0) {
                throw new IllegalArgumentException("only new tasks are created in a batch: " + task.taskId());
            }
            items.add(TaskItems.toItem(nextVersion(task)));
        }
        table.batchPut(items, "imported tasks");
    }

    /** The task as a write stores it: the next version, its expiry as the TTL attribute keeps it. */
    private static ScTask nextVersion(ScTask task) {
        return new ScTask(task.userId(), task.taskId(), task.fields(), task.createdAt(), task.updatedAt(),
                task.version() + 1, task.changeOrigin(), task.deletedAt(), Values.ttlInstant(task.expiresAt()));
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

    /**
     * Pages by task id through the sparse LiveTasks index (eventually consistent): one Query a page, which reads only
     * the live tasks it returns, however many tombstones lie between them. {@code more} is DynamoDB's: a full page
     * may be followed by an empty last one.
     */
    @Override
    public Page<ScTask> browse(UserId user, String cursor, int limit) {
        String userId = user.value();
        requirePositive(limit);
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            start = new HashMap<>(TaskItems.key(userId, Cursors.decode(cursor)));
            start.put(TaskItems.LIVE_USER_ID, Values.s(userId));
        }
        Map<String, AttributeValue> from = start;
        QueryResponse page = table.query(q -> q.indexName(LIVE_TASKS_INDEX)
                .keyConditionExpression("liveUserId = :u")
                .expressionAttributeValues(Map.of(":u", Values.s(userId)))
                .exclusiveStartKey(from)
                .limit(limit), "live tasks of a user");
        List<ScTask> tasks = page.items().stream().map(TaskItems::fromItem).toList();
        boolean more = Table.lastKey(page) != null;
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

    /**
     * One Query of the sparse index per day of the window (the Command Center's is two days), each reading that
     * user-day partition page by page (each at most 1 MB), so any number of tasks in the window is found and no
     * task outside it is read.
     */
    @Override
    public List<ScTask> openDueBetween(UserId user, LocalDate from, LocalDate to) {
        requireWindow(from, to);
        Instant now = clock.instant();
        List<ScTask> tasks = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            String partition = TaskItems.dueDay(user.value(), day);
            table.queryAll(q -> dueDayQuery(q, partition), "open tasks by due day").stream()
                    .map(TaskItems::fromItem)
                    .filter(task -> listable(task, now))
                    .forEach(tasks::add);
        }
        tasks.sort(Comparator.comparing((ScTask task) -> task.fields().dueDate()).thenComparing(ScTask::taskId));
        return tasks;
    }

    /**
     * The window's user-day partitions in order, from the cursor's day on: at most one Query per day for a page
     * (more only when the table says some of the index's entries are gone). The order is the index's: due date,
     * then task id. The cursor is the last task's due date and id.
     */
    @Override
    public Page<ScTask> openDueBetween(UserId user, LocalDate from, LocalDate to, String cursor, int limit) {
        requirePositive(limit);
        requireWindow(from, to);
        LocalDate day = from;
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            OpenTaskKey after = OpenTaskKey.parse(Cursors.decode(cursor));
            day = after.day().isBefore(from) ? from : after.day();
            start = after.day().isBefore(from) ? null : after.toKey(user.value());
        }
        Instant now = clock.instant();
        List<ScTask> tasks = new ArrayList<>();
        boolean more = false;
        for (; !day.isAfter(to) && tasks.size() < limit; day = day.plusDays(1), start = null) {
            String partition = TaskItems.dueDay(user.value(), day);
            Table.Filled page = table.queryUpTo(q -> dueDayQuery(q, partition), start, limit - tasks.size(),
                    item -> listable(TaskItems.fromItem(item), now), "open tasks by due day");
            page.items().stream().map(TaskItems::fromItem).forEach(tasks::add);
            more = page.more() || day.isBefore(to);
        }
        String next = more && !tasks.isEmpty()
                ? Cursors.encode(OpenTaskKey.of(tasks.get(tasks.size() - 1)).text()) : null;
        return new Page<>(tasks, next);
    }

    private static QueryRequest.Builder dueDayQuery(QueryRequest.Builder q, String partition) {
        return q.indexName(OPEN_TASKS_INDEX)
                .keyConditionExpression("openDueDay = :d")
                .expressionAttributeValues(Map.of(":d", Values.s(partition)));
    }

    /** The index is eventually consistent: never list what the table already says is gone. */
    private static boolean listable(ScTask task, Instant now) {
        return !task.deleted() && !task.fields().completed() && !task.expiredAt(now);
    }

    private static void requireWindow(LocalDate from, LocalDate to) {
        if (ChronoUnit.DAYS.between(from, to) >= MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("a due window spans at most " + MAX_WINDOW_DAYS + " days");
        }
    }

    /** A page cursor's place in the index: a due day and a task id ("2024-06-15/task-1"). */
    private record OpenTaskKey(LocalDate day, String taskId) {

        static OpenTaskKey of(ScTask task) {
            return new OpenTaskKey(task.fields().dueDate(), task.taskId());
        }

        static OpenTaskKey parse(String text) {
            int slash = text.indexOf('/');
            if (slash < 1 || slash == text.length() - 1) {
                throw new IllegalArgumentException("malformed page cursor");
            }
            try {
                return new OpenTaskKey(LocalDate.parse(text.substring(0, slash)), text.substring(slash + 1));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("malformed page cursor", e);
            }
        }

        String text() {
            return day + "/" + taskId;
        }

        /** The index's key of that task, as an exclusive start key. */
        Map<String, AttributeValue> toKey(String userId) {
            return Map.of("openDueDay", Values.s(TaskItems.dueDay(userId, day)), "taskId", Values.s(taskId),
                    "userId", Values.s(userId));
        }
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }
}
