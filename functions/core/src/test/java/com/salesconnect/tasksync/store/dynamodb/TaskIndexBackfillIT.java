package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The index keys of tasks written before their indexes, brought up to date on moto: what `ops backfill tasks` runs. */
@AwsEngineTest
class TaskIndexBackfillIT {

    private static final LocalDate DUE = LocalDate.parse("2025-03-11");

    private final AwsResources aws;
    private final MutableClock clock = new MutableClock(T0);
    private final DynamoDbTaskStore store;
    private final String user = Fixtures.unique("user");

    TaskIndexBackfillIT(AwsResources aws) {
        this.aws = aws;
        this.store = new DynamoDbTaskStore(aws.dynamoDb(), aws.tableName("TasksTable"), clock);
    }

    @Test
    void itemsOfBefore_getTheirIndexKeys_fieldsAndVersionsUntouched_andATaskSavedMeanwhileIsLeftAsSaved() {
        ScTask current = store.save(Fixtures.newTask(user, "current", Fixtures.due("saved today", DUE)));
        ScTask beforeDecember = stored(Fixtures.newTask(user, "before-12-01", Fixtures.due("open, due", DUE)));
        putRaw(beforeDecember, item -> {
            item.remove("liveUserId");
            item.remove("openDueDay");
            item.put("openDueDate", Values.s(DUE.toString()));
        });
        ScTask beforeToday = stored(Fixtures.newTask(user, "before-12-04", TaskFields.todo("no due date")));
        putRaw(beforeToday, item -> item.remove("liveUserId"));
        ScTask tombstone = stored(Fixtures.newTask(user, "deleted", TaskFields.todo("gone"))
                .tombstone(Origin.SALES_CONNECT, T0, T0.plus(Duration.ofDays(15))));
        putRaw(tombstone, item -> {
        });
        aws.dynamoDb().putItem(p -> p.tableName(aws.tableName("TasksTable"))
                .item(Map.of("userId", Values.s(user), "taskId", Values.s("broken"))));

        TaskIndexBackfill.Outcome outcome = new TaskIndexBackfill(aws.dynamoDb(), aws.tableName("TasksTable")).run();

        assertThat(outcome.updated()).isEqualTo(2);
        assertThat(outcome.savedMeanwhile()).isZero();
        assertThat(outcome.unreadable()).containsExactly(user + "/broken");
        assertThat(outcome.scanned()).as("the current task is not read").isEqualTo(4);
        Map<String, AttributeValue> december = raw("before-12-01");
        assertThat(december.get("liveUserId").s()).isEqualTo(user);
        assertThat(december.get("openDueDay").s()).isEqualTo(user + "#" + DUE);
        assertThat(december).doesNotContainKey("openDueDate");
        assertThat(raw("before-12-04").get("liveUserId").s()).isEqualTo(user);
        assertThat(raw("deleted")).doesNotContainKeys("liveUserId", "openDueDay");
        assertThat(store.get(UserId.of(user), TaskId.of("before-12-01"))).contains(beforeDecember);
        assertThat(store.get(UserId.of(user), TaskId.of("before-12-04"))).contains(beforeToday);
        assertThat(store.get(UserId.of(user), TaskId.of("deleted"))).contains(tombstone);
        assertThat(store.browse(UserId.of(user), null, 10).items()).extracting(ScTask::taskId)
                .containsExactly("before-12-01", "before-12-04", "current");
        assertThat(store.openDueBetween(UserId.of(user), DUE, DUE)).extracting(ScTask::taskId)
                .containsExactly("before-12-01", "current");
        assertThat(store.get(UserId.of(user), TaskId.of("current"))).contains(current);

        TaskIndexBackfill.Outcome again = new TaskIndexBackfill(aws.dynamoDb(), aws.tableName("TasksTable")).run();
        assertThat(again.updated()).as("a second run has nothing to do").isZero();

        // A save between the Scan and the update wins: the update's condition on the version read fails.
        ScTask raced = stored(Fixtures.newTask(user, "raced", Fixtures.due("edited meanwhile", DUE)));
        putRaw(raced, item -> item.remove("liveUserId"));
        AtomicBoolean saved = new AtomicBoolean();
        ExecutionInterceptor saveFirst = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UpdateItemRequest && saved.compareAndSet(false, true)) {
                    store.save(raced.edited(raced.fields().with(TaskFields.Field.DUE_DATE, DUE.plusDays(1)),
                            Origin.SALES_CONNECT, T0.plusSeconds(5)));
                }
            }
        };
        try (DynamoDbClient racing = aws.configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(saveFirst)).build()) {
            TaskIndexBackfill.Outcome race = new TaskIndexBackfill(racing, aws.tableName("TasksTable")).run();

            assertThat(race.savedMeanwhile()).isEqualTo(1);
            assertThat(race.updated()).isZero();
        }
        Map<String, AttributeValue> edited = raw("raced");
        assertThat(edited.get("version").n()).isEqualTo("2");
        assertThat(edited.get("openDueDay").s()).isEqualTo(user + "#" + DUE.plusDays(1));
        assertThat(edited.get("liveUserId").s()).isEqualTo(user);
    }

    /** The task as a save would store it (version 1), for writing it as an item of before. */
    private static ScTask stored(ScTask fresh) {
        return new ScTask(fresh.userId(), fresh.taskId(), fresh.fields(), fresh.createdAt(), fresh.updatedAt(), 1,
                fresh.changeOrigin(), fresh.deletedAt(), Values.ttlInstant(fresh.expiresAt()));
    }

    private void putRaw(ScTask task, java.util.function.Consumer<Map<String, AttributeValue>> olderShape) {
        Map<String, AttributeValue> item = new HashMap<>(TaskItems.toItem(task));
        olderShape.accept(item);
        aws.dynamoDb().putItem(p -> p.tableName(aws.tableName("TasksTable")).item(item));
    }

    private Map<String, AttributeValue> raw(String taskId) {
        return aws.dynamoDb().getItem(g -> g.tableName(aws.tableName("TasksTable"))
                .key(TaskItems.key(user, taskId)).consistentRead(true)).item();
    }
}
