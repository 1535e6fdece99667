package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.store.NotificationLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    public boolean seen(OrgId org, String notificationId) {
        String orgId = org.value();
        Instant now = clock.instant();
        return table.get(SyncKey.notification(orgId, notificationId).toKey(), "notification")
                .map(item -> new ItemReader(item, "notification").ttl())
                .filter(expiresAt -> expiresAt == null || expiresAt.isAfter(now))
                .isPresent();
    }

    /** BatchGetItem, 100 ids a request. */
    @Override
    public Set<String> seen(OrgId org, Collection<String> notificationIds) {
        String orgId = org.value();
        Instant now = clock.instant();
        List<Map<String, AttributeValue>> keys = notificationIds.stream().distinct()
                .map(id -> SyncKey.notification(orgId, id).toKey()).toList();
        Set<String> out = new HashSet<>();
        for (Map<String, AttributeValue> item : table.batchGet(keys, "notifications")) {
            Instant expiresAt = new ItemReader(item, "notification").ttl();
            if (expiresAt == null || expiresAt.isAfter(now)) {
                String sk = item.get("sk").s();
                out.add(sk.substring(sk.indexOf('#') + 1));
            }
        }
        return out;
    }

    @Override
    public void record(OrgId org, String notificationId, Instant expiresAt) {
        String orgId = org.value();
        table.put(item(orgId, notificationId, expiresAt), Condition.NONE, "notification");
    }

    /** BatchWriteItem, 25 ids a request. */
    @Override
    public void recordAll(OrgId org, Collection<String> notificationIds, Instant expiresAt) {
        String orgId = org.value();
        table.batchPut(notificationIds.stream().distinct().map(id -> item(orgId, id, expiresAt)).toList(),
                "notifications");
    }

    private static Map<String, AttributeValue> item(String orgId, String notificationId, Instant expiresAt) {
        return ItemBuilder.keyed(SyncKey.notification(orgId, notificationId))
                .string("orgId", orgId)
                .ttl(expiresAt)
                .build();
    }
}
