package com.salesconnect.tasksync.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Items read ahead in one batch ({@link DynamoDbOrgReadAhead}, {@link DynamoDbPendingReadAhead},
 * {@link DynamoDbUserConfigStore#readAhead}: one instance each),
 * shared by the stores whose reads they answer. A held
 * item (or its absence) answers the first read of its key on the thread that read it, within {@link #FRESH} of the
 * read; after that, or once a write of the key drops it, the store reads the table again. Invocations may share a
 * container locally, each on its own thread: one never sees another's items.
 */
final class HeldItems {

    /** How long an item read ahead may answer a read. */
    static final Duration FRESH = Duration.ofSeconds(1);

    /** The item read (null: there was none) and when. */
    private record Held(Map<String, AttributeValue> item, Instant readAt) {
    }

    private final Clock clock;
    private final ThreadLocal<Map<SyncKey, Held>> held = ThreadLocal.withInitial(HashMap::new);

    HeldItems(Clock clock) {
        this.clock = clock;
    }

    /** Reads {@code keys} in one strongly consistent batch and holds what it found, instead of what was held before. */
    void readAhead(Table table, List<SyncKey> keys, String what) {
        Instant readAt = clock.instant();
        hold(keys, table.batchGet(keys.stream().map(SyncKey::toKey).toList(), what), readAt);
    }

    /** Holds what a batch read of {@code keys} found ({@code found}: items carrying pk and sk), instead of before. */
    private void hold(List<SyncKey> keys, List<Map<String, AttributeValue>> found, Instant readAt) {
        Map<SyncKey, Held> now = held.get();
        now.clear();
        for (SyncKey key : keys) {
            now.put(key, new Held(null, readAt));
        }
        for (Map<String, AttributeValue> item : found) {
            ItemReader r = new ItemReader(item, "item read ahead");
            now.put(new SyncKey(r.string("pk"), r.string("sk")), new Held(item, readAt));
        }
    }

    /** The item of {@code key}: the one held (given out once) while fresh, else a strongly consistent read. */
    Optional<Map<String, AttributeValue>> get(Table table, SyncKey key, String what) {
        Held h = held.get().remove(key);
        if (fresh(h, clock.instant())) {
            return Optional.ofNullable(h.item());
        }
        return table.get(key.toKey(), what);
    }

    /**
     * The items of {@code keys} (those that exist): the ones held (given out once) when every key is held and fresh,
     * else one strongly consistent batch read of them all.
     */
    List<Map<String, AttributeValue>> getAll(Table table, List<SyncKey> keys, String what) {
        Map<SyncKey, Held> now = held.get();
        Instant at = clock.instant();
        boolean allHeld = keys.stream().allMatch(key -> fresh(now.get(key), at));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (SyncKey key : keys) {
            Held h = now.remove(key);
            if (allHeld && h.item() != null) {
                items.add(h.item());
            }
        }
        return allHeld ? items : table.batchGet(keys.stream().map(SyncKey::toKey).toList(), what);
    }

    /** Whether a read of {@code key} on this thread now would be answered by what is held. */
    boolean holds(SyncKey key) {
        return fresh(held.get().get(key), clock.instant());
    }

    /** Whether {@code h} (null: nothing held) may answer a read at {@code now}. */
    private static boolean fresh(Held h, Instant now) {
        return h != null && !now.isBefore(h.readAt()) && now.isBefore(h.readAt().plus(FRESH));
    }

    /** A write of {@code key}: what is held of it no longer answers a read. */
    void drop(SyncKey key) {
        held.get().remove(key);
    }
}
