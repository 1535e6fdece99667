package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.store.NotificationLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;

/**
 * Applied Outbound Message notification ids ({@code ORG#{o}#NOTIF#{id}/NOTIF#{id}}, TTL 25 h). Recording is an
 * unconditional put: recording twice is harmless, and a re-record after expiry must simply succeed.
 */
public final class DynamoDbNotificationLog implements NotificationLog {

    private final Table table;
    private final Clock clock;

    public DynamoDbNotificationLog(DynamoDbClient dynamoDb, String syncTableName, Clock clock) {
        this.table = new Table(dynamoDb, syncTableName);
        this.clock = clock;
    }

    @Override
    public boolean seen(String orgId, String notificationId) {
        Instant now = clock.instant();
        return table.get(SyncKey.notification(orgId, notificationId).toKey(), "notification")
                .map(item -> new ItemReader(item, "notification").ttl())
                .filter(expiresAt -> expiresAt == null || expiresAt.isAfter(now))
                .isPresent();
    }

    @Override
    public void record(String orgId, String notificationId, Instant expiresAt) {
        table.put(ItemBuilder.keyed(SyncKey.notification(orgId, notificationId))
                .string("orgId", orgId)
                .ttl(expiresAt)
                .build(), Condition.NONE, "notification");
    }
}
