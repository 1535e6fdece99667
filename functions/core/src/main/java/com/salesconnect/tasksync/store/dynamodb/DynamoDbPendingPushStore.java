package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.store.PendingPushStore;
import com.salesconnect.tasksync.sync.PendingPush;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pushes waiting for the sweep ({@code USER#{u}/PUSH#{taskId}}). Unconditional puts and deletes: one item per
 * task, the latest failure replaces the previous, so every write is idempotent.
 */
public final class DynamoDbPendingPushStore implements PendingPushStore {

    private final Table table;

    public DynamoDbPendingPushStore(DynamoDbClient dynamoDb, String syncTableName) {
        this.table = new Table(dynamoDb, syncTableName);
    }

    @Override
    public void put(PendingPush push) {
        table.put(ItemBuilder.keyed(SyncKey.push(push.userId(), push.taskId()))
                .string("userId", push.userId())
                .string("taskId", push.taskId())
                .number("attempts", push.attempts())
                .instant("firstFailedAt", push.firstFailedAt())
                .instant("nextAttemptAt", push.nextAttemptAt())
                .string("lastError", push.lastError())
                .build(), Condition.NONE, "pending push");
    }

    @Override
    public List<PendingPush> forUser(String userId) {
        List<PendingPush> pushes = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse response = table.query(q -> q
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", Values.s(SyncKey.userPk(userId)),
                            ":prefix", Values.s(SyncKey.PUSH_PREFIX)))
                    .exclusiveStartKey(from)
                    .consistentRead(true), "pending pushes");
            response.items().forEach(item -> pushes.add(fromItem(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return pushes;
    }

    @Override
    public void remove(String userId, String taskId) {
        table.delete(SyncKey.push(userId, taskId).toKey(), Condition.NONE, "pending push");
    }

    private static PendingPush fromItem(Map<String, AttributeValue> attributes) {
        ItemReader item = new ItemReader(attributes, "pending push");
        return new PendingPush(item.string("userId"), item.string("taskId"), item.integer("attempts"),
                item.optInstant("firstFailedAt"), item.optInstant("nextAttemptAt"), item.optString("lastError"));
    }
}
