package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.store.ChangeEventFlow;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.store.OrgUsage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Orgs blocked after REQUEST_LIMIT_EXCEEDED ({@code ORG#{o}/LIMIT}). A block only ever extends: a writer with an
 * older limit answer cannot shorten a later one. The item expires a day after the block ends. Beside it, the sync's
 * calls to the org by the hour ({@code ORG#{o}/USAGE#{hour}}, an atomic counter, kept two days).
 */
public final class DynamoDbOrgLimitStore implements OrgLimitStore {

    static final String BLOCK_CONDITION = "attribute_not_exists(pk) OR blockedUntil < :until";
    private static final Duration KEEP_AFTER_BLOCK = Duration.ofDays(1);
    private static final Duration KEEP_USAGE = Duration.ofDays(2);

    private final Table table;
    private final Clock clock;

    public DynamoDbOrgLimitStore(DynamoDbClient dynamoDb, String syncTableName, Clock clock) {
        this.table = new Table(dynamoDb, syncTableName);
        this.clock = clock;
    }

    @Override
    public Optional<Instant> blockedUntil(OrgId org) {
        String orgId = org.value();
        Instant now = clock.instant();
        return table.get(SyncKey.limit(orgId).toKey(), "org limit")
                .map(item -> new ItemReader(item, "org limit").instant("blockedUntil"))
                .filter(until -> until.isAfter(now));
    }

    @Override
    public void addCalls(OrgId org, Instant at, long calls, long orgUsed, long orgLimit) {
        String orgId = org.value();
        Map<String, String> names = new HashMap<>(Map.of("#calls", "calls", "#ttl", "expiresAt"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":n", Values.n(calls),
                ":ttl", Values.n(Values.ttlSeconds(at.plus(KEEP_USAGE)))));
        StringBuilder set = new StringBuilder(" SET #ttl = :ttl");
        if (orgLimit > 0) {
            names.putAll(Map.of("#used", "orgUsed", "#limit", "orgLimit", "#at", "reportedAt"));
            values.putAll(Map.of(":used", Values.n(orgUsed), ":limit", Values.n(orgLimit),
                    ":at", Values.instant(at)));
            set.append(", #used = :used, #limit = :limit, #at = :at");
        }
        table.update(SyncKey.usage(orgId, at).toKey(), "ADD #calls :n" + set, names, values, "org usage");
    }

    @Override
    public OrgUsage usage(OrgId org, Instant now) {
        String orgId = org.value();
        QueryResponse response = table.query(q -> q
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Values.s(SyncKey.limit(orgId).pk()),
                        ":from", Values.s(SyncKey.usage(orgId, now.minus(Duration.ofHours(23))).sk()),
                        ":to", Values.s(SyncKey.usage(orgId, now).sk())))
                .consistentRead(true), "org usage");
        long calls = 0;
        ItemReader latest = null;
        for (Map<String, AttributeValue> item : response.items()) {
            ItemReader r = new ItemReader(item, "org usage");
            calls += r.has("calls") ? r.number("calls") : 0;
            if (r.has("reportedAt")
                    && (latest == null || r.instant("reportedAt").isAfter(latest.instant("reportedAt")))) {
                latest = r;
            }
        }
        return latest == null ? new OrgUsage(calls, 0, 0, null)
                : new OrgUsage(calls, latest.number("orgUsed"), latest.number("orgLimit"),
                        latest.instant("reportedAt"));
    }

    @Override
    public void blockUntil(OrgId org, Instant until) {
        String orgId = org.value();
        table.putIfCondition(ItemBuilder.keyed(SyncKey.limit(orgId))
                        .string("orgId", orgId)
                        .instant("blockedUntil", until)
                        .ttl(until.plus(KEEP_AFTER_BLOCK))
                        .build(),
                Condition.of(BLOCK_CONDITION, Map.of(":until", Values.instant(until))), "org limit");
    }

    @Override
    public void changeEventSeen(OrgId org, Instant at) {
        String orgId = org.value();
        // Unconditional: concurrent writers hold nearly the same time, and the latest write is close enough.
        table.update(SyncKey.changeEvents(orgId).toKey(), "SET #at = :at, #org = :org",
                Map.of("#at", "lastEventAt", "#org", "orgId"),
                Map.of(":at", Values.instant(at), ":org", Values.s(orgId)), "change event flow");
    }

    @Override
    public void changeEventGap(OrgId org, Instant at) {
        String orgId = org.value();
        table.update(SyncKey.changeEvents(orgId).toKey(), "SET #at = :at, #org = :org",
                Map.of("#at", "gapAt", "#org", "orgId"),
                Map.of(":at", Values.instant(at), ":org", Values.s(orgId)), "change event flow");
    }

    @Override
    public ChangeEventFlow changeEvents(OrgId org) {
        String orgId = org.value();
        return table.get(SyncKey.changeEvents(orgId).toKey(), "change event flow")
                .map(item -> new ItemReader(item, "change event flow"))
                .map(r -> new ChangeEventFlow(r.optInstant("lastEventAt"), r.optInstant("gapAt")))
                .orElse(ChangeEventFlow.NONE);
    }
}
