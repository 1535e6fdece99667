package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.ChangeEventFlow;
import com.salesconnect.tasksync.store.OrgProbe;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The org's items read ahead in one BatchGetItem ({@link DynamoDbOrgReadAhead}) answer the first read of each through
 * the org stores, on the real engine: what is stored, or its absence, with no request of their own; once, within a
 * second, on the thread that read ahead, and never after a write of the item.
 */
@AwsEngineTest
class DynamoDbOrgReadAheadIT {

    private final MutableClock clock = new MutableClock(T0);
    private final SentRequests requests = new SentRequests();
    private final DynamoDbClient client;
    private final DynamoDbStores stores;
    private final OrgId org = OrgId.of(Fixtures.uniqueOrg());
    private final UserId user = UserId.of(Fixtures.unique("user"));
    private final Instant blockEnds = T0.plus(Duration.ofHours(1));

    DynamoDbOrgReadAheadIT(AwsResources aws) {
        this.client = aws.configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(requests)).build();
        this.stores = DynamoDbStores.create(client, aws.tableName("TasksTable"), aws.tableName("SyncTable"), clock);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private void storeEveryOrgItem() {
        stores.orgLimits().blockUntil(org, blockEnds);
        stores.orgLimits().addCalls(org, T0, 7, 900, 15_000);
        stores.orgLimits().changeEventSeen(org, T0.minusSeconds(30));
        stores.orgProbes().save(probe(T0.minusSeconds(60)));
        stores.orgProbes().accessChecked(org, user, T0.minusSeconds(90));
        stores.orgProbes().nominate(org, user);
    }

    private OrgProbe probe(Instant at) {
        return new OrgProbe(org.value(), user.value(), at, at.minusSeconds(300), List.of("00T1"), at, List.of(), at,
                at.minus(Duration.ofDays(15)), false);
    }

    @Test
    void theSweepsFirstReadsOfTheOrg_areAnsweredByOneBatchGetItem_withWhatIsStored() {
        storeEveryOrgItem();
        requests.takeAll();

        stores.orgReadAhead().readAhead(org, user);
        assertThat(requests.takeAll()).containsExactly("BatchGetItem");

        assertThat(stores.orgLimits().blockedUntil(org)).contains(blockEnds);
        assertThat(stores.orgLimits().usage(org, T0).ownCallsLast24h()).isEqualTo(7);
        assertThat(stores.orgLimits().changeEvents(org).lastEventAt()).isEqualTo(T0.minusSeconds(30));
        assertThat(stores.orgProbes().latest(org)).contains(probe(T0.minusSeconds(60)));
        assertThat(stores.orgProbes().accessCheckedAt(org, user)).contains(T0.minusSeconds(90));
        assertThat(stores.orgProbes().nominatedAt(org)).contains(T0);
        assertThat(requests.takeAll()).as("each first read answered by the read ahead").isEmpty();

        assertThat(stores.orgLimits().blockedUntil(org)).contains(blockEnds);
        assertThat(stores.orgProbes().latest(org)).isPresent();
        assertThat(requests.takeAll()).as("a second read reads the table").containsExactly("GetItem", "GetItem");
    }

    @Test
    void itemsNotStored_areHeldAsAbsent() {
        stores.orgReadAhead().readAhead(org, user);
        requests.takeAll();

        assertThat(stores.orgLimits().blockedUntil(org)).isEmpty();
        assertThat(stores.orgLimits().usage(org, T0).orgLimit()).isZero();
        assertThat(stores.orgLimits().changeEvents(org)).isEqualTo(ChangeEventFlow.NONE);
        assertThat(stores.orgProbes().latest(org)).isEmpty();
        assertThat(stores.orgProbes().accessCheckedAt(org, user)).isEmpty();
        assertThat(stores.orgProbes().nominatedAt(org)).isEmpty();
        assertThat(requests.takeAll()).isEmpty();
    }

    @Test
    void aWriteThroughTheStores_dropsWhatWasHeldOfItsItem() {
        stores.orgReadAhead().readAhead(org, user);
        stores.orgLimits().blockUntil(org, blockEnds);
        stores.orgProbes().save(probe(T0));
        stores.orgLimits().changeEventGap(org, T0);
        stores.orgLimits().addCalls(org, T0, 3, 0, 0);
        stores.orgProbes().accessChecked(org, user, T0);
        stores.orgProbes().nominate(org, user);
        requests.takeAll();

        assertThat(stores.orgLimits().blockedUntil(org)).contains(blockEnds);
        assertThat(stores.orgProbes().latest(org)).contains(probe(T0));
        assertThat(stores.orgLimits().changeEvents(org).gapAt()).isEqualTo(T0);
        assertThat(stores.orgLimits().usage(org, T0).ownCallsLast24h()).isEqualTo(3);
        assertThat(stores.orgProbes().accessCheckedAt(org, user)).contains(T0);
        assertThat(stores.orgProbes().nominatedAt(org)).contains(T0);
        assertThat(requests.takeAll()).as("the LIMIT read with the USAGE (not read in the last minute), then the rest")
                .containsExactly("BatchGetItem", "GetItem", "GetItem", "GetItem", "GetItem");
    }

    @Test
    void aLimitReadFromTheTable_readsTheUsageWithIt_atMostOnceAMinute() {
        storeEveryOrgItem();
        requests.takeAll();

        assertThat(stores.orgLimits().blockedUntil(org)).contains(blockEnds);
        assertThat(stores.orgLimits().usage(org, T0).ownCallsLast24h()).isEqualTo(7);
        assertThat(requests.takeAll()).as("one request for both").containsExactly("BatchGetItem");

        clock.advance(Duration.ofSeconds(30));
        assertThat(stores.orgLimits().blockedUntil(org)).contains(blockEnds);
        assertThat(requests.takeAll()).as("the usage was read within the minute").containsExactly("GetItem");

        clock.advance(DynamoDbOrgLimitStore.USAGE_READ_AHEAD_AFTER);
        stores.orgLimits().addCalls(org, clock.instant(), 2, 0, 0);
        requests.takeAll();
        assertThat(stores.orgLimits().blockedUntil(org)).contains(blockEnds);
        assertThat(stores.orgLimits().usage(org, clock.instant()).ownCallsLast24h()).as("as written, not as held")
                .isEqualTo(9);
        assertThat(requests.takeAll()).containsExactly("BatchGetItem");
    }

    @Test
    void whatWasHeld_servesForASecond_andOnlyTheThreadThatReadAhead() throws Exception {
        stores.orgReadAhead().readAhead(org, user);
        stores.orgLimits().blockUntil(org, blockEnds); // drops the LIMIT held; the probe stays held
        storeEveryOrgItem();
        stores.orgReadAhead().readAhead(org, user);
        requests.takeAll();

        Optional<Instant> elsewhere = CompletableFuture.supplyAsync(() -> stores.orgLimits().blockedUntil(org)).get();
        assertThat(elsewhere).as("another invocation's thread reads the table").contains(blockEnds);
        assertThat(requests.takeAll()).as("the LIMIT, with the USAGE not read in the last minute")
                .containsExactly("BatchGetItem");

        clock.advance(HeldItems.FRESH.minusMillis(1));
        assertThat(stores.orgProbes().latest(org)).isPresent();
        assertThat(requests.takeAll()).as("within the second").isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(stores.orgLimits().changeEvents(org).lastEventAt()).isEqualTo(T0.minusSeconds(30));
        assertThat(requests.takeAll()).as("a second after the read ahead").containsExactly("GetItem");
    }
}
