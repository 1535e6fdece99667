package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.store.TaskLinkReads;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** A user's tasks and links read in the same BatchGetItem requests, against the engine, as the two stores read them. */
@AwsEngineTest
class DynamoDbTaskLinkReadsIT {

    private static final Duration FIFTEEN_DAYS = Duration.ofDays(15);

    /** The tables each BatchGetItem request named, one list per request. */
    private final List<List<String>> requests = new ArrayList<>();
    private final MutableClock clock = new MutableClock(T0);
    private final DynamoDbClient client;
    private final DynamoDbStores stores;
    private final String user = Fixtures.unique("user");
    private final String org = Fixtures.uniqueOrg();
    private final String tasksTable;
    private final String syncTable;

    DynamoDbTaskLinkReadsIT(AwsResources aws) {
        ExecutionInterceptor recording = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.add(context.request() instanceof BatchGetItemRequest batch
                        ? List.copyOf(batch.requestItems().keySet()) : List.of(context.request().getClass().getName()));
            }
        };
        this.client = aws.configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recording)).build();
        this.tasksTable = aws.tableName("TasksTable");
        this.syncTable = aws.tableName("SyncTable");
        this.stores = DynamoDbStores.create(client, tasksTable, syncTable, clock);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static List<TaskId> ids(String... taskIds) {
        return java.util.Arrays.stream(taskIds).map(TaskId::of).toList();
    }

    private TaskLinkReads.Found read(List<TaskId> taskIds, List<TaskId> linkTaskIds) {
        requests.clear();
        return stores.taskLinkReads().read(UserId.of(user), taskIds, linkTaskIds);
    }

    @Test
    void tasksAndLinks_areReadInOneRequest_exactlyAsEachStoreReadsThem() {
        ScTask t1 = stores.tasks().save(Fixtures.newTask(user, "t1", Fixtures.fullFields()));
        ScTask t2 = stores.tasks().save(Fixtures.newTask(user, "t2", TaskFields.todo("no link yet")));
        TaskLink l1 = stores.links().save(Fixtures.linked(user, "t1", org, Fixtures.sf("00T1")));
        stores.links().save(Fixtures.linked(user, "t9", org, Fixtures.sf("00T9"))); // a link whose task is not asked
        stores.tasks().save(Fixtures.newTask(Fixtures.unique("user"), "t3", TaskFields.todo("another user's")));

        TaskLinkReads.Found found = read(ids("t1", "t2", "t3"), ids("t1", "t2", "t3"));

        assertThat(requests).as("one request naming both tables")
                .containsExactly(List.of(tasksTable, syncTable));
        assertThat(found.tasks()).containsOnlyKeys(TaskId.of("t1"), TaskId.of("t2"))
                .containsEntry(TaskId.of("t1"), t1).containsEntry(TaskId.of("t2"), t2)
                .isEqualTo(stores.tasks().getAll(UserId.of(user), ids("t1", "t2", "t3")));
        assertThat(found.links()).containsOnlyKeys(TaskId.of("t1")).containsEntry(TaskId.of("t1"), l1)
                .isEqualTo(stores.links().getAll(UserId.of(user), ids("t1", "t2", "t3")));
    }

    @Test
    void differentIdsForTasksAndLinks_readEachOnlyFromItsTable() {
        ScTask t1 = stores.tasks().save(Fixtures.newTask(user, "t1", TaskFields.todo("x")));
        stores.links().save(Fixtures.linked(user, "t1", org, Fixtures.sf("00T1")));
        TaskLink l2 = stores.links().save(Fixtures.linked(user, "t2", org, Fixtures.sf("00T2")));
        stores.tasks().save(Fixtures.newTask(user, "t2", TaskFields.todo("y")));

        TaskLinkReads.Found found = read(ids("t1"), ids("t2"));

        assertThat(found.tasks()).containsOnlyKeys(TaskId.of("t1")).containsEntry(TaskId.of("t1"), t1);
        assertThat(found.links()).containsOnlyKeys(TaskId.of("t2")).containsEntry(TaskId.of("t2"), l2);
        assertThat(read(ids("t1"), List.of()).tasks()).containsOnlyKeys(TaskId.of("t1"));
        assertThat(requests).as("no empty part").containsExactly(List.of(tasksTable));
        assertThat(read(List.of(), List.of())).isEqualTo(new TaskLinkReads.Found(java.util.Map.of(), java.util.Map.of()));
        assertThat(requests).as("nothing to read, no request").isEmpty();
    }

    @Test
    void manyIds_goInRequestsOf100KeysInAll_andExpiredItemsAreLeftOut() {
        List<TaskId> taskIds = IntStream.range(0, 70).mapToObj(i -> TaskId.of(String.format("t%03d", i))).toList();
        for (TaskId id : taskIds) {
            ScTask task = stores.tasks().save(Fixtures.newTask(user, id.value(), TaskFields.todo(id.value())));
            TaskLink link = stores.links().save(Fixtures.linked(user, id.value(), org,
                    String.format("00T%015d", Integer.parseInt(id.value().substring(1)))));
            if (id.value().endsWith("7")) {
                stores.tasks().save(task.tombstone(Origin.SALESFORCE, T0, T0.plus(FIFTEEN_DAYS)));
                stores.links().save(new TaskLink(user, id.value(), org, null, link.sfId(), LinkState.DELETED,
                        link.base(), link.sfModstamp(), null, T0, Origin.SALESFORCE, T0.plus(FIFTEEN_DAYS),
                        link.version()));
            }
        }

        TaskLinkReads.Found found = read(taskIds, taskIds);

        assertThat(requests).as("140 keys: two requests").hasSize(2);
        assertThat(found.tasks()).hasSize(70).isEqualTo(stores.tasks().getAll(UserId.of(user), taskIds));
        assertThat(found.links()).hasSize(70).isEqualTo(stores.links().getAll(UserId.of(user), taskIds));

        clock.advance(FIFTEEN_DAYS.plusSeconds(1));
        TaskLinkReads.Found later = read(taskIds, taskIds);
        assertThat(later.tasks()).as("expired tombstones are absent").hasSize(63)
                .doesNotContainKey(TaskId.of("t007"));
        assertThat(later.links()).hasSize(63).doesNotContainKey(TaskId.of("t017"));
    }
}
