package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.store.ConflictLog;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.TaskFields;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recorded conflicts ({@code USER#{u}/CONFLICT#{at}#{taskId}#{field}}), kept 90 days by TTL. The key is the
 * conflict's identity, so recording it again (a redelivered message) is a lost condition and stores nothing.
 */
public final class DynamoDbConflictLog implements ConflictLog {

    static final Duration RETENTION = Duration.ofDays(90);
    static final String RECORD_CONDITION = "attribute_not_exists(pk)";

    private final Table table;
    private final Clock clock;

    public DynamoDbConflictLog(DynamoDbClient dynamoDb, String syncTableName, Clock clock) {
        this.table = new Table(dynamoDb, syncTableName);
        this.clock = clock;
    }

    @Override
    public void record(Conflict conflict) {
        Map<String, AttributeValue> item = ItemBuilder.keyed(
                        SyncKey.conflict(conflict.userId(), conflict.at(), conflict.taskId(), conflict.field()))
                .string("userId", conflict.userId())
                .string("taskId", conflict.taskId())
                .string("sfId", conflict.sfId())
                .enumValue("field", conflict.field())
                .string("baseValue", conflict.baseValue())
                .string("salesConnectValue", conflict.salesConnectValue())
                .string("salesforceValue", conflict.salesforceValue())
                .enumValue("winner", conflict.winner())
                .string("reason", conflict.reason())
                .instant("at", conflict.at())
                .ttl(conflict.at().plus(RETENTION))
                .build();
        table.putIfCondition(item, Condition.of(RECORD_CONDITION, Map.of()), "conflict");
    }

    /** Newest first; expired entries (TTL passed, not yet removed by DynamoDB) are skipped. */
    @Override
    public List<Conflict> forUser(UserId user, int limit) {
        String userId = user.value();
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Instant now = clock.instant();
        List<Conflict> conflicts = new ArrayList<>();
        table.queryUpTo(q -> q
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", Values.s(SyncKey.userPk(userId)),
                                ":prefix", Values.s(SyncKey.CONFLICT_PREFIX)))
                        .scanIndexForward(false), null, limit, item -> unexpired(item, now), "conflicts")
                .items().forEach(item -> conflicts.add(fromItem(new ItemReader(item, "conflict"))));
        return conflicts;
    }

    private static boolean unexpired(Map<String, AttributeValue> attributes, Instant now) {
        Instant expiresAt = new ItemReader(attributes, "conflict").ttl();
        return expiresAt == null || expiresAt.isAfter(now);
    }

    private static Conflict fromItem(ItemReader item) {
        return new Conflict(
                item.string("userId"),
                item.string("taskId"),
                item.optString("sfId"),
                item.optEnum("field", TaskFields.Field.class),
                item.optString("baseValue"),
                item.optString("salesConnectValue"),
                item.optString("salesforceValue"),
                item.optEnum("winner", Origin.class),
                item.optString("reason"),
                item.instant("at"));
    }
}
