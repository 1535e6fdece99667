package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.store.PendingPushStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pushes waiting for the sweep ({@code USER#{u}/PUSH#{taskId}}), one item per task. A put replaces the item with a
 * new {@code writeId}; a removal is conditional on the write id it read, so it never removes a newer write. Each
 * stored push has its element in the user's marker set ({@link PushMarkers}), added before the push is written and
 * removed after it is gone, so a user without pending pushes is answered by one GetItem, never a Query.
 */
public final class DynamoDbPendingPushStore implements PendingPushStore {

    private final Table table;
    private final PushMarkers markers;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public DynamoDbPendingPushStore(DynamoDbClient dynamoDb, String syncTableName, Clock clock) {
        this(dynamoDb, syncTableName, clock, new HeldItems(clock));
    }

    /** @param held the items a {@link DynamoDbPendingReadAhead} read ahead, answering this store's marker read */
    DynamoDbPendingPushStore(DynamoDbClient dynamoDb, String syncTableName, Clock clock, HeldItems held) {
        this.table = new Table(dynamoDb, syncTableName);
        this.markers = new PushMarkers(table, held);
        this.clock = clock;
    }

    /** Marks the push, writes it, then unmarks the write it replaced. */
    @Override
    public PendingPush put(PendingPush push) {
        PendingPush stored = marked(push);
        table.putConvergingReturningOld(toItem(stored), Condition.NONE, "pending push")
                .map(DynamoDbPendingPushStore::fromItem)
                .filter(old -> old.writeId() != null && !old.writeId().equals(stored.writeId()))
                .ifPresent(old -> unmark(List.of(old)));
        return stored;
    }

    /** Marks the push, then writes it if the task has none; a write that did not happen is unmarked. */
    @Override
    public Optional<PendingPush> putIfAbsent(PendingPush push) {
        return Optional.ofNullable(putAllIfAbsent(List.of(push)).get(push.taskId()));
    }

    /**
     * {@link #putIfAbsent} for many, with the markers of each user's pushes added in one UpdateItem before the puts
     * and those of the puts that did not happen removed in one after them.
     */
    @Override
    public Map<String, PendingPush> putAllIfAbsent(List<PendingPush> pushes) {
        Instant now = clock.instant();
        List<PendingPush> next = pushes.stream().map(p -> p.withWriteId(newWriteId(now))).toList();
        mark(next, now);
        Map<String, PendingPush> stored = new LinkedHashMap<>();
        List<PendingPush> notWritten = new ArrayList<>();
        for (PendingPush push : next) {
            boolean written = table.putIfCondition(toItem(push), Condition.of("attribute_not_exists(pk)", Map.of()),
                    "pending push");
            if (written) {
                stored.put(push.taskId(), push);
            } else {
                notWritten.add(push);
            }
        }
        unmark(notWritten);
        return stored;
    }

    private PendingPush marked(PendingPush push) {
        Instant now = clock.instant();
        PendingPush stored = push.withWriteId(newWriteId(now));
        mark(List.of(stored), now);
        return stored;
    }

    private String newWriteId(Instant now) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return PushMarkers.writeId(now, bytes);
    }

    /** Adds the markers of these pushes (before they are written), one UpdateItem per user. */
    private void mark(List<PendingPush> pushes, Instant now) {
        byUser(pushes).forEach((userId, ofUser) -> markers.add(userId,
                ofUser.stream().map(DynamoDbPendingPushStore::markerOf).toList(), now));
    }

    /** Removes the markers of these pushes, one UpdateItem per user. */
    private void unmark(List<PendingPush> pushes) {
        byUser(pushes).forEach((userId, ofUser) -> markers.remove(userId,
                ofUser.stream().map(DynamoDbPendingPushStore::markerOf).toList()));
    }

    private static Map<String, List<PendingPush>> byUser(List<PendingPush> pushes) {
        Map<String, List<PendingPush>> out = new LinkedHashMap<>();
        pushes.forEach(p -> out.computeIfAbsent(p.userId(), u -> new ArrayList<>()).add(p));
        return out;
    }

    private static PushMarkers.Marker markerOf(PendingPush push) {
        return new PushMarkers.Marker(push.taskId(), push.writeId());
    }

    /**
     * The marker set, then: nothing more when it is empty; the marked pushes by key (BatchGetItem) when it is
     * complete; else the Query of the user's pushes, after which the set is completed. Markers no push confirms are
     * removed once their grace has passed.
     */
    @Override
    public List<PendingPush> forUser(UserId user) {
        String userId = user.value();
        PushMarkers.Read read = markers.read(userId);
        if (read.complete() && read.markers().isEmpty()) {
            return List.of();
        }
        List<PendingPush> pushes = new ArrayList<>();
        if (read.complete()) {
            List<Map<String, AttributeValue>> keys = read.markers().stream().map(PushMarkers.Marker::taskId)
                    .distinct().map(taskId -> SyncKey.push(userId, taskId).toKey()).toList();
            table.batchGet(keys, "pending pushes").forEach(item -> pushes.add(fromItem(item)));
        } else {
            table.queryAll(q -> q
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", Values.s(SyncKey.userPk(userId)),
                            ":prefix", Values.s(SyncKey.PUSH_PREFIX)))
                    .consistentRead(true), "pending pushes").forEach(item -> pushes.add(fromItem(item)));
        }
        pushes.sort(Comparator.comparing(PendingPush::taskId));
        Set<PushMarkers.Marker> confirmed = new HashSet<>();
        pushes.forEach(p -> confirmed.add(markerOf(p)));
        Instant now = clock.instant();
        markers.remove(userId, read.markers().stream()
                .filter(m -> !confirmed.contains(m) && m.settledBy(now)).toList());
        if (!read.complete()) {
            Set<PushMarkers.Marker> marked = new HashSet<>(read.markers());
            markers.complete(userId, read, confirmed.stream().filter(m -> !marked.contains(m)).toList(), now);
        }
        return pushes;
    }

    /**
     * One Query with {@code Limit}, eventually consistent: a count for the Settings page, never a whole list (and
     * no write: enable-sync, which asks, reads the user's working items but never writes them).
     */
    @Override
    public List<PendingPush> firstForUser(UserId user, int limit) {
        String userId = user.value();
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        QueryResponse response = table.query(q -> q
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Values.s(SyncKey.userPk(userId)),
                        ":prefix", Values.s(SyncKey.PUSH_PREFIX)))
                .limit(limit), "pending pushes");
        return response.items().stream().map(DynamoDbPendingPushStore::fromItem).toList();
    }

    /** Deletes the push if it still is this write, then its marker. */
    @Override
    public boolean remove(PendingPush push) {
        boolean removed = deleteIfStill(push);
        if (removed) {
            unmark(List.of(push));
        }
        return removed;
    }

    /** {@link #remove} for each, then the markers of those removed, one UpdateItem per user. */
    @Override
    public void removeAll(List<PendingPush> pushes) {
        List<PendingPush> removed = new ArrayList<>();
        for (PendingPush push : pushes) {
            if (deleteIfStill(push)) {
                removed.add(push);
            }
        }
        unmark(removed);
    }

    private boolean deleteIfStill(PendingPush push) {
        if (push.writeId() == null) {
            throw new IllegalArgumentException("a pending push that was never stored");
        }
        return table.delete(SyncKey.push(push.userId(), push.taskId()).toKey(),
                Condition.of("writeId = :w", Map.of(":w", Values.s(push.writeId()))), "pending push");
    }

    static Map<String, AttributeValue> toItem(PendingPush push) {
        return ItemBuilder.keyed(SyncKey.push(push.userId(), push.taskId()))
                .string("userId", push.userId())
                .string("taskId", push.taskId())
                .number("attempts", push.attempts())
                .instant("firstFailedAt", push.firstFailedAt())
                .instant("nextAttemptAt", push.nextAttemptAt())
                .string("lastError", push.lastError())
                .string("writeId", push.writeId())
                .build();
    }

    private static PendingPush fromItem(Map<String, AttributeValue> attributes) {
        ItemReader item = new ItemReader(attributes, "pending push");
        return new PendingPush(item.string("userId"), item.string("taskId"), item.integer("attempts"),
                item.optInstant("firstFailedAt"), item.optInstant("nextAttemptAt"), item.optString("lastError"),
                item.optString("writeId"));
    }
}
