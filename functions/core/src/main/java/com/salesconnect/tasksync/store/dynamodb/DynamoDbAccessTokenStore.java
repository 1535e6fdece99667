package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.AccessTokenStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Shared access tokens ({@code CONFIG#USER#{u}/ACCESS_TOKEN}). A put keeps the newest token (by Salesforce's
 * {@code issued_at}), so a slow writer never replaces a fresher token with its older one. The item expires
 * {@link #MAX_AGE} after issue: no Salesforce session outlives that, and reads treat it as absent from then on.
 */
public final class DynamoDbAccessTokenStore implements AccessTokenStore {

    static final String NEWER_CONDITION = "attribute_not_exists(pk) OR issuedAt <= :issuedAt";
    /** The longest session timeout Salesforce offers. */
    static final Duration MAX_AGE = Duration.ofHours(24);

    private final Table table;
    private final Clock clock;

    public DynamoDbAccessTokenStore(DynamoDbClient dynamoDb, String syncTableName, Clock clock) {
        this.table = new Table(dynamoDb, syncTableName);
        this.clock = clock;
    }

    @Override
    public Optional<SharedAccessToken> get(UserId user) {
        String userId = user.value();
        Instant now = clock.instant();
        return table.get(SyncKey.accessToken(userId).toKey(), "access token")
                .map(item -> new ItemReader(item, "access token"))
                .filter(item -> item.ttl() == null || item.ttl().isAfter(now))
                .map(item -> new SharedAccessToken(item.string("userId"), item.string("orgId"),
                        item.string("sfUserId"), item.string("instanceUrl"), item.string("encryptedAccessToken"),
                        item.instant("issuedAt")));
    }

    @Override
    public void share(SharedAccessToken token) {
        table.putIfCondition(ItemBuilder.keyed(SyncKey.accessToken(token.userId()))
                        .string("userId", token.userId())
                        .string("orgId", token.orgId())
                        .string("sfUserId", token.sfUserId())
                        .string("instanceUrl", token.instanceUrl())
                        .string("encryptedAccessToken", token.encryptedAccessToken())
                        .instant("issuedAt", token.issuedAt())
                        .ttl(token.issuedAt().plus(MAX_AGE))
                        .build(),
                Condition.of(NEWER_CONDITION, Map.of(":issuedAt", Values.instant(token.issuedAt()))),
                "access token");
    }
}
