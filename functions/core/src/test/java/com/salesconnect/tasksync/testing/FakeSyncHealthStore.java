package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.LastSync;
import com.salesconnect.tasksync.store.SyncHealthStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** In-memory {@link SyncHealthStore}: times only move forward, as in DynamoDB; counts its writes. */
public final class FakeSyncHealthStore implements SyncHealthStore {

    private final Map<String, LastSync> items = new HashMap<>();
    private int writes;
    public final Faults faults = new Faults();

    @Override
    public synchronized LastSync get(UserId user) {
        String userId = user.value();
        return items.getOrDefault(userId, LastSync.NEVER);
    }

    @Override
    public synchronized void pushed(UserId user, Instant at) {
        String userId = user.value();
        faults.check("pushed");
        writes++;
        LastSync now = get(UserId.of(userId));
        if (now.pushedAt() == null || now.pushedAt().isBefore(at)) {
            items.put(userId, new LastSync(at, now.pulledAt()));
        }
    }

    @Override
    public synchronized void pulled(UserId user, Instant at) {
        String userId = user.value();
        faults.check("pulled");
        writes++;
        LastSync now = get(UserId.of(userId));
        if (now.pulledAt() == null || now.pulledAt().isBefore(at)) {
            items.put(userId, new LastSync(now.pushedAt(), at));
        }
    }

    /** Writes asked for, whether they moved a time or not. */
    public synchronized int writes() {
        return writes;
    }
}
