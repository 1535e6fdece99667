package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.store.ChangeEventFlow;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.store.OrgUsage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orgs blocked after REQUEST_LIMIT_EXCEEDED ({@code ORG#{o}/LIMIT}). A block only ever extends: a writer with an
 * older limit answer cannot shorten a later one. The item expires a day after the block ends. Beside it, the sync's
 * calls to the org by the hour ({@code ORG#{o}/USAGE}: one item, an atomic counter per hour, kept two days after its
 * last write), read with one GetItem. It was an item per hour, read with a Query; a Query costs DynamoDB little, but
 * an engine that walks the table for each one (moto) made the sweeps of 10,000 users time out on it.
 *
 * <p>A read that found the org not blocked serves this instance (one per container) for {@link #BLOCK_READ_FRESH}:
 * a push or a sweep guards each of its Salesforce calls with it, several within a second. A block another container
 * records meanwhile is seen at most that much later: a call made in between is refused by Salesforce as the block
 * says (REQUEST_LIMIT_EXCEEDED), and its caller blocks the org and tries again later, as after any refusal. A block
 * this instance records is seen at once, and a block found is read again each time, so its end (or an operator's
 * resume, which removes it) is seen at once too.
 */
public final class DynamoDbOrgLimitStore implements OrgLimitStore {

    static final String BLOCK_CONDITION = "attribute_not_exists(pk) OR blockedUntil < :until";
    private static final Duration KEEP_AFTER_BLOCK = Duration.ofDays(1);
    private static final Duration KEEP_USAGE = Duration.ofDays(2);
    /** The rolling day the budget counts: this hour and the 23 before it. */
    private static final int WINDOW_HOURS = 24;

    /** How long a read that found no block serves; see the class comment. */
    static final Duration BLOCK_READ_FRESH = Duration.ofSeconds(1);
    /** Reads kept before the stale ones are dropped (orgs a container calls within a second). */
    private static final int MOST_BLOCK_READS = 1_000;
    /**
     * How long after reading an org's usage a LIMIT read from the table reads it no more: the API budget reads it
     * about this often (ApiBudget's reread), and right after the block check.
     */
    static final Duration USAGE_READ_AHEAD_AFTER = Duration.ofMinutes(1);

    private final Table table;
    private final Clock clock;
    private final HeldItems held;
    /** When each org was last read and found not blocked. */
    private final Map<String, Instant> notBlockedAt = new HashMap<>();
    /** When each org's usage was last read (or read ahead). */
    private final Map<String, Instant> usageReadAt = new HashMap<>();

    public DynamoDbOrgLimitStore(DynamoDbClient dynamoDb, String syncTableName, Clock clock) {
        this(dynamoDb, syncTableName, clock, new HeldItems(clock));
    }

    /** @param held the items a {@link DynamoDbOrgReadAhead} read ahead, answering this store's reads */
    DynamoDbOrgLimitStore(DynamoDbClient dynamoDb, String syncTableName, Clock clock, HeldItems held) {
        this.table = new Table(dynamoDb, syncTableName);
        this.clock = clock;
        this.held = held;
    }

    @Override
    public Optional<Instant> blockedUntil(OrgId org) {
        String orgId = org.value();
        Instant now = clock.instant();
        synchronized (notBlockedAt) {
            if (within(notBlockedAt.get(orgId), now, BLOCK_READ_FRESH)) {
                return Optional.empty();
            }
        }
        SyncKey limit = SyncKey.limit(orgId);
        if (!held.holds(limit) && usageRead(orgId, now)) {
            // The usage the API budget reads next, in the same request.
            held.readAhead(table, List.of(limit, SyncKey.usage(orgId)), "org limit and usage");
        }
        Optional<Instant> blockedUntil = held.get(table, limit, "org limit")
                .map(item -> new ItemReader(item, "org limit").instant("blockedUntil"))
                .filter(until -> until.isAfter(now));
        synchronized (notBlockedAt) {
            if (blockedUntil.isPresent()) {
                notBlockedAt.remove(orgId);
            } else {
                note(notBlockedAt, orgId, now, BLOCK_READ_FRESH);
            }
        }
        return blockedUntil;
    }

    /**
     * Adds to the hour's counter of the org's usage item and, when Salesforce reported it, records the org's own use
     * (the last writer's report stays: concurrent writers report within a minute of each other). The same update
     * removes the counters of the day before the rolling day, so the item holds about 24 of them (a few hundred
     * bytes: one write unit, one read unit).
     */
    @Override
    public void addCalls(OrgId org, Instant at, long calls, long orgUsed, long orgLimit) {
        String orgId = org.value();
        long hour = hourOf(at);
        Map<String, String> names = new HashMap<>(Map.of("#calls", counter(hour), "#ttl", "expiresAt",
                "#org", "orgId"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":n", Values.n(calls),
                ":ttl", Values.n(Values.ttlSeconds(at.plus(KEEP_USAGE))), ":org", Values.s(orgId)));
        StringBuilder expression = new StringBuilder("ADD #calls :n SET #ttl = :ttl, #org = :org");
        if (orgLimit > 0) {
            names.putAll(Map.of("#used", "orgUsed", "#limit", "orgLimit", "#at", "reportedAt"));
            values.putAll(Map.of(":used", Values.n(orgUsed), ":limit", Values.n(orgLimit),
                    ":at", Values.instant(at)));
            expression.append(", #used = :used, #limit = :limit, #at = :at");
        }
        expression.append(" REMOVE ");
        for (int back = WINDOW_HOURS; back <= 2 * WINDOW_HOURS; back++) {
            names.put("#old" + back, counter(hour - back));
            expression.append(back == WINDOW_HOURS ? "" : ", ").append("#old").append(back);
        }
        held.drop(SyncKey.usage(orgId));
        table.update(SyncKey.usage(orgId).toKey(), expression.toString(), names, values, "org usage");
    }

    /**
     * Notes that the org's usage is read at {@code now}; true when it was not read in the
     * {@link #USAGE_READ_AHEAD_AFTER} before (so a LIMIT read now reads it ahead).
     */
    private boolean usageRead(String orgId, Instant now) {
        synchronized (usageReadAt) {
            if (within(usageReadAt.get(orgId), now, USAGE_READ_AHEAD_AFTER)) {
                return false;
            }
            note(usageReadAt, orgId, now, USAGE_READ_AHEAD_AFTER);
            return true;
        }
    }

    /** Whether {@code at} (null: never) lies within {@code window} before {@code now}. */
    private static boolean within(Instant at, Instant now, Duration window) {
        return at != null && !now.isBefore(at) && now.isBefore(at.plus(window));
    }

    /**
     * Notes a read of the org at {@code now} in {@code reads} (the caller holds its lock), first dropping the reads
     * outside {@code window} once {@value #MOST_BLOCK_READS} are kept.
     */
    private static void note(Map<String, Instant> reads, String orgId, Instant now, Duration window) {
        if (reads.size() >= MOST_BLOCK_READS) {
            reads.values().removeIf(at -> !within(at, now, window));
        }
        reads.put(orgId, now);
    }

    /**
     * The org's usage item, one GetItem (or read ahead with the LIMIT item): the counters of the last 24 hours (this
     * one included) added up.
     */
    @Override
    public OrgUsage usage(OrgId org, Instant now) {
        usageRead(org.value(), clock.instant());
        Optional<Map<String, AttributeValue>> item = held.get(table, SyncKey.usage(org.value()),
                "org usage");
        if (item.isEmpty()) {
            return new OrgUsage(0, 0, 0, null);
        }
        ItemReader r = new ItemReader(item.get(), "org usage");
        long hour = hourOf(now);
        long calls = 0;
        for (int back = 0; back < WINDOW_HOURS; back++) {
            String name = counter(hour - back);
            calls += r.has(name) ? r.number(name) : 0;
        }
        return r.has("reportedAt")
                ? new OrgUsage(calls, r.number("orgUsed"), r.number("orgLimit"), r.instant("reportedAt"))
                : new OrgUsage(calls, 0, 0, null);
    }

    /** Hours since the epoch (UTC hours: an hour's calls share one counter whatever the writer's zone). */
    private static long hourOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 3_600L);
    }

    /** The attribute counting the sync's calls to the org in that hour. */
    static String counter(long hour) {
        return "calls" + hour;
    }

    @Override
    public void blockUntil(OrgId org, Instant until) {
        String orgId = org.value();
        held.drop(SyncKey.limit(orgId));
        table.putIfCondition(ItemBuilder.keyed(SyncKey.limit(orgId))
                        .string("orgId", orgId)
                        .instant("blockedUntil", until)
                        .ttl(until.plus(KEEP_AFTER_BLOCK))
                        .build(),
                Condition.of(BLOCK_CONDITION, Map.of(":until", Values.instant(until))), "org limit");
        synchronized (notBlockedAt) {
            notBlockedAt.remove(orgId); // the next read sees this block, or the later one the condition kept
        }
    }

    @Override
    public void changeEventSeen(OrgId org, Instant at) {
        String orgId = org.value();
        held.drop(SyncKey.changeEvents(orgId));
        // Unconditional: concurrent writers hold nearly the same time, and the latest write is close enough.
        table.update(SyncKey.changeEvents(orgId).toKey(), "SET #at = :at, #org = :org",
                Map.of("#at", "lastEventAt", "#org", "orgId"),
                Map.of(":at", Values.instant(at), ":org", Values.s(orgId)), "change event flow");
    }

    @Override
    public void changeEventGap(OrgId org, Instant at) {
        String orgId = org.value();
        held.drop(SyncKey.changeEvents(orgId));
        table.update(SyncKey.changeEvents(orgId).toKey(), "SET #at = :at, #org = :org",
                Map.of("#at", "gapAt", "#org", "orgId"),
                Map.of(":at", Values.instant(at), ":org", Values.s(orgId)), "change event flow");
    }

    @Override
    public ChangeEventFlow changeEvents(OrgId org) {
        String orgId = org.value();
        return held.get(table, SyncKey.changeEvents(orgId), "change event flow")
                .map(item -> new ItemReader(item, "change event flow"))
                .map(r -> new ChangeEventFlow(r.optInstant("lastEventAt"), r.optInstant("gapAt")))
                .orElse(ChangeEventFlow.NONE);
    }
}
