package com.salesconnect.tasksync.wiring;

import com.salesconnect.tasksync.sync.ChangeEventPace;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.crypto.KmsTokenCipher;
import com.salesconnect.tasksync.crypto.TokenCipher;
import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.events.EventBridgeSyncEventPublisher;
import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.salesforce.ClientSecret;
import com.salesconnect.tasksync.salesforce.DefaultSalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.SalesforceHttp;
import com.salesconnect.tasksync.salesforce.SalesforceOAuth;
import com.salesconnect.tasksync.salesforce.SharedSessionApiFactory;
import com.salesconnect.tasksync.store.OAuthStateStore;
import com.salesconnect.tasksync.store.dynamodb.DynamoDbStores;
import com.salesconnect.tasksync.store.dynamodb.DynamoDbWarmUp;
import com.salesconnect.tasksync.sync.SyncStores;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The adapters of a deployed function: DynamoDB, KMS, EventBridge and Secrets Manager clients on the
 * url-connection HTTP client (one shared instance), region from AWS_REGION, endpoint from AWS_ENDPOINT_URL when set
 * (moto, LocalStack), credentials from the default chain, or the static ones the local runtime passes in its
 * lookup. Each client is built when first used (its environment variable is read when a handler first asks for the
 * port it serves, so a missing one still fails the start); building one opens no connection. In a Lambda execution
 * environment started on demand, the clients a handler's first request needs are built ahead of it on a daemon
 * thread ({@link Prebuild}), and the DynamoDB client's request path is warmed up there by one read
 * ({@link DynamoDbWarmUp}).
 */
final class AwsAdapters implements SyncAdapters {

    /**
     * The refresh-token grant sends no redirect URI, but SalesforceAppConfig requires one: the API factory's
     * config carries a reserved {@code .invalid} host (RFC 2606) that nothing ever contacts.
     */
    static final URI NO_REDIRECT = URI.create("https://refresh-only.invalid/settings/salesforce/callback");

    private final Environment env;
    private final Clock clock;
    private final Prebuild prebuild;

    /**
     * The AWS clients' HTTP client, one per process: it holds no connection of its own, and a handler's class
     * starts building it ({@link SyncComponents#prebuildAwsHttpClient}) before its logging starts.
     */
    static final Lazy<SdkHttpClient> HTTP = Lazy.of(AwsAdapters::httpClient);
    private final Lazy<Region> region;
    private final Lazy<Optional<URI>> endpoint;
    private final Lazy<AwsCredentialsProvider> credentials;
    private final Lazy<DynamoDbStores> dynamoDbStores;
    private final Lazy<SyncStores> stores;
    private final Lazy<TokenCipher> cipher;
    private final Lazy<SyncEventPublisher> events;
    private final Lazy<SalesforceHttp> salesforceHttp;
    private final Lazy<SalesforceApp> salesforceApp;
    private final Lazy<SalesforceApiFactory> salesforceApis;
    private final Lazy<SalesforceApiFactory> sharedSessionApis;
    private final Lazy<Optional<URI>> publicBaseUrl;
    private final Lazy<URI> settingsPageUrl;

    AwsAdapters(Environment env, Clock clock) {
        this(env, clock, Prebuild.forThisProcess());
    }

