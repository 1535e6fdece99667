package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.OrgProbe;
import com.salesconnect.tasksync.store.OrgProbeStore;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** Org probers, probes and access checks, and the org's API use (the budget), on the SyncTable. */
@AwsEngineTest
class DynamoDbOrgProbeStoreIT {

    private final MutableClock clock = new MutableClock(T0);
    private final DynamoDbOrgProbeStore store;
    private final DynamoDbOrgLimitStore limits;
    private final String org = Fixtures.uniqueOrg();
    private final AwsResources aws;

    DynamoDbOrgProbeStoreIT(AwsResources aws) {
        this.aws = aws;
        DynamoDbStores stores = DynamoDbStores.create(aws.dynamoDb(), aws.tableName("TasksTable"),
                aws.tableName("SyncTable"), clock);
        this.store = stores.orgProbes();
        this.limits = stores.orgLimits();
    }

    @Test
    void apiUse_sumsTheSyncsCallsOverTheLast24Hours_andKeepsTheOrgsLatestReportedUse() {
        limits.addCalls(OrgId.of(org), T0.minus(Duration.ofHours(25)), 1_000, 0, 0); // outside the rolling day
        limits.addCalls(OrgId.of(org), T0.minus(Duration.ofHours(3)), 40, 9_000, 15_000);
        limits.addCalls(OrgId.of(org), T0.minus(Duration.ofHours(3)), 10, 9_100, 15_000); // the same hour: added up
        limits.addCalls(OrgId.of(org), T0, 5, 0, 0); // an answer without Sforce-Limit-Info

        com.salesconnect.tasksync.store.OrgUsage usage = limits.usage(OrgId.of(org), T0);

        assertThat(usage.ownCallsLast24h()).isEqualTo(55);
        assertThat(usage.orgUsed()).isEqualTo(9_100);
        assertThat(usage.orgLimit()).isEqualTo(15_000);
        assertThat(limits.usage(OrgId.of(Fixtures.uniqueOrg()), T0).orgLimit()).as("an org never called").isZero();
        assertThat(limits.blockedUntil(OrgId.of(org))).as("the limit item beside it is untouched").isEmpty();
    }

