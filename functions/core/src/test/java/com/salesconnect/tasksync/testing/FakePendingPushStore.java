package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.store.PendingPushStore;
import com.salesconnect.tasksync.sync.PendingPush;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** In-memory {@link PendingPushStore}: one pending push per task, idempotent writes. */
public final class FakePendingPushStore implements PendingPushStore {

    private record Key(String userId, String taskId) {
    }

    private final Map<Key, PendingPush> items = new LinkedHashMap<>();
    public final Faults faults = new Faults();

    @Override
    public synchronized void put(PendingPush push) {
        faults.check("put");
        items.put(new Key(push.userId(), push.taskId()), push);
    }

    @Override
    public synchronized List<PendingPush> forUser(String userId) {
        faults.check("forUser");
        return items.values().stream().filter(p -> p.userId().equals(userId)).toList();
    }

    @Override
    public synchronized void remove(String userId, String taskId) {
        faults.check("remove");
        items.remove(new Key(userId, taskId));
    }

    public synchronized List<PendingPush> all() {
        return List.copyOf(items.values());
    }
}
