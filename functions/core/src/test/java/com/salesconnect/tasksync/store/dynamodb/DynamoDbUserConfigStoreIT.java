package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.AccessTokenStore.SharedAccessToken;
import com.salesconnect.tasksync.store.UserConfig;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.sf;
import static org.assertj.core.api.Assertions.assertThat;

/** The settings and connection read together, against the engine, as the two stores write them. */
@AwsEngineTest
class DynamoDbUserConfigStoreIT {

    private static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");

    private final List<String> requests = new ArrayList<>();
    private final DynamoDbClient client;
    private final DynamoDbStores stores;
    private final String user = Fixtures.unique("user");
    private final String org = Fixtures.uniqueOrg();

    DynamoDbUserConfigStoreIT(AwsResources aws) {
        ExecutionInterceptor counting = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.add(context.request().getClass().getSimpleName());
            }
        };
        this.client = aws.configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(counting)).build();
        this.stores = DynamoDbStores.create(client, aws.tableName("TasksTable"), aws.tableName("SyncTable"),
                new MutableClock(T0));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private UserConfig read() {
        requests.clear();
        UserConfig config = stores.userConfigs().get(UserId.of(user));
        assertThat(requests).as("one request").containsExactly("BatchGetItemRequest");
        return config;
    }

    @Test
    void both_areReadInOneRequest_exactlyAsEachStoreReadsThem() {
        SyncSettings settings = stores.settings().save(SyncSettings.initial(user, ZoneId.of("Europe/Berlin")));
        SalesforceConnection connection = stores.connections().save(Fixtures.connection(user, org, sf("005A")));
        stores.accessTokens().share(new SharedAccessToken(user, org, sf("005A"), "https://acme.my.salesforce.com",
                "c2VjcmV0", T0));

        UserConfig config = read();

        assertThat(config.settings()).isEqualTo(settings).isEqualTo(stores.settings().get(UserId.of(user)).get());
        assertThat(config.connection()).isEqualTo(connection)
                .isEqualTo(stores.connections().get(UserId.of(user)).get());
    }

    @Test
    void eitherAlone_leavesTheOtherNull() {
        SyncSettings settings = stores.settings().save(SyncSettings.initial(user, ZoneId.of("Europe/Berlin")));
        assertThat(read()).isEqualTo(new UserConfig(settings, null));

        String other = Fixtures.unique("user");
        SalesforceConnection connection = stores.connections().save(Fixtures.connection(other, org, sf("005B")));
        requests.clear();
        assertThat(stores.userConfigs().get(UserId.of(other))).isEqualTo(new UserConfig(null, connection));
        assertThat(requests).containsExactly("BatchGetItemRequest");
    }

    @Test
    void neither_readsBothNull() {
        assertThat(read()).isEqualTo(new UserConfig(null, null));
    }
}
