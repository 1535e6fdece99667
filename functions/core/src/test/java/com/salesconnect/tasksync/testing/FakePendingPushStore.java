package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.store.PendingPushStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** In-memory {@link PendingPushStore}: one pending push per task, write ids from a counter (deterministic). */
public final class FakePendingPushStore implements PendingPushStore {

    private record Key(String userId, String taskId) {
    }

    private final Map<Key, PendingPush> items = new LinkedHashMap<>();
    private long writes;
    public final Faults faults = new Faults();

    @Override
    public synchronized PendingPush put(PendingPush push) {
        faults.check("put");
        PendingPush stored = push.withWriteId("w" + (++writes));
        items.put(key(push), stored);
        return stored;
    }

    @Override
    public synchronized Optional<PendingPush> putIfAbsent(PendingPush push) {
        faults.check("putIfAbsent");
        if (items.containsKey(key(push))) {
            return Optional.empty();
        }
        PendingPush stored = push.withWriteId("w" + (++writes));
        items.put(key(push), stored);
        return Optional.of(stored);
    }

    @Override
    public synchronized List<PendingPush> forUser(UserId user) {
        String userId = user.value();
        faults.check("forUser");
        return items.values().stream().filter(p -> p.userId().equals(userId)).toList();
    }

    @Override
    public synchronized boolean remove(PendingPush push) {
        faults.check("remove");
        PendingPush stored = items.get(key(push));
        if (stored == null || !Objects.equals(stored.writeId(), push.writeId())) {
            return false;
        }
        items.remove(key(push));
        return true;
    }

    public synchronized List<PendingPush> all() {
        return List.copyOf(items.values());
    }

    private static Key key(PendingPush push) {
        return new Key(push.userId(), push.taskId());
    }
}
