package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.OAuthStateStore;
import com.salesconnect.tasksync.store.WriteConflictException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One-time OAuth states ({@code CONFIG#OAUTH#{state}/STATE}, TTL). Consuming marks the item consumed under a
 * condition, so of two concurrent callbacks with the same state exactly one gets the user.
 * The state value is a secret of the user's browser: it never appears in a message.
 */
public final class DynamoDbOAuthStateStore implements OAuthStateStore {

    static final String PUT_CONDITION = "attribute_not_exists(pk) OR expiresAt <= :now";
    static final String CONSUME_CONDITION = "attribute_exists(pk) AND attribute_not_exists(consumedBy)";
    private static final String CONSUMED_BY = "consumedBy";

    private final Table table;
    private final Clock clock;

    public DynamoDbOAuthStateStore(DynamoDbClient dynamoDb, String syncTableName, Clock clock) {
        this.table = new Table(dynamoDb, syncTableName);
        this.clock = clock;
    }

    @Override
    public void put(String state, UserId user, Instant expiresAt) {
        String userId = user.value();
        table.putConverging(
                ItemBuilder.keyed(SyncKey.oauthState(state)).string("userId", userId).ttl(expiresAt).build(),
                Condition.of(PUT_CONDITION, Map.of(":now", Values.nowSeconds(clock.instant()))), "OAuth state");
    }

    /**
     * Marks the state consumed by this call (a random consumer id) with a conditional put of the item read: of two
     * concurrent callbacks only one put holds. The SDK's retry of that put, after an answer lost on its way back,
     * finds exactly the item it writes and converges, so the user is not told the link expired. The consumed item
     * stays until its TTL (10 minutes); an expired one is deleted.
     */
    @Override
    public Optional<String> consume(String state) {
        Instant now = clock.instant();
        Optional<Map<String, AttributeValue>> stored = table.get(SyncKey.oauthState(state).toKey(), "OAuth state");
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        ItemReader item = new ItemReader(stored.get(), "OAuth state");
        if (item.has(CONSUMED_BY)) {
            return Optional.empty();
        }
        if (item.ttl() != null && !item.ttl().isAfter(now)) {
            // Expired before its callback: gone now rather than at the TTL's sweep.
            table.delete(SyncKey.oauthState(state).toKey(), Condition.NONE, "OAuth state");
            return Optional.empty();
        }
        Map<String, AttributeValue> consumed = new HashMap<>(stored.get());
        consumed.put(CONSUMED_BY, Values.s(UUID.randomUUID().toString()));
        try {
            table.putConverging(consumed, Condition.of(CONSUME_CONDITION, Map.of()), "OAuth state");
        } catch (WriteConflictException e) {
            return Optional.empty();
        }
        return Optional.of(item.string("userId"));
    }
}
