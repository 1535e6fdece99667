package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.store.NotificationLog;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** In-memory {@link NotificationLog} whose entries expire. */
public final class FakeNotificationLog implements NotificationLog {

    private record Key(String orgId, String notificationId) {
    }

    private final Clock clock;
    private final Map<Key, Instant> items = new HashMap<>();
    public final Faults faults = new Faults();

    public FakeNotificationLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized boolean seen(OrgId org, String notificationId) {
        String orgId = org.value();
        faults.check("seen");
        Instant expiresAt = items.get(new Key(orgId, notificationId));
        return expiresAt != null && expiresAt.isAfter(clock.instant());
    }

    @Override
    public synchronized void record(OrgId org, String notificationId, Instant expiresAt) {
        String orgId = org.value();
        faults.check("record");
        items.put(new Key(orgId, notificationId), expiresAt);
    }

    public synchronized int size() {
        return items.size();
    }
}
