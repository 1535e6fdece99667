package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.PendingReadAhead;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.List;

/**
 * One strongly consistent BatchGetItem of a user's pending-push markers ({@code USER#{u}/PUSH-SET}) and its
 * pending-create marker shards ({@code USER#{u}/PENDING-SET#{n}}), held for {@link DynamoDbPendingPushStore} and
 * {@link DynamoDbLinkStore} ({@link HeldItems}): one request where a GetItem and a BatchGetItem went (the same read
 * units). Every user sweep reads both.
 */
public final class DynamoDbPendingReadAhead implements PendingReadAhead {

    private final Table table;
    private final HeldItems held;

    DynamoDbPendingReadAhead(DynamoDbClient dynamoDb, String syncTableName, HeldItems held) {
        this.table = new Table(dynamoDb, syncTableName);
        this.held = held;
    }

    @Override
    public void readAhead(UserId user) {
        List<SyncKey> keys = new ArrayList<>();
        keys.add(PushMarkers.key(user.value()));
        keys.addAll(PendingMarkers.shardKeys(user.value()));
        held.readAhead(table, keys, "pending markers");
    }
}
