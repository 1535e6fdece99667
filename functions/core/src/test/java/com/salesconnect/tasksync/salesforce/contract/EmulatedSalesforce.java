package com.salesconnect.tasksync.salesforce.contract;

import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.crypto.KmsTokenCipher;
import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.emulator.EmulatorConfig;
import com.salesconnect.tasksync.emulator.MutableClock;
import com.salesconnect.tasksync.emulator.SalesforceEmulator;
import com.salesconnect.tasksync.emulator.org.SeedData;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.DefaultSalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.RetryPolicy;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceAppConfig;
import com.salesconnect.tasksync.salesforce.SalesforceHttp;
import com.salesconnect.tasksync.salesforce.SalesforceOAuth;
import com.salesconnect.tasksync.salesforce.Sleeper;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.dynamodb.DynamoDbStores;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The client wired as a function wires it (DynamoDB stores on the AWS engine, the template's KMS key,
 * {@link DefaultSalesforceApiFactory}), talking over HTTP to an embedded {@link SalesforceEmulator} that shares
 * its clock. Back-off waits are recorded, not slept, so retry tests stay fast and can check the bound.
 */
final class EmulatedSalesforce implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final URI REDIRECT_URI = URI.create("https://app.example.com/salesforce/callback");
    static final String DEMO = SeedData.DEMO_USERNAME;
    static final String SAM = SeedData.SECOND_USERNAME;
    private static final List<String> TABLES = List.of("TasksTable", "SyncTable");

    final MutableClock clock = MutableClock.fixed(T0);
    final AwsResources aws;
    final SalesforceEmulator sf;
    final DynamoDbStores stores;
    final KmsTokenCipher cipher;
    final RecordingSleeper sleeper = new RecordingSleeper();
    final RetryPolicy retry = RetryPolicy.DEFAULT;
    final SalesforceHttp http;
    final SalesforceOAuth oauth;
    final DefaultSalesforceApiFactory apis;
    /** A plain client for what a browser or an admin does (authorize, revoke): it never follows redirects. */
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    EmulatedSalesforce(AwsResources aws) {
        this(aws, c -> c);
    }

    EmulatedSalesforce(AwsResources aws, UnaryOperator<EmulatorConfig> customise) {
        this.aws = aws;
        emptyTables();
        stores = DynamoDbStores.create(aws.dynamoDb(), aws.tableName("TasksTable"), aws.tableName("SyncTable"), clock);
        cipher = new KmsTokenCipher(aws.kms(), aws.created().get("TokenKey").ref());
        try {
            sf = SalesforceEmulator.start(customise.apply(EmulatorConfig.forTests(clock)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http = new SalesforceHttp(SalesforceHttp.defaultClient(Duration.ofSeconds(2)), retry,
                sleeper, new Random(7), clock, Duration.ofSeconds(10));
        oauth = new SalesforceOAuth(new SalesforceAppConfig(URI.create(sf.baseUrl()), sf.connectedApp().clientId(),
                sf.connectedApp().clientSecret(), REDIRECT_URI, "62.0"), http);
        apis = new DefaultSalesforceApiFactory(http, oauth, cipher, stores.connections(), stores.orgLimits(),
                stores.accessTokens());
    }

    /**
     * Every test starts from empty tables (the engine gives a class its tables, and the emulator's ids repeat from
     * one instance to the next, so items of an earlier test would route its org and users).
     */
    private void emptyTables() {
        for (String table : TABLES) {
            String name = aws.tableName(table);
            List<String> keyNames = aws.dynamoDb().describeTable(r -> r.tableName(name)).table().keySchema().stream()
                    .map(k -> k.attributeName()).toList();
            aws.dynamoDb().scanPaginator(r -> r.tableName(name)).items().forEach(item -> {
                Map<String, AttributeValue> key = new HashMap<>();
                keyNames.forEach(k -> key.put(k, item.get(k)));
                aws.dynamoDb().deleteItem(r -> r.tableName(name).key(key));
            });
        }
    }

    /** Every item of both tables. */
    List<Map<String, AttributeValue>> allItems() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (String table : TABLES) {
            aws.dynamoDb().scanPaginator(r -> r.tableName(aws.tableName(table))).items().forEach(items::add);
        }
        return items;
    }

    /** Items of both tables in which some string attribute holds {@code secret}. */
    List<Map<String, AttributeValue>> itemsContaining(String secret) {
        return allItems().stream()
                .filter(item -> item.values().stream().anyMatch(v -> v.s() != null && v.s().contains(secret)))
                .toList();
    }

    static String uniqueUser() {
        return "user-" + UUID.randomUUID();
    }

    /**
     * Stores a CONNECTED connection of {@code userId} as the emulator user {@code username}, from a password grant
     * (the emulator's shortcut for a completed web-server flow): refresh token encrypted, as ConnectService does.
     */
    SalesforceConnection connect(String userId, String username) {
        Map<String, String> tokens = sf.login(username);
        String refreshToken = tokens.get("refresh_token");
        long version = stores.connections().get(UserId.of(userId)).map(SalesforceConnection::version).orElse(0L);
        return stores.connections().save(new SalesforceConnection(userId, sf.org().id(), sfUserId(username),
                tokens.get("instance_url"), cipher.encrypt(refreshToken, TokenContext.refreshToken(userId)),
                ConnectionState.CONNECTED, clock.instant(), null, version));
    }

    /** {@link #connect} and {@link #api}; the emulator is stopped when that fails, as no test will stop it then. */
    SalesforceApi connectedApi(String userId, String username) {
        try {
            connect(userId, username);
            return api(userId);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The API of a stored connection, opened by the factory as the functions open it. */
    SalesforceApi api(String userId) {
        return apis.forConnection(stores.connections().get(UserId.of(userId)).orElseThrow());
    }

    /**
     * The API of a stored connection as another container opens it: its own HTTP client (with this request
     * timeout) and factory, sharing only the stores.
     */
    SalesforceApi apiInAnotherContainer(String userId, Duration requestTimeout) {
        SalesforceHttp otherHttp = new SalesforceHttp(SalesforceHttp.defaultClient(Duration.ofSeconds(2)), retry,
                sleeper, new Random(11), clock, requestTimeout);
        SalesforceOAuth otherOAuth = new SalesforceOAuth(oauth.config(), otherHttp);
        return new DefaultSalesforceApiFactory(otherHttp, otherOAuth, cipher, stores.connections(), stores.orgLimits(),
                stores.accessTokens()).forConnection(stores.connections().get(UserId.of(userId)).orElseThrow());
    }

    String sfUserId(String username) {
        return sf.org().user(username).id();
    }

    long apiCallsUsed() {
        return sf.org().apiUsage().used();
    }

    /** The refresh token a user's connection holds, decrypted as only the sync itself can. */
    String storedRefreshToken(String userId) {
        return cipher.decrypt(stores.connections().get(UserId.of(userId)).orElseThrow().encryptedRefreshToken(),
                TokenContext.refreshToken(userId));
    }

    /** What a user does under Setup, Connected Apps OAuth Usage, Revoke: {@code POST /services/oauth2/revoke}. */
    HttpResponse<String> revoke(String token) {
        return post("/services/oauth2/revoke", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    HttpResponse<String> post(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(sf.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sf.close();
    }

    /** Records each back-off wait instead of sleeping it. */
    static final class RecordingSleeper implements Sleeper {
        private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }

        List<Duration> waits() {
            return List.copyOf(waits);
        }
    }
}