    /**
     * The org's API use is one item read by key: a Query (the hourly items it replaced) costs DynamoDB little, but
     * an engine that walks the whole table for each Query (moto) made the sweeps of 10,000 users time out on it.
     * Counters older than the rolling day leave the item with the next write.
     */
    @Test
    void apiUse_isOneItemOfTheOrg_readByKey_andDropsTheCountersOfTheDayBefore() {
        limits.addCalls(OrgId.of(org), T0.minus(Duration.ofHours(30)), 1_000, 0, 0);
        limits.addCalls(OrgId.of(org), T0.minus(Duration.ofHours(2)), 3, 100, 15_000);
        limits.addCalls(OrgId.of(org), T0, 4, 120, 15_000);

        var items = aws.dynamoDb().query(q -> q.tableName(aws.tableName("SyncTable"))
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ORG#" + org)))).items();
        assertThat(items).extracting(i -> i.get("sk").s()).containsExactly("USAGE");
        long hour = T0.getEpochSecond() / 3_600;
        assertThat(items.get(0)).containsKeys(DynamoDbOrgLimitStore.counter(hour),
                        DynamoDbOrgLimitStore.counter(hour - 2))
                .doesNotContainKey(DynamoDbOrgLimitStore.counter(hour - 30));
        assertThat(limits.usage(OrgId.of(org), T0).ownCallsLast24h()).isEqualTo(7);
        assertThat(limits.usage(OrgId.of(org), T0.plus(Duration.ofHours(22))).ownCallsLast24h())
                .as("the hour two hours back has left the rolling day").isEqualTo(4);
        assertThat(limits.usage(OrgId.of(org), T0).orgUsed()).isEqualTo(120);
    }

    private OrgProbe probe(java.time.Instant at, List<String> updated, List<String> deleted, boolean overflow) {
        return new OrgProbe(org, "user-admin", at, at.minus(Duration.ofMinutes(7)), updated, at.minusSeconds(30),
                deleted, at.minusSeconds(40), at.minus(Duration.ofDays(15)), overflow);
    }

    @Test
    void aProbe_readsBackAsSaved_andAnOlderOneNeverReplacesIt() {
        OrgProbe newer = probe(T0.plus(Duration.ofMinutes(5)), List.of("00T000000000001AAA", "00T000000000002AAA"),
                List.of("00T000000000003AAA"), false);
        store.save(newer);
        store.save(probe(T0, List.of(), List.of(), false)); // a slower prober of an earlier tick

        assertThat(store.latest(OrgId.of(org))).contains(newer);
        OrgProbe quiet = probe(T0.plus(Duration.ofMinutes(10)), List.of(), List.of(), false);
        store.save(quiet);
        assertThat(store.latest(OrgId.of(org))).contains(quiet);
        assertThat(store.latest(OrgId.of(org)).orElseThrow().quiet()).isTrue();
        OrgProbe overflow = probe(T0.plus(Duration.ofMinutes(15)), List.of(), List.of(), true);
        store.save(overflow);
        assertThat(store.latest(OrgId.of(org))).contains(overflow);
    }

    @Test
    void aProbe_isGoneAfterTwoDays() {
        store.save(probe(T0, List.of(), List.of(), false));
        clock.advance(Duration.ofDays(2).plusMinutes(1));
        assertThat(store.latest(OrgId.of(org))).isEmpty();
    }

    @Test
    void probers_oneAnOrg_listedInPages_andRetiredOnlyByThemselves() {
        String other = Fixtures.uniqueOrg();
        store.nominate(OrgId.of(org), UserId.of("user-a"));
        store.nominate(OrgId.of(org), UserId.of("user-b")); // the latest wins
        store.nominate(OrgId.of(other), UserId.of("user-c"));
        store.retire(OrgId.of(org), UserId.of("user-a"));   // no longer the prober: nothing happens

        assertThat(allProbers(1)).contains(new OrgProbeStore.Prober(org, "user-b"), new OrgProbeStore.Prober(other, "user-c"))
                .doesNotContain(new OrgProbeStore.Prober(org, "user-a"));

        store.retire(OrgId.of(org), UserId.of("user-b"));
        assertThat(allProbers(100)).doesNotContain(new OrgProbeStore.Prober(org, "user-b"));
    }

    @Test
    void aNomination_recordsWhen_untilTheProberIsRetired() {
        assertThat(store.nominatedAt(OrgId.of(org))).as("no prober yet").isEmpty();
        store.nominate(OrgId.of(org), UserId.of("user-a"));
        clock.advance(Duration.ofMinutes(5));
        store.nominate(OrgId.of(org), UserId.of("user-b")); // the latest wins, and its time

        assertThat(store.nominatedAt(OrgId.of(org))).contains(T0.plus(Duration.ofMinutes(5)));

        store.retire(OrgId.of(org), UserId.of("user-b"));
        assertThat(store.nominatedAt(OrgId.of(org))).isEmpty();
    }

    /** Every prober, read in pages of {@code pageSize}. */
    private List<OrgProbeStore.Prober> allProbers(int pageSize) {
        List<OrgProbeStore.Prober> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<OrgProbeStore.Prober> page = store.probers(cursor, pageSize);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    @Test
    void anAccessCheck_isRememberedForAWeek() {
        store.accessChecked(OrgId.of(org), UserId.of("user-a"), T0);
        assertThat(store.accessCheckedAt(OrgId.of(org), UserId.of("user-a"))).contains(T0);
        assertThat(store.accessCheckedAt(OrgId.of(org), UserId.of("user-b"))).isEmpty();
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        assertThat(store.accessCheckedAt(OrgId.of(org), UserId.of("user-a"))).isEmpty();
    }
}
