package com.salesconnect.tasksync.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.crypto.KmsTokenCipher;
import com.salesconnect.tasksync.crypto.TokenCipher;
import com.salesconnect.tasksync.events.EventBridgeSyncEventPublisher;
import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.salesforce.DefaultSalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.SalesforceHttp;
import com.salesconnect.tasksync.salesforce.SalesforceOAuth;
import com.salesconnect.tasksync.store.OAuthStateStore;
import com.salesconnect.tasksync.store.dynamodb.DynamoDbStores;
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

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The adapters of a deployed function: DynamoDB, KMS and EventBridge clients on the url-connection HTTP client
 * (one shared instance), region from AWS_REGION, endpoint from AWS_ENDPOINT_URL when set (moto, LocalStack),
 * credentials from the default chain, or the static ones the local runtime passes in its lookup. Each client is
 * built when first needed; building one opens no connection.
 */
final class AwsAdapters implements SyncAdapters {

    /**
     * The refresh-token grant sends no redirect URI, but SalesforceAppConfig requires one: the API factory's
     * config carries a reserved {@code .invalid} host (RFC 2606) that nothing ever contacts.
     */
    static final URI NO_REDIRECT = URI.create("https://refresh-only.invalid/settings/salesforce/callback");

    private final Environment env;
    private final Clock clock;

    private final Lazy<SdkHttpClient> http = Lazy.of(() -> UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(3))
            .socketTimeout(Duration.ofSeconds(20))
            .build());
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
    private final Lazy<Optional<URI>> publicBaseUrl;
    private final Lazy<URI> settingsPageUrl;

    AwsAdapters(Environment env, Clock clock) {
        this.env = env;
        this.clock = clock;
        this.region = Lazy.of(() -> Region.of(env.required("AWS_REGION")));
        this.endpoint = Lazy.of(() -> env.optionalUrl("AWS_ENDPOINT_URL"));
        this.credentials = Lazy.of(this::credentialsProvider);
        this.dynamoDbStores = Lazy.of(() -> DynamoDbStores.create(
                client(DynamoDbClient.builder()), env.required("TASKS_TABLE"), env.required("SYNC_TABLE"), clock));
        this.stores = Lazy.of(() -> {
            DynamoDbStores d = dynamoDbStores.get();
            return new SyncStores(d.tasks(), d.links(), d.settings(), d.connections(), d.pendingPushes(),
                    d.conflicts(), d.notifications(), d.orgLimits(), d.webhooks());
        });
        this.cipher = Lazy.of(() -> new KmsTokenCipher(client(KmsClient.builder()), env.required("TOKEN_KEY_ID")));
        this.events = Lazy.of(() -> new EventBridgeSyncEventPublisher(client(EventBridgeClient.builder()),
                env.required("EVENT_BUS_NAME"), new ObjectMapper()));
        this.salesforceHttp = Lazy.of(() -> SalesforceHttp.standard(clock));
        this.salesforceApp = Lazy.of(() -> SalesforceApp.from(env));
        this.salesforceApis = Lazy.of(() -> new DefaultSalesforceApiFactory(salesforceHttp.get(),
                salesforceOAuth(NO_REDIRECT), cipher.get(), stores.get().connections(), stores.get().orgLimits()));
        this.publicBaseUrl = Lazy.of(() -> env.optionalUrl("PUBLIC_BASE_URL"));
        this.settingsPageUrl = Lazy.of(() -> env.requiredUrl("SETTINGS_PAGE_URL"));
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

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        builder.region(region.get()).credentialsProvider(credentials.get()).httpClient(http.get())
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
