package com.salesconnect.tasksync.ops;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.store.PendingPushStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code pause} / {@code resume} of one org. A pause is the org's API-limit block ({@link OrgLimitStore}) set to
 * {@link #PAUSED_UNTIL}: every path that calls Salesforce already honours that block (the API client refuses the
 * call, sweeps skip the org, pushes wait as pending pushes), so no new flag is needed. Pushes deferred meanwhile
 * wait until the block's end, so a resume first makes them due again, then removes the block (a block only ever
 * extends through the store: the tool deletes the item, and only while it is this pause), then asks the sweep to
 * run for the org's users.
 */
final class OrgPause {

    /** Far beyond any block Salesforce asks for (a day at most), and recognisable as a pause. */
    static final Instant PAUSED_UNTIL = Instant.parse("9999-01-01T00:00:00Z");
    /** The store's instant format (store/dynamodb/README.md): ISO-8601 UTC, always 9 fraction digits. */
    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final OrgLimitStore orgLimits;
    private final PendingPushStore pendingPushes;
    private final SweepRequests sweeps;
    private final DynamoDbClient dynamoDb;
    private final String syncTable;
    private final Clock clock;

    OrgPause(OrgLimitStore orgLimits, PendingPushStore pendingPushes, SweepRequests sweeps, DynamoDbClient dynamoDb,
             String syncTable, Clock clock) {
        this.orgLimits = orgLimits;
        this.pendingPushes = pendingPushes;
        this.sweeps = sweeps;
        this.dynamoDb = dynamoDb;
        this.syncTable = syncTable;
        this.clock = clock;
    }

    static boolean isPause(Instant blockedUntil) {
        return !blockedUntil.isBefore(PAUSED_UNTIL);
    }

    void pause(String orgId) {
        orgLimits.blockUntil(OrgId.of(orgId), PAUSED_UNTIL);
    }

    boolean paused(String orgId) {
        return orgLimits.blockedUntil(OrgId.of(orgId)).map(OrgPause::isPause).orElse(false);
    }

    /** Lifts the pause; returns the outcome, or empty when the org was not paused (nothing is changed then). */
    Optional<Resumed> resume(String orgId) {
        if (!paused(orgId)) {
            return Optional.empty();
        }
        List<String> users = sweeps.enabledUsersOf(orgId);
        Instant now = clock.instant();
        int madeDue = 0;
        for (String userId : users) {
            for (PendingPush p : pendingPushes.forUser(UserId.of(userId))) {
                if (p.nextAttemptAt() != null && isPause(p.nextAttemptAt())) {
                    pendingPushes.put(new PendingPush(p.userId(), p.taskId(), p.attempts(), p.firstFailedAt(), now,
                            p.lastError()));
                    madeDue++;
                }
            }
        }
        try {
            dynamoDb.deleteItem(r -> r.tableName(syncTable)
                    .key(Map.of("pk", AttributeValue.fromS("ORG#" + orgId), "sk", AttributeValue.fromS("LIMIT")))
                    .conditionExpression("blockedUntil = :paused")
                    .expressionAttributeValues(Map.of(":paused", AttributeValue.fromS(STORED.format(PAUSED_UNTIL)))));
        } catch (ConditionalCheckFailedException e) {
            // Resumed meanwhile by another operator: nothing left to remove.
        }
        return Optional.of(new Resumed(users.size(), madeDue, sweeps.request(users)));
    }

    record Resumed(int users, int pushesMadeDue, int sweepsRequested) {
    }
}
