package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.store.ConflictLog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * In-memory {@link ConflictLog}. Keyed like the DynamoDB item (user, time, task, field), so recording the same
 * conflict twice stores it once.
 */
public final class FakeConflictLog implements ConflictLog {

    private record Key(String userId, Object at, String taskId, Object field) {
    }

    private final Map<Key, Conflict> items = new LinkedHashMap<>();

    @Override
    public synchronized void record(Conflict c) {
        items.put(new Key(c.userId(), c.at(), c.taskId(), c.field()), c);
    }

    @Override
    public synchronized List<Conflict> forUser(UserId user, int limit) {
        String userId = user.value();
        List<Conflict> out = new ArrayList<>(items.values().stream()
                .filter(c -> Objects.equals(c.userId(), userId)).toList());
        out.sort(Comparator.comparing(Conflict::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return out.subList(0, Math.min(limit, out.size()));
    }

    public synchronized List<Conflict> all() {
        return List.copyOf(items.values());
    }
}
