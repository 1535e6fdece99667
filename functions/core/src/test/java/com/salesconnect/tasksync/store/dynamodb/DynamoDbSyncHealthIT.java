package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.store.LastSync;
import com.salesconnect.tasksync.sync.SyncHealthService;
import com.salesconnect.tasksync.sync.SyncHealthView;
import com.salesconnect.tasksync.sync.SyncStores;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.List;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The sync health item, the bounded read of pending pushes, and what one Settings-page health read costs. */
@AwsEngineTest
class DynamoDbSyncHealthIT {

    private final MutableClock clock = new MutableClock(T0);
    private final SentRequests requests = new SentRequests();
    private final DynamoDbClient client;
    private final DynamoDbStores stores;
    private final String user = Fixtures.unique("user");

    DynamoDbSyncHealthIT(AwsResources aws) {
        this.client = aws.configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(requests)).build();
        this.stores = DynamoDbStores.create(client, aws.tableName("TasksTable"), aws.tableName("SyncTable"), clock);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void lastSync_eachDirectionOnlyMovesForward_andNeverOverwritesTheOther() {
        assertThat(stores.health().get(UserId.of(user))).isEqualTo(LastSync.NEVER);

        stores.health().pushed(UserId.of(user), T0.plusSeconds(60));
        stores.health().pulled(UserId.of(user), T0.plusSeconds(30));
        stores.health().pushed(UserId.of(user), T0); // a late write of an earlier time
        stores.health().pulled(UserId.of(user), T0.plusSeconds(30)); // the same time again

        assertThat(stores.health().get(UserId.of(user)))
                .isEqualTo(new LastSync(T0.plusSeconds(60), T0.plusSeconds(30)));
        assertThat(requests.takeAll()).contains("PutItem " + DynamoDbSyncHealthStore.FORWARD_ONLY);
        assertThat(stores.health().get(UserId.of(Fixtures.unique("user")))).isEqualTo(LastSync.NEVER);
    }

    @Test
    void firstForUser_readsOnePageOfTheUsersPendingPushesOnly() {
        for (int i = 0; i < 5; i++) {
            stores.pendingPushes().put(new PendingPush(user, "t" + i, 1, T0, T0, "Salesforce API limit reached"));
        }
        stores.pendingPushes().put(new PendingPush(Fixtures.unique("user"), "t9", 1, T0, T0, "x"));
        requests.takeAll();

        List<PendingPush> page = stores.pendingPushes().firstForUser(UserId.of(user), 3);

        assertThat(page).extracting(PendingPush::taskId).containsExactly("t0", "t1", "t2");
        assertThat(requests.takeAll()).containsExactly("Query");
        assertThat(stores.pendingPushes().firstForUser(UserId.of(user), 10)).hasSize(5);
    }

    @Test
    void healthRead_costsSixRequests_howeverManyChangesWaitAndConflictsWereRecorded() {
        for (int i = 0; i < 150; i++) {
            stores.pendingPushes().put(new PendingPush(user, String.format("t%03d", i), 1, T0, T0,
                    "Salesforce API limit reached"));
        }
        for (int i = 0; i < 40; i++) {
            stores.tasks().save(Fixtures.newTask(user, "c" + i, TaskFields.todo("task " + i)));
            stores.conflicts().record(new Conflict(user, "c" + i, "sf" + i, TaskFields.Field.SUBJECT, "a", "b", "c",
                    Origin.SALESFORCE, "Changed on both sides: the later change (Salesforce) wins",
                    T0.plus(Duration.ofSeconds(i))));
        }
        stores.health().pushed(UserId.of(user), T0);
        SyncStores syncStores = new SyncStores(stores.tasks(), stores.links(), stores.settings(),
                stores.connections(), stores.pendingPushes(), stores.conflicts(), stores.notifications(),
                stores.orgLimits(), stores.orgProbes(), stores.webhooks(), stores.health());
        requests.takeAll();

        SyncHealthView view = new SyncHealthService(syncStores).view(UserId.of(user));

        assertThat(requests.takeAll()).containsExactlyInAnyOrder("GetItem", "GetItem", "Query", "Query", "Query",
                "BatchGetItem");
        assertThat(view.lastPushedAt()).isEqualTo(T0);
        assertThat(view.waiting()).singleElement().satisfies(w -> {
            assertThat(w.reason()).isEqualTo(SyncHealthView.Reason.LIMIT_REACHED);
            assertThat(w.count()).isEqualTo(100);
        });
        assertThat(view.waitingMore()).isTrue();
        assertThat(view.conflicts()).hasSize(5).first().satisfies(c -> {
            assertThat(c.taskId()).isEqualTo("c39");
            assertThat(c.subject()).isEqualTo("task 39");
            assertThat(c.fields()).containsExactly("subject");
        });
    }
}
