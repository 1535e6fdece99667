package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's pending-push and pending-create markers read ahead in one BatchGetItem ({@link DynamoDbPendingReadAhead})
 * answer the first read of each store, on the real engine: what is stored, or its absence, with no marker read of their
 * own; once, within a second, on the thread that read ahead, and never after a write of the marker item.
 */
@AwsEngineTest
class DynamoDbPendingReadAheadIT {

    private final MutableClock clock = new MutableClock(T0);
    private final SentRequests requests = new SentRequests();
    private final DynamoDbClient client;
    private final DynamoDbStores stores;
    private final String user = Fixtures.unique("user");
    private final String org = Fixtures.uniqueOrg();

    DynamoDbPendingReadAheadIT(AwsResources aws) {
        this.client = aws.configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(requests)).build();
        this.stores = DynamoDbStores.create(client, aws.tableName("TasksTable"), aws.tableName("SyncTable"), clock);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private PendingPush push(String taskId) {
        return new PendingPush(user, taskId, 1, T0, T0.plusSeconds(60), "x");
    }

    private TaskLink pendingCreate(String taskId) {
        return new TaskLink(user, taskId, org, null, null, LinkState.PENDING_CREATE, null, null, T0, null, null, null, 0);
    }

    /** The user's marker items as every later read finds them (the checks for stacks of before done). */
    private void settled() {
        stores.pendingPushes().forUser(UserId.of(user));
        stores.links().pendingCreates(UserId.of(user));
        requests.takeAll();
    }

    @Test
    void theRetrysFirstReads_areAnsweredByOneBatchGetItem_withWhatIsStored() {
        PendingPush stored = stores.pendingPushes().put(push("t1"));
        TaskLink pending = stores.links().save(pendingCreate("t2"));
        settled();

        stores.pendingReadAhead().readAhead(UserId.of(user));
        assertThat(requests.takeAll()).containsExactly("BatchGetItem");

        assertThat(stores.pendingPushes().forUser(UserId.of(user))).containsExactly(stored);
        assertThat(requests.takeAll()).as("the marked push read by key, its marker held").containsExactly("BatchGetItem");
        assertThat(stores.links().pendingCreates(UserId.of(user))).containsExactly(pending);
        assertThat(requests.takeAll()).as("the marked link read, its markers held").containsExactly("BatchGetItem");

        assertThat(stores.pendingPushes().forUser(UserId.of(user))).containsExactly(stored);
        assertThat(stores.links().pendingCreates(UserId.of(user))).containsExactly(pending);
        assertThat(requests.takeAll()).as("a second read reads the markers again")
                .containsExactly("GetItem", "BatchGetItem", "BatchGetItem", "BatchGetItem");
    }

    @Test
    void aUserWithoutMarkers_isAnsweredByTheReadAheadAlone() {
        settled();
        stores.pendingReadAhead().readAhead(UserId.of(user));
        assertThat(requests.takeAll()).containsExactly("BatchGetItem");

        assertThat(stores.pendingPushes().forUser(UserId.of(user))).isEmpty();
        assertThat(stores.links().pendingCreates(UserId.of(user))).isEmpty();
        assertThat(requests.takeAll()).isEmpty();
    }

    @Test
    void aWriteOfAMarker_dropsWhatWasHeldOfIt() {
        settled();
        stores.pendingReadAhead().readAhead(UserId.of(user));
        PendingPush stored = stores.pendingPushes().put(push("t1"));
        TaskLink pending = stores.links().save(pendingCreate("t2")); // marks one shard: the others stay held
        requests.takeAll();

        assertThat(stores.pendingPushes().forUser(UserId.of(user))).containsExactly(stored);
        assertThat(requests.takeAll()).containsExactly("GetItem", "BatchGetItem");
        assertThat(stores.links().pendingCreates(UserId.of(user))).containsExactly(pending);
        assertThat(requests.takeAll()).as("every shard read again, then the link")
                .containsExactly("BatchGetItem", "BatchGetItem");
    }

    @Test
    void whatWasHeld_servesForASecond_andOnlyTheThreadThatReadAhead() throws Exception {
        PendingPush stored = stores.pendingPushes().put(push("t1"));
        settled();
        stores.pendingReadAhead().readAhead(UserId.of(user));
        requests.takeAll();

        assertThat(CompletableFuture.supplyAsync(() -> stores.pendingPushes().forUser(UserId.of(user))).get())
                .as("another invocation's thread reads the table").containsExactly(stored);
        assertThat(requests.takeAll()).containsExactly("GetItem", "BatchGetItem");

        clock.advance(HeldItems.FRESH.minus(Duration.ofMillis(1)));
        assertThat(stores.links().pendingCreates(UserId.of(user))).isEmpty();
        assertThat(requests.takeAll()).as("within the second: the shards held, no marker, nothing read").isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(stores.pendingPushes().forUser(UserId.of(user))).containsExactly(stored);
        assertThat(requests.takeAll()).as("a second after the read ahead").containsExactly("GetItem", "BatchGetItem");
    }
}
