package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The warm-up read on the real engine: one GetItem that finds nothing and writes nothing. */
@AwsEngineTest
class DynamoDbWarmUpIT {

    private final SentRequests requests = new SentRequests();
    private final DynamoDbClient client;
    private final String syncTable;

    DynamoDbWarmUpIT(AwsResources aws) {
        this.client = aws.configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(requests)).build();
        this.syncTable = aws.tableName("SyncTable");
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void oneGetItemOfTheBlankUsersSettings_findingNothing_writingNothing() {
        DynamoDbWarmUp.read(client, syncTable);

        assertThat(requests.takeAll()).containsExactly("GetItem");
        Map<String, AttributeValue> key = SyncKey.neverWritten().toKey();
        assertThat(key.get("pk").s()).as("inside every function's CONFIG#USER#* read grant").isEqualTo("CONFIG#USER#");
        assertThat(client.getItem(r -> r.tableName(syncTable).key(key).consistentRead(true)).hasItem()).isFalse();
    }

    @Test
    void aFailure_isThrownToTheCaller_whichDropsIt() {
        assertThatThrownBy(() -> DynamoDbWarmUp.read(client, "NoSuchTable-" + Fixtures.unique("t")))
                .isInstanceOf(software.amazon.awssdk.core.exception.SdkException.class);
    }

    @Test
    void noStoreReadsOrWritesTheWarmUpsKey_becauseNoUserIdIsBlank() {
        assertThatThrownBy(() -> com.salesconnect.tasksync.id.UserId.of(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SyncKey.settings("").pk()).isEqualTo(SyncKey.neverWritten().pk());
    }
}