    AwsAdapters(Environment env, Clock clock, Prebuild prebuild) {
        this.env = env;
        this.clock = clock;
        this.prebuild = prebuild;
        this.region = Lazy.of(() -> Region.of(env.required("AWS_REGION")));
        this.endpoint = Lazy.of(() -> env.optionalUrl("AWS_ENDPOINT_URL"));
        this.credentials = Lazy.of(this::credentialsProvider);
        this.dynamoDbStores = Lazy.of(() -> {
            DynamoDbClient dynamoDb = client(DynamoDbClient.builder());
            String tasksTable = env.required("TASKS_TABLE");
            String syncTable = env.required("SYNC_TABLE");
            // Every handler's first request reads DynamoDB first: its request path warmed up beside the handler's start
            // (once both tables are configured: a start that fails on a missing one sends nothing).
            prebuild.run("dynamodb-warm-up", () -> DynamoDbWarmUp.read(dynamoDb, syncTable));
            return DynamoDbStores.create(dynamoDb, tasksTable, syncTable, clock);
        });
        this.stores = Lazy.of(() -> {
            DynamoDbStores d = dynamoDbStores.get();
            return new SyncStores(d.tasks(), d.links(), d.settings(), d.connections(), d.pendingPushes(),
                    d.conflicts(), d.notifications(), d.orgLimits(), d.orgProbes(), d.webhooks(), d.health(),
                    d.userConfigs(), d.orgReadAhead(), d.taskLinkReads(), d.pendingReadAhead());
        });
        this.cipher = Lazy.of(this::kmsCipher);
        this.events = Lazy.of(this::eventBridgePublisher);
        this.salesforceHttp = Lazy.of(() -> SalesforceHttp.standard(clock));
        this.salesforceApp = Lazy.of(() -> SalesforceApp.from(env, this::secretsManagerSecret));
        this.salesforceApis = Lazy.of(this::sessionRenewingApiFactory);
        this.sharedSessionApis = Lazy.of(this::sharedSessionApiFactory);
        this.publicBaseUrl = Lazy.of(() -> env.optionalUrl("PUBLIC_BASE_URL"));
        this.settingsPageUrl = Lazy.of(() -> env.requiredUrl("SETTINGS_PAGE_URL"));
        // Every handler calls Salesforce (its HTTP client is built at the handler's start): built beside the
        // DynamoDB client rather than after it.
        prebuild.start("salesforce-http", salesforceHttp);
    }

    @Override
    public SyncStores stores() {
        return stores.get();
    }

    @Override
    public OAuthStateStore oauthStates() {
        return dynamoDbStores.get().oauthStates();
    }

    @Override
    public TokenCipher tokenCipher() {
        return cipher.get();
    }

    @Override
    public SyncEventPublisher events() {
        return events.get();
    }

    @Override
    public SalesforceApiFactory salesforceApis() {
        return salesforceApis.get();
    }

    @Override
    public SalesforceApiFactory sharedSessionApis() {
        return sharedSessionApis.get();
    }

    @Override
    public SalesforceOAuth salesforceOAuth(URI redirectUri) {
        return new SalesforceOAuth(salesforceApp.get().config(redirectUri), salesforceHttp.get());
    }

    @Override
    public Optional<URI> publicBaseUrl() {
        return publicBaseUrl.get();
    }

    @Override
    public URI settingsPageUrl() {
        return settingsPageUrl.get();
    }

