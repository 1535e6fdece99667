package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.link.TaskLink;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The markers of a user's links in PENDING_CREATE, so its pending creates are found without reading every link:
 * {@value #SHARDS} items per user ({@code USER#{u}/PENDING-SET#{n}}, a task's shard by its id's hash), each a string
 * set {@code m} of {@code taskId|pendingSince} (and the sets {@code t} and {@code s} that tell an attempt never sent,
 * see {@link #add}). Written with UpdateItem {@code ADD} before the links and removed with
 * {@code DELETE} of the exact element after them, so a stale marker's removal never touches a later attempt's; read
 * with one BatchGetItem. (A Query of the user's partition costs moto a walk of the whole table, about a second with
 * the benchmark's 40,000 items, once per outbound message.) A shard holds some 5,000 markers (DynamoDB's 400 KB
 * item limit): a user with more creates in flight at once sees the next create fail and retried until some finish.
 *
 * <p>Stacks from before kept one item per marker ({@code USER#{u}/PENDING#{taskId}}); a user's first read also
 * reads those (one Query), moves them into the sets and notes on shard 0 that it need not look again. (An old
 * function still running while the new code is deployed could write one after that note: a create in flight during
 * the deployment whose echo then comes before its link may be imported as a copy; the README's deployment notes
 * say so.)
 */
final class PendingMarkers {

    static final int SHARDS = 4;
    /**
     * How long a marker whose link does not confirm it is left alone: its create may be between the marker and the
     * link write. Longer than any invocation runs (Lambda's 15 minutes), so after it that write has landed or never
     * will.
     */
    static final Duration GRACE = Duration.ofMinutes(20);
    static final String SET_PREFIX = "PENDING-SET#";
    private static final String SEPARATOR = "|";

    /** One marker: a PENDING_CREATE link's task and the moment its create attempt began. */
    record Marker(String userId, String taskId, String since) {

        static Marker of(TaskLink pendingCreate) {
            return new Marker(pendingCreate.userId(), pendingCreate.taskId(),
                    Values.instantText(pendingCreate.pendingSince()));
        }

        /** Whether this marks {@code link} as it is now (the same create attempt). */
        boolean marks(TaskLink link) {
            return link.pendingSince() != null && since.equals(Values.instantText(link.pendingSince()));
        }

        /**
         * Whether a read that finds this marker unconfirmed by its link may remove it: its create attempt began
         * more than {@link #GRACE} before {@code now} (an unreadable time counts as long ago).
         */
        boolean settledBy(Instant now) {
            try {
                return !Instant.parse(since).plus(GRACE).isAfter(now);
            } catch (DateTimeParseException e) {
                return true;
            }
        }

        String element() {
            return taskId + SEPARATOR + since;
        }

        /** CRC-32 of the task id, as the enabled-users shards: any language computes the same. */
        int shard() {
            CRC32 crc = new CRC32();
            crc.update(taskId.getBytes(StandardCharsets.UTF_8));
            return (int) (crc.getValue() % SHARDS);
        }
    }

    private final Table table;
    private final HeldItems held;

    /** @param held items a {@link DynamoDbPendingReadAhead} read ahead, answering {@link #read} */
    PendingMarkers(Table table, HeldItems held) {
        this.table = table;
        this.held = held;
    }

    /** The keys of a user's shards. */
    static List<SyncKey> shardKeys(String userId) {
        List<SyncKey> keys = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            keys.add(shardKey(userId, shard));
        }
        return keys;
    }

    static SyncKey shardKey(String userId, int shard) {
        return new SyncKey(SyncKey.userPk(userId), SET_PREFIX + shard);
    }

    /**
     * Marks the PENDING_CREATE links (before they are written): one UpdateItem per user and shard. The marker also
     * goes into the set {@code t} of attempts whose sending is tracked ({@link #markSending} adds it to {@code s} right
     * before the call), so an attempt in {@code t} and not in {@code s} was never sent. Markers of before (and of code
     * from before) are in {@code m} alone: their attempts count as maybe sent.
     */
    void add(List<TaskLink> pendingCreates) {
        update("ADD m :m, t :m", pendingCreates.stream().map(Marker::of).toList());
    }

    /** Notes that these attempts are about to be sent (see {@link #add}). */
    void markSending(List<TaskLink> pendingCreates) {
        update("ADD s :m", pendingCreates.stream().map(Marker::of).toList());
    }

    /** Whether the attempt of this PENDING_CREATE link may have been sent: not when it is tracked and unsent. */
    boolean mayHaveBeenSent(TaskLink pendingCreate) {
        Marker marker = Marker.of(pendingCreate);
        return table.get(shardKey(marker.userId(), marker.shard()).toKey(), "pending-create markers")
                .map(item -> !contains(item.get("t"), marker.element()) || contains(item.get("s"), marker.element()))
                .orElse(true);
    }

    private static boolean contains(AttributeValue set, String element) {
        return set != null && set.hasSs() && set.ss().contains(element);
    }

    /** Removes exactly these markers (a later attempt's marker of the same task stays), with their sending notes. */
    void remove(List<Marker> markers) {
        update("DELETE m :m, t :m, s :m", markers);
    }

    private void update(String expression, List<Marker> markers) {
        Map<SyncKey, List<String>> byItem = new LinkedHashMap<>();
        for (Marker m : markers) {
            byItem.computeIfAbsent(shardKey(m.userId(), m.shard()), k -> new ArrayList<>()).add(m.element());
        }
        byItem.forEach((key, elements) -> {
            held.drop(key);
            table.update(key.toKey(), expression, Map.of(), Map.of(":m", AttributeValue.fromSs(elements)),
                    "pending-create markers");
        });
    }

    /**
     * A user's markers (its shards, and while any may be left, the markers of before), and the elements of those
     * whose attempt is known never to have been sent (in {@code t}, not in {@code s}).
     */
    record Read(List<Marker> markers, Set<String> unsent) {
    }

    /** The user's markers, with what the same BatchGetItem tells of sending. */
    Read read(String userId) {
        List<Marker> out = new ArrayList<>();
        Set<String> unsent = new HashSet<>();
        boolean legacyChecked = false;
        for (Map<String, AttributeValue> item : held.getAll(table, shardKeys(userId), "pending-create markers")) {
            legacyChecked |= item.containsKey("legacyChecked");
            AttributeValue set = item.get("m");
            if (set != null && set.hasSs()) {
                for (String element : set.ss()) {
                    int cut = element.lastIndexOf(SEPARATOR);
                    if (cut > 0) {
                        out.add(new Marker(userId, element.substring(0, cut), element.substring(cut + 1)));
                    }
                    if (contains(item.get("t"), element) && !contains(item.get("s"), element)) {
                        unsent.add(element);
                    }
                }
            }
        }
        if (!legacyChecked) {
            out.addAll(readLegacy(userId));
        }
        return new Read(out, unsent);
    }

    /**
     * The per-item markers of before, moved into the sets as they are read (each added, then its item deleted);
     * when none is left, shard 0 notes it, so later reads skip this Query.
     */
    private List<Marker> readLegacy(String userId) {
        List<Marker> legacy = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.queryAll(q -> q
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(
                        ":pk", Values.s(SyncKey.userPk(userId)),
                        ":prefix", Values.s(SyncKey.PENDING_CREATE_PREFIX)))
                .consistentRead(true), "pending-create markers of before")) {
            ItemReader marker = new ItemReader(item, "pending-create marker");
            Instant since = marker.optInstant("pendingSince");
            if (since != null) {
                legacy.add(new Marker(userId, marker.string("taskId"), Values.instantText(since)));
            }
        }
        if (!legacy.isEmpty()) {
            update("ADD m :m", legacy);
            // One DeleteItem each (a user has a few, once): every function that reads markers may delete USER# items.
            legacy.forEach(m -> table.delete(SyncKey.pendingCreate(userId, m.taskId()).toKey(), Condition.NONE,
                    "pending-create marker of before"));
        }
        held.drop(shardKey(userId, 0));
        table.update(shardKey(userId, 0).toKey(), "SET legacyChecked = :t", Map.of(),
                Map.of(":t", Values.bool(true)), "pending-create markers");
        return legacy;
    }
}
