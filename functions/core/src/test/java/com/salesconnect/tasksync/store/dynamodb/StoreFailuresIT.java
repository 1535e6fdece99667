package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.util.Map;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A failing engine or a corrupt item is a StoreException: never "not found", never a default value. */
@AwsEngineTest
class StoreFailuresIT {

    private final AwsResources aws;

    StoreFailuresIT(AwsResources aws) {
        this.aws = aws;
    }

    @Test
    void missingTable_isAStoreException_forReadsWritesAndQueries() {
        DynamoDbStores broken = DynamoDbStores.create(aws.dynamoDb(), "no-such-table", "no-such-table",
                new MutableClock(T0));

        assertThatThrownBy(() -> broken.tasks().get(UserId.of("u"), TaskId.of("t"))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> broken.tasks().save(Fixtures.newTask("u", "t", TaskFields.todo("x"))))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> broken.tasks().openDueBetween(UserId.of("u"), LocalDate.EPOCH, LocalDate.EPOCH.plusDays(1)))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> broken.links().findBySfId(OrgId.of("00D000000000001AAA"),
                SalesforceId.of("00T000000000001AAA")))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> broken.settings().enabledUsers(null, 10)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> broken.oauthStates().consume("state")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> broken.notifications().seen(OrgId.of("00D000000000001AAA"), "n"))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void corruptItem_isAStoreException_notAbsent() {
        String table = aws.tableName("TasksTable");
        aws.dynamoDb().putItem(r -> r.tableName(table).item(Map.of(
                "userId", AttributeValue.fromS("u-corrupt"),
                "taskId", AttributeValue.fromS("t1"),
                "subject", AttributeValue.fromS("no version, no dates"))));
        DynamoDbTaskStore store = new DynamoDbTaskStore(aws.dynamoDb(), table, new MutableClock(T0));

        assertThatThrownBy(() -> store.get(UserId.of("u-corrupt"), TaskId.of("t1")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("malformed task item");
    }
}
