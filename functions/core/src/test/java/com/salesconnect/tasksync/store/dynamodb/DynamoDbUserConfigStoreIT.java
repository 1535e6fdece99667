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

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.sf;
import static org.assertj.core.api.Assertions.assertThat;

/** The settings and connection read together, against the engine, as the two stores write them. */
@AwsEngineTest
class DynamoDbUserConfigStoreIT {

    private static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");

    private final List<String> requests = new ArrayList<>();
    private final MutableClock clock = new MutableClock(T0);
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
        this.stores = DynamoDbStores.create(client, aws.tableName("TasksTable"), aws.tableName("SyncTable"), clock);
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

    /** Two users with settings and a connection, one without either; what each store reads of them now. */
    private List<UserConfig> threeUsers(String second, String third) {
        SyncSettings s1 = stores.settings().save(SyncSettings.initial(user, ZoneId.of("Europe/Berlin")));
        SalesforceConnection c1 = stores.connections().save(Fixtures.connection(user, org, sf("005A")));
        SyncSettings s2 = stores.settings().save(SyncSettings.initial(second, ZoneId.of("Europe/Paris")));
        SalesforceConnection c2 = stores.connections().save(Fixtures.connection(second, org, sf("005B")));
        requests.clear();
        return List.of(new UserConfig(s1, c1), new UserConfig(s2, c2), new UserConfig(null, null));
    }

    @Test
    void readAhead_answersEachUsersNextRead_fromOneRequest_withWhatIsStored() {
        String second = Fixtures.unique("user");
        String third = Fixtures.unique("user");
        List<UserConfig> stored = threeUsers(second, third);

        stores.userConfigs().readAhead(List.of(UserId.of(user), UserId.of(second), UserId.of(third)));
        assertThat(requests).containsExactly("BatchGetItemRequest");
        requests.clear();

        assertThat(stores.userConfigs().get(UserId.of(user))).isEqualTo(stored.get(0));
        assertThat(stores.userConfigs().get(UserId.of(second))).isEqualTo(stored.get(1));
        assertThat(stores.userConfigs().get(UserId.of(third))).as("no items held as such").isEqualTo(stored.get(2));
        assertThat(requests).as("all three answered by what was read ahead").isEmpty();

        assertThat(stores.userConfigs().get(UserId.of(user))).isEqualTo(stored.get(0));
        assertThat(requests).as("given out once: a second read reads again").containsExactly("BatchGetItemRequest");
    }

    @Test
    void aWriteThroughEitherStore_dropsWhatWasHeld_soTheReadSeesTheWrite() {
        String second = Fixtures.unique("user");
        threeUsers(second, Fixtures.unique("user"));
        stores.userConfigs().readAhead(List.of(UserId.of(user), UserId.of(second)));

        SyncSettings moved = stores.settings().save(stores.settings().get(UserId.of(user)).orElseThrow()
                .withTimeZone(ZoneId.of("America/New_York")));
        SalesforceConnection old = stores.connections().get(UserId.of(second)).orElseThrow();
        SalesforceConnection reconnected = stores.connections().save(new SalesforceConnection(second, org, sf("005C"),
                old.instanceUrl(), old.encryptedRefreshToken(), old.state(), old.connectedAt(), null, old.version()));
        requests.clear();

        assertThat(stores.userConfigs().get(UserId.of(user)).settings()).isEqualTo(moved);
        assertThat(stores.userConfigs().get(UserId.of(second)).connection()).isEqualTo(reconnected);
        assertThat(requests).as("each read from the table").containsExactly("BatchGetItemRequest", "BatchGetItemRequest");
    }

    @Test
    void whatWasHeld_servesOnlyItsThread_andOnlyWithinASecond() throws Exception {
        String second = Fixtures.unique("user");
        List<UserConfig> stored = threeUsers(second, Fixtures.unique("user"));
        stores.userConfigs().readAhead(List.of(UserId.of(user), UserId.of(second)));
        requests.clear();

        assertThat(CompletableFuture.supplyAsync(() -> stores.userConfigs().get(UserId.of(user))).get())
                .isEqualTo(stored.get(0));
        assertThat(requests).as("another thread reads the table").containsExactly("BatchGetItemRequest");

        clock.advance(Duration.ofSeconds(1));
        requests.clear();
        assertThat(stores.userConfigs().get(UserId.of(second))).isEqualTo(stored.get(1));
        assertThat(requests).as("a second later the table is read").containsExactly("BatchGetItemRequest");
    }

    @Test
    void readAheadOfNoOne_sendsNothing() {
        stores.userConfigs().readAhead(List.of());
        assertThat(requests).isEmpty();
    }
}
