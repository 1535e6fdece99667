package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.store.OrgLimitStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Orgs blocked after REQUEST_LIMIT_EXCEEDED ({@code ORG#{o}/LIMIT}). A block only ever extends: a writer with an
 * older limit answer cannot shorten a later one. The item expires a day after the block ends.
 */
public final class DynamoDbOrgLimitStore implements OrgLimitStore {

    static final String BLOCK_CONDITION = "attribute_not_exists(pk) OR blockedUntil < :until";
    private static final Duration KEEP_AFTER_BLOCK = Duration.ofDays(1);

    private final Table table;
    private final Clock clock;

    public DynamoDbOrgLimitStore(DynamoDbClient dynamoDb, String syncTableName, Clock clock) {
        this.table = new Table(dynamoDb, syncTableName);
        this.clock = clock;
    }

    @Override
    public Optional<Instant> blockedUntil(String orgId) {
        Instant now = clock.instant();
        return table.get(SyncKey.limit(orgId).toKey(), "org limit")
                .map(item -> new ItemReader(item, "org limit").instant("blockedUntil"))
                .filter(until -> until.isAfter(now));
    }

    @Override
    public void blockUntil(String orgId, Instant until) {
        table.putIfCondition(ItemBuilder.keyed(SyncKey.limit(orgId))
                        .string("orgId", orgId)
                        .instant("blockedUntil", until)
                        .ttl(until.plus(KEEP_AFTER_BLOCK))
                        .build(),
                Condition.of(BLOCK_CONDITION, Map.of(":until", Values.instant(until))), "org limit");
    }
}
