package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.OrgProbe;
import com.salesconnect.tasksync.store.OrgProbeStore;
import com.salesconnect.tasksync.store.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Org probes: the prober of each org ({@code CONFIG#PROBERS/ORG#{o}}: it decides whose session reads the org), the
 * org's latest probe ({@code CONFIG#ORG#{o}/PROBE}, kept two days) and access checks
 * ({@code CONFIG#ORG#{o}/ACCESS#{u}}, a week). All under CONFIG#: they decide what the sweeps read.
 */
public final class DynamoDbOrgProbeStore implements OrgProbeStore {

    static final String SAVE_CONDITION = "attribute_not_exists(pk) OR probedAt < :at";
    static final String RETIRE_CONDITION = "userId = :u";
    static final Duration KEEP_PROBE = Duration.ofDays(2);
    static final Duration KEEP_ACCESS_CHECK = Duration.ofDays(7);

    private final Table table;
    private final Clock clock;
    private final HeldItems held;

    public DynamoDbOrgProbeStore(DynamoDbClient dynamoDb, String syncTableName, Clock clock) {
        this(dynamoDb, syncTableName, clock, new HeldItems(clock));
    }

    /** @param held the items a {@link DynamoDbOrgReadAhead} read ahead, answering this store's reads */
    DynamoDbOrgProbeStore(DynamoDbClient dynamoDb, String syncTableName, Clock clock, HeldItems held) {
        this.table = new Table(dynamoDb, syncTableName);
        this.clock = clock;
        this.held = held;
    }

    @Override
    public void nominate(OrgId org, UserId user) {
        String orgId = org.value();
        String userId = user.value();
        held.drop(SyncKey.prober(orgId));
        table.put(ItemBuilder.keyed(SyncKey.prober(orgId)).string("orgId", orgId).string("userId", userId)
                .instant("nominatedAt", clock.instant()).build(), Condition.NONE, "org prober");
    }

    @Override
    public Optional<Instant> nominatedAt(OrgId org) {
        return held.get(table, SyncKey.prober(org.value()), "org prober")
                .flatMap(item -> Optional.ofNullable(new ItemReader(item, "org prober").optInstant("nominatedAt")));
    }

    @Override
    public void retire(OrgId org, UserId user) {
        String orgId = org.value();
        String userId = user.value();
        held.drop(SyncKey.prober(orgId));
        table.delete(SyncKey.prober(orgId).toKey(),
                Condition.of(RETIRE_CONDITION, Map.of(":u", Values.s(userId))), "org prober");
    }

    @Override
    public Page<Prober> probers(String cursor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Map<String, AttributeValue> start = cursor == null ? null
                : Map.of("pk", Values.s(SyncKey.PROBERS_PK), "sk", Values.s(Cursors.decode(cursor)));
        QueryResponse response = table.query(q -> q
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Values.s(SyncKey.PROBERS_PK)))
                .exclusiveStartKey(start)
                .limit(limit), "org probers");
        List<Prober> probers = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            ItemReader r = new ItemReader(item, "org prober");
            probers.add(new Prober(r.string("orgId"), r.string("userId")));
        }
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Page<>(probers, more ? Cursors.encode(response.lastEvaluatedKey().get("sk").s()) : null);
    }

    @Override
    public Optional<OrgProbe> latest(OrgId org) {
        String orgId = org.value();
        Instant now = clock.instant();
        return held.get(table, SyncKey.probe(orgId), "org probe")
                .map(item -> new ItemReader(item, "org probe"))
                .filter(r -> r.ttl() == null || r.ttl().isAfter(now))
                .map(r -> new OrgProbe(r.string("orgId"), r.string("proberUserId"), r.instant("probedAt"),
                        r.instant("from"), ids(r.optString("updatedIds")), r.instant("updatesCovered"),
                        ids(r.optString("deletedIds")), r.instant("deletionsCovered"),
                        r.optInstant("earliestDeletionAvailable"), r.has("overflow") && r.bool("overflow")));
    }

    @Override
    public void save(OrgProbe p) {
        ItemBuilder item = ItemBuilder.keyed(SyncKey.probe(p.orgId()))
                .string("orgId", p.orgId())
                .string("proberUserId", p.proberUserId())
                .instant("probedAt", p.probedAt())
                .instant("from", p.from())
                .instant("updatesCovered", p.updatesCovered())
                .instant("deletionsCovered", p.deletionsCovered())
                .instant("earliestDeletionAvailable", p.earliestDeletionAvailable())
                .ttl(p.probedAt().plus(KEEP_PROBE));
        if (!p.updatedIds().isEmpty()) {
            item.string("updatedIds", String.join(",", p.updatedIds()));
        }
        if (!p.deletedIds().isEmpty()) {
            item.string("deletedIds", String.join(",", p.deletedIds()));
        }
        if (p.overflow()) {
            item.bool("overflow", true);
        }
        held.drop(SyncKey.probe(p.orgId()));
        // A slower prober of the same tick must not replace a newer probe.
        table.putIfCondition(item.build(), Condition.of(SAVE_CONDITION,
                Map.of(":at", Values.instant(p.probedAt()))), "org probe");
    }

    @Override
    public Optional<Instant> accessCheckedAt(OrgId org, UserId user) {
        String orgId = org.value();
        String userId = user.value();
        Instant now = clock.instant();
        return held.get(table, SyncKey.accessCheck(orgId, userId), "access check")
                .map(item -> new ItemReader(item, "access check"))
                .filter(r -> r.ttl() == null || r.ttl().isAfter(now))
                .map(r -> r.instant("checkedAt"));
    }

    @Override
    public void accessChecked(OrgId org, UserId user, Instant at) {
        String orgId = org.value();
        String userId = user.value();
        held.drop(SyncKey.accessCheck(orgId, userId));
        table.put(ItemBuilder.keyed(SyncKey.accessCheck(orgId, userId))
                .string("orgId", orgId).string("userId", userId).instant("checkedAt", at)
                .ttl(at.plus(KEEP_ACCESS_CHECK)).build(), Condition.NONE, "access check");
    }

    private static List<String> ids(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