    /** {@code SALESFORCE_API_BUDGET_PERCENT} (template parameter SalesforceApiBudgetPercent, 10 by default). */
    @Override
    public double apiBudgetCeiling() {
        String percent = env.required("SALESFORCE_API_BUDGET_PERCENT");
        try {
            double value = Double.parseDouble(percent.trim());
            if (value > 0 && value <= 100) {
                return value / 100;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("environment variable SALESFORCE_API_BUDGET_PERCENT must be a percentage"
                + " above 0 and at most 100");
    }

    /**
     * {@code CHANGE_EVENT_SWEEP_MINUTES} and {@code CHANGE_EVENT_QUIET_HOURS} (template parameters
     * ChangeEventSweepMinutes and ChangeEventQuietHours), read where the sweep is built.
     */
    @Override
    public ChangeEventPace changeEventPace() {
        return new ChangeEventPace(
                Duration.ofMinutes(whole("CHANGE_EVENT_SWEEP_MINUTES", env.required("CHANGE_EVENT_SWEEP_MINUTES"))),
                Duration.ofHours(whole("CHANGE_EVENT_QUIET_HOURS", env.required("CHANGE_EVENT_QUIET_HOURS"))));
    }

    private static long whole(String name, String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("environment variable " + name + " must be a whole number above 0");
    }

    /*
     * Each service's client is built in a method whose signature names only the port it serves: a function's jar
     * holds the SDK modules of the services its handler calls and no others (see the function modules' poms),
     * and the JVM loads a service's classes only when such a method runs, never when this class is loaded.
     */

    /** Reads TOKEN_KEY_ID now (a missing one fails the start); builds the KMS client at the first use. */
    private TokenCipher kmsCipher() {
        String keyId = env.required("TOKEN_KEY_ID");
        Lazy<TokenCipher> kms = Lazy.of(() -> new KmsTokenCipher(client(KmsClient.builder()), keyId));
        // Every handler's first request decrypts a token (a refresh, access or webhook token).
        prebuild.start("kms", kms);
        return new TokenCipher() {
            @Override
            public String encrypt(String plaintext, TokenContext context) {
                return kms.get().encrypt(plaintext, context);
            }

            @Override
            public String decrypt(String ciphertext, TokenContext context) {
                return kms.get().decrypt(ciphertext, context);
            }
        };
    }

    /** Reads EVENT_BUS_NAME now (a missing one fails the start); builds the EventBridge client at the first publish. */
    private SyncEventPublisher eventBridgePublisher() {
        String busName = env.required("EVENT_BUS_NAME");
        Lazy<SyncEventPublisher> bus = Lazy.of(() -> new EventBridgeSyncEventPublisher(
                client(EventBridgeClient.builder()), busName, new ObjectMapper()));
        return new SyncEventPublisher() {
            @Override
            public void syncEnabled(String userId, Instant enabledAt) {
                bus.get().syncEnabled(userId, enabledAt);
            }

            @Override
            public void sweepRequested(List<String> userIds, Instant scheduledAt) {
                bus.get().sweepRequested(userIds, scheduledAt);
            }
        };
    }

    /** The client is built at the secret's first read (an OAuth call), not before. */
    private ClientSecret secretsManagerSecret(String secretId) {
        Lazy<SecretsManagerClient> client = Lazy.of(() -> client(SecretsManagerClient.builder()));
        return new SecretsManagerClientSecret(client, secretId, SalesforceApp.CLIENT_SECRET_VARIABLE);
    }

    /**
     * Renews sessions with the connected app. A container's first call for a user starts with the access token
     * shared for the connection, so the app's secret (and the Secrets Manager client) is read only at a renewal:
     * not built ahead.
     */
    private SalesforceApiFactory sessionRenewingApiFactory() {
        return new DefaultSalesforceApiFactory(salesforceHttp.get(), salesforceOAuth(NO_REDIRECT), cipher.get(),
                stores.get().connections(), stores.get().orgLimits(), dynamoDbStores.get().accessTokens());
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(20))
                .build();
    }

    /** Needs no connected app: no login URL, client id or secret (salesforce-inbound never renews a session). */
    private SalesforceApiFactory sharedSessionApiFactory() {
        try {
            return new SharedSessionApiFactory(salesforceHttp.get(), SalesforceApp.apiVersion(env), cipher.get(),
                    dynamoDbStores.get().accessTokens(), stores.get().orgLimits());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("SALESFORCE_API_VERSION", "is not usable: " + e.getMessage());
        }
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        builder.region(region.get()).credentialsProvider(credentials.get()).httpClient(HTTP.get())
                // Bounded, so a slow AWS call cannot use up an invocation that must still store its outcome.
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(10))
                        .apiCallAttemptTimeout(Duration.ofSeconds(4)));
        endpoint.get().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The default chain, which in Lambda reads the function's role credentials (from the environment, or from
     * the container endpoint under SnapStart, so none are frozen into the snapshot). The local runtime passes
     * its engine's static keys through the lookup instead of the process environment.
     */
    private AwsCredentialsProvider credentialsProvider() {
        Optional<String> accessKey = env.optional("AWS_ACCESS_KEY_ID");
        if (accessKey.isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String secret = env.required("AWS_SECRET_ACCESS_KEY");
        Optional<String> session = env.optional("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(session.isPresent()
                ? AwsSessionCredentials.create(accessKey.get(), secret, session.get())
                : AwsBasicCredentials.create(accessKey.get(), secret));
    }
}
