package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.store.LastSync;
import com.salesconnect.tasksync.store.SyncHealthStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * When the sync last succeeded each way ({@code USER#{u}/HEALTH}): one attribute per direction, each set by an
 * UpdateItem that only moves it forward (fixed-width instants compare as text), so writers of either direction never
 * overwrite each other and a late write of an earlier time is a lost condition that changes nothing.
 */
public final class DynamoDbSyncHealthStore implements SyncHealthStore {

    static final String PUSHED = "pushedAt";
    static final String PULLED = "pulledAt";
    static final String FORWARD_ONLY = "attribute_not_exists(#t) OR #t < :t";

    private final Table table;

    public DynamoDbSyncHealthStore(DynamoDbClient dynamoDb, String syncTableName) {
        this.table = new Table(dynamoDb, syncTableName);
    }

    @Override
    public LastSync get(String userId) {
        return table.get(SyncKey.health(userId).toKey(), "sync health")
                .map(attributes -> {
                    ItemReader item = new ItemReader(attributes, "sync health");
                    return new LastSync(item.optInstant(PUSHED), item.optInstant(PULLED));
                })
                .orElse(LastSync.NEVER);
    }

    @Override
    public void pushed(String userId, Instant at) {
        moveForward(userId, PUSHED, at);
    }

    @Override
    public void pulled(String userId, Instant at) {
        moveForward(userId, PULLED, at);
    }

    private void moveForward(String userId, String attribute, Instant at) {
        Map<String, AttributeValue> values = Map.of(":t", Values.instant(at), ":u", Values.s(userId));
        table.updateIfCondition(SyncKey.health(userId).toKey(), "SET #t = :t, userId = :u",
                Condition.of(FORWARD_ONLY, values).withNames(Map.of("#t", attribute)), "sync health");
    }
}
