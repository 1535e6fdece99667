package com.salesconnect.tasksync.wiring;

import com.salesconnect.tasksync.crypto.TokenCipher;
import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.rules.CommandCenter;
import com.salesconnect.tasksync.salesforce.OutboundMessageCodec;
import com.salesconnect.tasksync.store.OAuthStateStore;
import com.salesconnect.tasksync.sync.ChangeEventSync;
import com.salesconnect.tasksync.sync.ConnectService;
import com.salesconnect.tasksync.sync.InboundSync;
import com.salesconnect.tasksync.sync.OutboundSync;
import com.salesconnect.tasksync.sync.SettingsService;
import com.salesconnect.tasksync.sync.SweepService;
import com.salesconnect.tasksync.sync.SyncHealthService;
import com.salesconnect.tasksync.sync.SyncStores;
import com.salesconnect.tasksync.sync.TaskService;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The sync services of one container, wired by hand (no DI framework) and built once: a handler's constructor
 * asks for the services it uses, which builds them and their adapters then, so a missing environment variable
 * fails the function's start with the variable's name. What a handler never asks for is never built or read.
 */
public final class SyncComponents {

    /** The route Salesforce sends the browser back to after the user granted access. */
    public static final String CALLBACK_PATH = "/settings/salesforce/callback";
    /** Connects made through one base URL expire after 10 minutes; a container sees only a few domains. */
    private static final int MAX_BASE_URLS = 16;

    private final SyncAdapters adapters;
    private final Clock clock;
    private final Lazy<OutboundMessageCodec> codec = Lazy.of(OutboundMessageCodec::new);
    private final Lazy<SettingsService> settingsService;
    private final Lazy<TaskService> taskService;
    private final Lazy<CommandCenter> commandCenter;
    private final Lazy<InboundSync> inboundSync;
    private final Lazy<ChangeEventSync> changeEventSync;
    private final Lazy<OutboundSync> outboundSync;
    private final Lazy<SweepService> sweepService;
    private final Lazy<SyncHealthService> syncHealth;
    private final Lazy<SecureRandom> random = Lazy.of(SecureRandom::new);
    private final Map<URI, ConnectService> connectServices = new ConcurrentHashMap<>();

    /**
     * Starts building the AWS clients' HTTP client (its TLS context) on a daemon thread, in a Lambda execution
     * environment started on demand ({@link Prebuild}). A handler calls it first in its class initialisation, so the
     * build runs beside the start of its logging instead of after it, in the handler's constructor.
     */
    public static void prebuildAwsHttpClient() {
        Prebuild.forThisProcess().start("aws-http", AwsAdapters.HTTP);
    }

    public SyncComponents(SyncAdapters adapters, Clock clock) {
        this.adapters = Objects.requireNonNull(adapters, "adapters");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settingsService = Lazy.of(() -> SettingsService.withApiBudget(stores().settings(),
                stores().connections(), adapters.events(), clock, stores().orgLimits(), adapters.apiBudgetCeiling()));
        this.taskService = Lazy.of(() -> new TaskService(stores().tasks(), clock, () -> UUID.randomUUID().toString()));
        this.commandCenter = Lazy.of(() -> new CommandCenter(stores().tasks(), stores().settings(), clock));
        // The internet-facing function: Salesforce only through the shared access token, never a session renewal.
        this.inboundSync = Lazy.of(() -> new InboundSync(stores(), adapters.sharedSessionApis(), clock));
        this.changeEventSync = Lazy.of(() -> new ChangeEventSync(stores(), adapters.sharedSessionApis(), clock));
        this.outboundSync = Lazy.of(() -> new OutboundSync(stores(), adapters.salesforceApis(), clock,
                adapters.apiBudgetCeiling()));
        this.sweepService = Lazy.of(() -> new SweepService(stores(), adapters.salesforceApis(), adapters.events(),
                clock, adapters.apiBudgetCeiling(), adapters.changeEventPace()));
        this.syncHealth = Lazy.of(() -> new SyncHealthService(stores()));
    }

    /**
     * The deployed wiring: AWS clients and DynamoDB stores, KMS, EventBridge and Salesforce from the environment
     * variables template.yaml declares (see {@link AwsAdapters} and {@link SalesforceApp}).
     *
     * @param env a lookup of environment variables ({@code System::getenv} in Lambda)
     */
    public static SyncComponents fromEnvironment(Function<String, String> env, Clock clock) {
        return new SyncComponents(new AwsAdapters(new Environment(env), clock), clock);
    }

    public Clock clock() {
        return clock;
    }

    public SyncStores stores() {
        return adapters.stores();
    }

    public OAuthStateStore oauthStates() {
        return adapters.oauthStates();
    }

    /** Encrypts refresh and webhook tokens (KMS in AWS). */
    public TokenCipher tokenCipher() {
        return adapters.tokenCipher();
    }

    public SyncEventPublisher events() {
        return adapters.events();
    }

    public OutboundMessageCodec outboundMessageCodec() {
        return codec.get();
    }

    /** The Settings page's sync health (reads only). */
    public SyncHealthService syncHealth() {
        return syncHealth.get();
    }

    public SettingsService settingsService() {
        return settingsService.get();
    }

    /** The Sales Connect side of tasks (the local runtime's stand-in for the Sales Connect app). */
    public TaskService taskService() {
        return taskService.get();
    }

    public CommandCenter commandCenter() {
        return commandCenter.get();
    }

    public InboundSync inboundSync() {
        return inboundSync.get();
    }

    /** Salesforce change events (Event Relay): like {@link #inboundSync()}, Salesforce through the shared token. */
    public ChangeEventSync changeEventSync() {
        return changeEventSync.get();
    }

    public OutboundSync outboundSync() {
        return outboundSync.get();
    }

    public SweepService sweepService() {
        return sweepService.get();
    }

    /** PUBLIC_BASE_URL when set; empty means "the domain name of each request". */
    public Optional<URI> publicBaseUrl() {
        return adapters.publicBaseUrl();
    }

    public URI settingsPageUrl() {
        return adapters.settingsPageUrl();
    }

    /** Checks the connected app's settings now (at a handler's start) rather than at the first connect. */
    public void requireSalesforceApp() {
        adapters.salesforceOAuth(URI.create("https://configuration-check.invalid" + CALLBACK_PATH));
    }

    /**
     * The connect flow for the API reached at {@code publicBaseUrl}: the OAuth redirect URI is
     * {@code <base>/settings/salesforce/callback} and the webhook URL {@code <base>/salesforce/outbound-messages/..}.
     */
    public ConnectService connectService(URI publicBaseUrl) {
        URI base = withoutTrailingSlash(Objects.requireNonNull(publicBaseUrl, "publicBaseUrl"));
        ConnectService cached = connectServices.get(base);
        if (cached != null) {
            return cached;
        }
        if (connectServices.size() >= MAX_BASE_URLS) {
            connectServices.clear();
        }
        return connectServices.computeIfAbsent(base, b -> new ConnectService(
                adapters.salesforceOAuth(URI.create(b + CALLBACK_PATH)), oauthStates(), stores().connections(),
                settingsService(), stores().webhooks(), adapters.tokenCipher(), clock, random.get(), b));
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
