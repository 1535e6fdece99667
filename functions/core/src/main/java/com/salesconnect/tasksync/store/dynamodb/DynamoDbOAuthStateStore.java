package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.OAuthStateStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One-time OAuth states ({@code CONFIG#OAUTH#{state}/STATE}, TTL). Consuming is a delete that returns the old item,
 * so of two concurrent callbacks with the same state exactly one gets the user.
 * The state value is a secret of the user's browser: it never appears in a message.
 */
public final class DynamoDbOAuthStateStore implements OAuthStateStore {

    static final String PUT_CONDITION = "attribute_not_exists(pk) OR expiresAt <= :now";

    private final Table table;
    private final Clock clock;

    public DynamoDbOAuthStateStore(DynamoDbClient dynamoDb, String syncTableName, Clock clock) {
        this.table = new Table(dynamoDb, syncTableName);
        this.clock = clock;
    }

    @Override
    public void put(String state, UserId user, Instant expiresAt) {
        String userId = user.value();
        table.putConverging(ItemBuilder.keyed(SyncKey.oauthState(state)).string("userId", userId).ttl(expiresAt).build(),
                Condition.of(PUT_CONDITION, Map.of(":now", Values.nowSeconds(clock.instant()))), "OAuth state");
    }

    @Override
    public Optional<String> consume(String state) {
        Instant now = clock.instant();
        return table.deleteReturningOld(SyncKey.oauthState(state).toKey(), "OAuth state")
                .map(item -> new ItemReader(item, "OAuth state"))
                .filter(item -> item.ttl() == null || item.ttl().isAfter(now))
                .map(item -> item.string("userId"));
    }
}
