package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.SyncHealthStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Records when the sync last succeeded each way, for the Settings page's sync health. Cheap by design: at most one
 * write per user and direction per {@link #EVERY} in a container, whatever the number of tasks in a batch (the page
 * shows minutes, not seconds). Best effort: a failed write is logged and never fails the sync it describes.
 */
final class SyncMarks {

    private static final Logger LOG = LoggerFactory.getLogger(SyncMarks.class);

    static final Duration EVERY = Duration.ofMinutes(1);
    /** Users remembered per direction before the memory starts over (a sweep container sees many users). */
    static final int REMEMBERED = 10_000;

    private final SyncHealthStore store;
    private final Clock clock;
    private final Map<String, Instant> pushed = new ConcurrentHashMap<>();
    private final Map<String, Instant> pulled = new ConcurrentHashMap<>();

    SyncMarks(SyncHealthStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Salesforce accepted a push of the user's changes. */
    void pushed(String userId) {
        mark(pushed, userId, store::pushed);
    }

    /** Salesforce's changes were applied for the user (a sweep that finds nothing new is told by its settings). */
    void pulled(String userId) {
        mark(pulled, userId, store::pulled);
    }

    private void mark(Map<String, Instant> written, String userId, BiConsumer<UserId, Instant> write) {
        Instant now = clock.instant();
        Instant last = written.get(userId);
        if (last != null && !now.isBefore(last) && now.isBefore(last.plus(EVERY))) {
            return;
        }
        if (written.size() >= REMEMBERED) {
            written.clear();
        }
        written.put(userId, now);
        try {
            write.accept(UserId.of(userId), now);
        } catch (StoreException e) {
            written.remove(userId);
            LOG.warn("sync health not recorded: userId={} error={}", userId, e.getClass().getSimpleName());
        }
    }
}
