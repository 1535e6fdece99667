package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.store.PendingPushStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes waiting for the sweep ({@code USER#{u}/PUSH#{taskId}}), one item per task. A put replaces the item with a
 * new random {@code writeId}; a removal is conditional on the write id it read, so it never removes a newer write.
 */
public final class DynamoDbPendingPushStore implements PendingPushStore {

    private final Table table;
    private final SecureRandom random = new SecureRandom();

    public DynamoDbPendingPushStore(DynamoDbClient dynamoDb, String syncTableName) {
        this.table = new Table(dynamoDb, syncTableName);
    }

    @Override
    public PendingPush put(PendingPush push) {
        PendingPush stored = push.withWriteId(newWriteId());
        table.put(toItem(stored), Condition.NONE, "pending push");
        return stored;
    }

    @Override
    public Optional<PendingPush> putIfAbsent(PendingPush push) {
        PendingPush stored = push.withWriteId(newWriteId());
        boolean written = table.putIfCondition(toItem(stored), Condition.of("attribute_not_exists(pk)", Map.of()),
                "pending push");
        return written ? Optional.of(stored) : Optional.empty();
    }

    @Override
    public List<PendingPush> forUser(UserId user) {
        String userId = user.value();
        List<PendingPush> pushes = new ArrayList<>();
        table.queryAll(q -> q
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Values.s(SyncKey.userPk(userId)),
                        ":prefix", Values.s(SyncKey.PUSH_PREFIX)))
                .consistentRead(true), "pending pushes").forEach(item -> pushes.add(fromItem(item)));
        return pushes;
    }

    /** One Query with {@code Limit}, eventually consistent: a count for the Settings page, never a whole list. */
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

    @Override
    public boolean remove(PendingPush push) {
        if (push.writeId() == null) {
            throw new IllegalArgumentException("a pending push that was never stored");
        }
        return table.delete(SyncKey.push(push.userId(), push.taskId()).toKey(),
                Condition.of("writeId = :w", Map.of(":w", Values.s(push.writeId()))), "pending push");
    }

    private static Map<String, AttributeValue> toItem(PendingPush push) {
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

    private String newWriteId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static PendingPush fromItem(Map<String, AttributeValue> attributes) {
        ItemReader item = new ItemReader(attributes, "pending push");
        return new PendingPush(item.string("userId"), item.string("taskId"), item.integer("attempts"),
                item.optInstant("firstFailedAt"), item.optInstant("nextAttemptAt"), item.optString("lastError"),
                item.optString("writeId"));
    }
}
