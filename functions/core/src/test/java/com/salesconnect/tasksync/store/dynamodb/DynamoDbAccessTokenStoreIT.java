package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.AccessTokenStore.SharedAccessToken;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

@AwsEngineTest
class DynamoDbAccessTokenStoreIT {

    private final AwsResources aws;
    private final MutableClock clock = new MutableClock(T0);
    private final DynamoDbAccessTokenStore store;
    private final String user = Fixtures.unique("user");

    DynamoDbAccessTokenStoreIT(AwsResources aws) {
        this.aws = aws;
        this.store = new DynamoDbAccessTokenStore(aws.dynamoDb(), aws.tableName("SyncTable"), clock);
    }

    private SharedAccessToken token(String encrypted, Instant issuedAt) {
        return new SharedAccessToken(user, "00D000000000001AAA", "005000000000001AAA",
                "https://acme.my.salesforce.com", encrypted, issuedAt);
    }

    @Test
    void aSharedToken_isReadBackExactly_fromTheUsersConfigPartition() {
        SharedAccessToken token = token("ZW5jcnlwdGVk", T0.minusSeconds(30));

        store.share(token);

        assertThat(store.get(UserId.of(user))).contains(token);
        Map<String, AttributeValue> item = aws.dynamoDb().getItem(r -> r.tableName(aws.tableName("SyncTable"))
                .key(SyncKey.accessToken(user).toKey())).item();
        assertThat(item.get("pk").s()).isEqualTo("CONFIG#USER#" + user);
        assertThat(item.get("expiresAt").n())
                .isEqualTo(Long.toString(T0.minusSeconds(30).plus(Duration.ofHours(24)).getEpochSecond() + 1));
    }

    @Test
    void aNewerToken_replacesAnOlderOne_butAnOlderOneNeverReplacesANewerOne() {
        store.share(token("b2xk", T0));
        store.share(token("bmV3ZXI=", T0.plusSeconds(60)));
        store.share(token("c2xvdy13cml0ZXI=", T0.plusSeconds(10)));

        assertThat(store.get(UserId.of(user))).map(SharedAccessToken::encryptedAccessToken).contains("bmV3ZXI=");
    }

    @Test
    void aTokenOlderThanAnySalesforceSession_isAbsent_evenBeforeDynamoDbRemovesIt() {
        store.share(token("b2xk", T0));

        clock.advance(Duration.ofHours(24).plusSeconds(1));

        assertThat(store.get(UserId.of(user))).isEmpty();
    }

    @Test
    void noSharedToken_isEmpty() {
        assertThat(store.get(UserId.of(Fixtures.unique("nobody")))).isEmpty();
    }
}
