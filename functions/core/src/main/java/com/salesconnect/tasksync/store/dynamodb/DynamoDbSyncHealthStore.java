package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.LastSync;
import com.salesconnect.tasksync.store.SyncHealthStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * When the sync last succeeded each way: one item per direction ({@code USER#{u}/HEALTH#PUSHED},
 * {@code HEALTH#PULLED}), each a PutItem that only moves its time forward (fixed-width instants compare as text),
 * so the writers of the two directions never overwrite each other and a late write of an earlier time is a lost
 * condition that changes nothing. A PutItem on USER#, which every syncing function may already do: no new access.
 */
public final class DynamoDbSyncHealthStore implements SyncHealthStore {

    static final String PUSHED = "PUSHED";
    static final String PULLED = "PULLED";
    static final String FORWARD_ONLY = "attribute_not_exists(pk) OR #at < :at";

    private final Table table;

    public DynamoDbSyncHealthStore(DynamoDbClient dynamoDb, String syncTableName) {
        this.table = new Table(dynamoDb, syncTableName);
    }

    /** One Query of the user's two health items (eventually consistent: the page shows minutes). */
    @Override
    public LastSync get(UserId user) {
        String userId = user.value();
        Instant pushed = null;
        Instant pulled = null;
        for (Map<String, AttributeValue> attributes : table.query(q -> q
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Values.s(SyncKey.userPk(userId)),
                        ":prefix", Values.s(SyncKey.HEALTH_PREFIX)))
                .limit(2), "sync health").items()) {
            ItemReader item = new ItemReader(attributes, "sync health");
            String sk = item.string("sk");
            if (sk.equals(SyncKey.HEALTH_PREFIX + PUSHED)) {
                pushed = item.instant("at");
            } else if (sk.equals(SyncKey.HEALTH_PREFIX + PULLED)) {
                pulled = item.instant("at");
            }
        }
        return new LastSync(pushed, pulled);
    }

    @Override
    public void pushed(UserId user, Instant at) {
        String userId = user.value();
        moveForward(userId, PUSHED, at);
    }

    @Override
    public void pulled(UserId user, Instant at) {
        String userId = user.value();
        moveForward(userId, PULLED, at);
    }

    private void moveForward(String userId, String direction, Instant at) {
        Map<String, AttributeValue> item = ItemBuilder.keyed(SyncKey.health(userId, direction))
                .string("userId", userId)
                .instant("at", at)
                .build();
        table.putIfCondition(item, Condition.of(FORWARD_ONLY, Map.of(":at", Values.instant(at)))
                .withNames(Map.of("#at", "at")), "sync health");
    }
}
