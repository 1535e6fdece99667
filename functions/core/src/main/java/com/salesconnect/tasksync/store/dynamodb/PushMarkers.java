package com.salesconnect.tasksync.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The marker item of a user's pending pushes ({@code USER#{u}/PUSH-SET}): a string set {@code p} with one element
 * {@code taskId|writeId} per stored pending push, so the sweep of a user with none learns it from one GetItem instead
 * of a Query (on DynamoDB about the same read; on moto a Query walks the whole table, over a second for each idle user
 * once the table holds some 40,000 items).
 *
 * <p>The rule that makes an empty set mean "no pending push": an element is added before its push is written and
 * removed only after that write is gone (deleted, or replaced by another write id), by the writer that saw it go; a
 * read removes only an element whose push does not confirm it and whose write began more than
 * {@link PendingMarkers#GRACE} ago (its write id carries that time), when no write can still land.
 *
 * <p>A set never grows past {@value #MOST_ELEMENTS} elements of at most {@value #MOST_ELEMENT_BYTES} bytes (well inside
 * DynamoDB's 400 KB item; a task id is any text): a write that would pass either notes {@code overflowAt} instead,
 * and while that note stands every read is the Query of before. Stacks from
 * before hold pushes without elements: the first read of a user Queries as before, adds the missing elements and notes
 * {@code checked}; a read that finds every push marked and the overflow older than the grace clears the overflow.
 */
final class PushMarkers {

    static final String SORT_KEY = "PUSH-SET";
    static final int MOST_ELEMENTS = 2_500;
    static final int MOST_ELEMENT_BYTES = 128;
    private static final String SEPARATOR = "|";
    private static final char TIME_END = '-';
    /** An element fits while the set is below its size (the condition of every {@code ADD}). */
    private static final String ROOM = "attribute_not_exists(p) OR size(p) < :most";

    /** One element: a pending push's task and write id. */
    record Marker(String taskId, String writeId) {

        String element() {
            return taskId + SEPARATOR + writeId;
        }

        boolean fits() {
            return element().getBytes(StandardCharsets.UTF_8).length <= MOST_ELEMENT_BYTES;
        }

        static Marker parse(String element) {
            int cut = element.lastIndexOf(SEPARATOR);
            return cut > 0 ? new Marker(element.substring(0, cut), element.substring(cut + 1)) : null;
        }

        /**
         * Whether a read that finds this marker unconfirmed may remove it: its write began more than the grace before
         * {@code now}. A write id without a time (written before write ids carried one) counts as long ago.
         */
        boolean settledBy(Instant now) {
            int end = writeId.indexOf(TIME_END);
            if (end < 1) {
                return true;
            }
            try {
                Instant began = Instant.ofEpochMilli(Long.parseLong(writeId.substring(0, end), 16));
                return !began.plus(PendingMarkers.GRACE).isAfter(now);
            } catch (NumberFormatException e) {
                return true;
            }
        }
    }

    /**
     * What a read found: the elements, whether the item is {@code checked} (pushes of before have their elements)
     * and the overflow note (null when none stands).
     */
    record Read(List<Marker> markers, boolean checked, String overflowAt) {

        /** Whether the elements are all the user's pushes. */
        boolean complete() {
            return checked && overflowAt == null;
        }
    }

    private final Table table;
    private final HeldItems held;

    /** @param held items a {@link DynamoDbPendingReadAhead} read ahead, answering {@link #read} */
    PushMarkers(Table table, HeldItems held) {
        this.table = table;
        this.held = held;
    }

    static SyncKey key(String userId) {
        return new SyncKey(SyncKey.userPk(userId), SORT_KEY);
    }

    /** A new write id: the hex millis of {@code now}, then 8 random bytes. */
    static String writeId(Instant now, byte[] random) {
        return Long.toHexString(now.toEpochMilli()) + TIME_END + HexFormat.of().formatHex(random);
    }

    /**
     * Adds the markers (one UpdateItem) before their pushes are written; when one does not fit, or the set has no
     * room for them all, notes the overflow instead.
     */
    void add(String userId, List<Marker> markers, Instant now) {
        if (markers.isEmpty()) {
            return;
        }
        if (!addIfRoom(userId, markers)) {
            held.drop(key(userId));
            table.update(key(userId).toKey(), "SET overflowAt = :at", Map.of(),
                    Map.of(":at", Values.s(Values.instantText(now))), "pending-push markers");
        }
    }

    /** One {@code ADD} of the markers, when each fits an element and the set has room for them all. */
    private boolean addIfRoom(String userId, List<Marker> markers) {
        List<String> elements = markers.stream().map(Marker::element).distinct().toList();
        held.drop(key(userId));
        return markers.stream().allMatch(Marker::fits) && elements.size() < MOST_ELEMENTS
                && table.updateIf(key(userId).toKey(), "ADD p :e", ROOM, Map.of(":e", AttributeValue.fromSs(elements),
                ":most", Values.n(MOST_ELEMENTS - elements.size() + 1)), "pending-push markers");
    }

    /** Removes exactly these markers (another write's marker of the same task stays). */
    void remove(String userId, Collection<Marker> markers) {
        if (markers.isEmpty()) {
            return;
        }
        held.drop(key(userId));
        table.update(key(userId).toKey(), "DELETE p :e", Map.of(),
                Map.of(":e", AttributeValue.fromSs(markers.stream().map(Marker::element).distinct().toList())),
                "pending-push markers");
    }

    Read read(String userId) {
        Map<String, AttributeValue> item = held.get(table, key(userId), "pending-push markers").orElse(Map.of());
        List<Marker> markers = new ArrayList<>();
        AttributeValue set = item.get("p");
        if (set != null && set.hasSs()) {
            for (String element : set.ss()) {
                Marker m = Marker.parse(element);
                if (m != null) {
                    markers.add(m);
                }
            }
        }
        AttributeValue overflow = item.get("overflowAt");
        String overflowAt = overflow != null ? overflow.s() : null;
        boolean checked = item.containsKey("checked");
        return new Read(markers, checked, overflowAt);
    }

    /**
     * After a read that Queried ({@code read} was not complete): adds the markers the pushes found lack (as long as
     * the set has room), notes {@code checked}, and clears the overflow note when every push is marked and the note
     * is older than the grace (unless a newer overflow replaced it meanwhile).
     */
    void complete(String userId, Read read, List<Marker> unmarked, Instant now) {
        boolean allMarked = unmarked.isEmpty() || addIfRoom(userId, unmarked);
        if (!read.checked()) {
            held.drop(key(userId));
            table.update(key(userId).toKey(), "SET checked = :t", Map.of(), Map.of(":t", Values.bool(true)),
                    "pending-push markers");
        }
        String seen = read.overflowAt();
        if (allMarked && seen != null && !Instant.parse(seen).plus(PendingMarkers.GRACE).isAfter(now)) {
            // Not when a newer overflow replaced the note meanwhile: the set is incomplete again.
            held.drop(key(userId));
            table.updateIf(key(userId).toKey(), "REMOVE overflowAt", "overflowAt = :seen",
                    Map.of(":seen", Values.s(seen)), "pending-push markers");
        }
    }
}
