package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.sync.TaskChange;
import com.salesconnect.tasksync.task.ScTask;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * In-memory {@link TaskStore} following the port's contract (versioning, tombstones, expired = absent), plus a
 * simulated DynamoDB stream: every stored write is queued as a {@link TaskChange} with old and new image.
 */
public final class FakeTaskStore implements TaskStore {

    private record Key(String userId, String taskId) implements Comparable<Key> {
        public int compareTo(Key o) {
            int c = userId.compareTo(o.userId);
            return c != 0 ? c : taskId.compareTo(o.taskId);
        }
    }

    private final Clock clock;
    private final Map<Key, ScTask> items = new TreeMap<>();
    private final List<TaskChange> stream = new ArrayList<>();
    private long sequence;
    public final Faults faults = new Faults();

    public FakeTaskStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<ScTask> get(UserId userId, TaskId taskId) {
        faults.check("get");
        return Optional.ofNullable(items.get(new Key(userId.value(), taskId.value())))
                .filter(t -> !t.expiredAt(clock.instant()));
    }

    @Override
    public synchronized ScTask save(ScTask task) {
        faults.check("save");
        Key key = new Key(task.userId(), task.taskId());
        ScTask stored = items.get(key);
        boolean present = stored != null && !stored.expiredAt(clock.instant());
        if (task.version() == 0 ? present : !present || stored.version() != task.version()) {
            throw new WriteConflictException("task " + task.taskId());
        }
        ScTask next = withVersion(task, task.version() + 1);
        items.put(key, next);
        stream.add(new TaskChange("rec-" + (++sequence), task.userId(), task.taskId(), present ? stored : null, next,
                false));
        return next;
    }

    /** Unconditional puts, as the DynamoDB adapter's BatchWriteItem: whatever is stored is overwritten. */
    @Override
    public synchronized void createAll(List<ScTask> tasks) {
        faults.check("createAll");
        for (ScTask task : tasks) {
            if (task.version() != 0) {
                throw new IllegalArgumentException("only new tasks are created in a batch: " + task.taskId());
            }
        }
        for (ScTask task : tasks) {
            Key key = new Key(task.userId(), task.taskId());
            ScTask stored = items.get(key);
            boolean present = stored != null && !stored.expiredAt(clock.instant());
            ScTask next = withVersion(task, 1);
            items.put(key, next);
            stream.add(new TaskChange("rec-" + (++sequence), task.userId(), task.taskId(), present ? stored : null,
                    next, false));
        }
    }

    @Override
    public synchronized Page<ScTask> list(UserId user, String cursor, int limit) {
        String userId = user.value();
        faults.check("list");
        Instant now = clock.instant();
        List<ScTask> live = items.values().stream()
                .filter(t -> t.userId().equals(userId) && !t.deleted() && !t.expiredAt(now))
                .filter(t -> cursor == null || t.taskId().compareTo(cursor) > 0)
                .sorted(Comparator.comparing(ScTask::taskId))
                .toList();
        List<ScTask> page = live.subList(0, Math.min(limit, live.size()));
        String next = live.size() > limit ? page.get(page.size() - 1).taskId() : null;
        return new Page<>(page, next);
    }

    @Override
    public synchronized Page<ScTask> listWithPrefix(UserId user, String prefix, String afterTaskId, int limit) {
        String userId = user.value();
        faults.check("listWithPrefix");
        Instant now = clock.instant();
        List<ScTask> live = items.values().stream()
                .filter(t -> t.userId().equals(userId) && !t.expiredAt(now))
                .filter(t -> t.taskId().startsWith(prefix))
                .filter(t -> afterTaskId == null || t.taskId().compareTo(afterTaskId) > 0)
                .sorted(Comparator.comparing(ScTask::taskId))
                .toList();
        List<ScTask> page = live.subList(0, Math.min(limit, live.size()));
        String next = live.size() > limit ? page.get(page.size() - 1).taskId() : null;
        return new Page<>(page, next);
    }

    @Override
    public synchronized List<ScTask> openDueBetween(UserId user, LocalDate from, LocalDate to) {
        String userId = user.value();
        faults.check("openDueBetween");
        if (java.time.temporal.ChronoUnit.DAYS.between(from, to) >= 31) {
            throw new IllegalArgumentException("a due window spans at most 31 days");
        }
        Instant now = clock.instant();
        return items.values().stream()
                .filter(t -> t.userId().equals(userId) && !t.deleted() && !t.expiredAt(now))
                .filter(t -> !t.fields().completed() && t.fields().dueDate() != null)
                .filter(t -> !t.fields().dueDate().isBefore(from) && !t.fields().dueDate().isAfter(to))
                .sorted(Comparator.comparing((ScTask t) -> t.fields().dueDate()).thenComparing(ScTask::taskId))
                .toList();
    }

    /** Stores a task as given (any createdAt, any version), bypassing the version check and the stream. */
    public synchronized void seed(ScTask task) {
        items.put(new Key(task.userId(), task.taskId()), task);
    }

    /** Every item, tombstones and expired ones included, as stored. */
    public synchronized List<ScTask> all() {
        return List.copyOf(items.values());
    }

    /** Live tasks of a user. */
    public synchronized List<ScTask> live(String userId) {
        Instant now = clock.instant();
        return items.values().stream()
                .filter(t -> t.userId().equals(userId) && !t.deleted() && !t.expiredAt(now))
                .toList();
    }

    /** The stream records written since the last call (the stream as the outbound function would see it). */
    public synchronized List<TaskChange> takeStream() {
        List<TaskChange> out = List.copyOf(stream);
        stream.clear();
        return out;
    }

    /** Writes since the last {@link #takeStream()}, without consuming them. */
    public synchronized List<TaskChange> peekStream() {
        return List.copyOf(stream);
    }

    static ScTask withVersion(ScTask t, long version) {
        return new ScTask(t.userId(), t.taskId(), t.fields(), t.createdAt(), t.updatedAt(), version, t.changeOrigin(),
                t.deletedAt(), t.expiresAt());
    }
}
