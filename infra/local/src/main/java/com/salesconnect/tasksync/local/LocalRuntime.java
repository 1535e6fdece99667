package com.salesconnect.tasksync.local;

import com.salesconnect.tasksync.awsengine.CreatedResource;
import com.salesconnect.tasksync.awsengine.CreatedResources;
import com.salesconnect.tasksync.awsengine.TemplateResources;
import com.salesconnect.tasksync.emulator.EmulatorConfig;
import com.salesconnect.tasksync.emulator.SalesforceEmulator;
import com.salesconnect.tasksync.emulator.cdc.ChangeEventRelay;
import com.salesconnect.tasksync.emulator.org.ConnectedApp;
import com.salesconnect.tasksync.emulator.org.SeedData;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.local.app.LocalControl;
import com.salesconnect.tasksync.local.app.SalesConnectApp;
import com.salesconnect.tasksync.local.app.SharedClock;
import com.salesconnect.tasksync.local.app.StaticPages;
import com.salesconnect.tasksync.local.http.LocalServer;
import com.salesconnect.tasksync.local.http.Request;
import com.salesconnect.tasksync.local.http.Response;
import com.salesconnect.tasksync.local.http.Route;
import com.salesconnect.tasksync.local.lambda.HandlerFactory;
import com.salesconnect.tasksync.local.lambda.LocalFunction;
import com.salesconnect.tasksync.local.seed.DemoConnection;
import com.salesconnect.tasksync.local.seed.DemoData;
import com.salesconnect.tasksync.local.template.Intrinsics;
import com.salesconnect.tasksync.local.template.SamTemplate;
import com.salesconnect.tasksync.rules.CommandCenter;
import com.salesconnect.tasksync.store.dynamodb.DynamoDbStores;
import com.salesconnect.tasksync.sync.TaskService;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The whole system on one machine: an AWS engine with template.yaml's resources, the Salesforce emulator (or a
 * real org), the four functions behind the triggers the template gives them, the Sales Connect stand-in and the
 * pages, on one HTTP port. {@link #main} prints {@code READY app=<url> salesforce=<url>} when everything answers,
 * and Ctrl-C / SIGTERM stops it all (moto_server by its process id).
 */
public final class LocalRuntime implements AutoCloseable {

    static final String EVENT_RELAY_PARAMETER = "SalesforceEventRelayBusName";
    static final String LOG_LEVEL_PARAMETER = "LogLevel";
    /** The local stand-in for Event Relay's partner event bus. */
    static final String LOCAL_EVENT_RELAY_BUS = "salesforce-event-relay";

    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);
    private static final String BUNDLED_TEMPLATE = "/tasksync/template.yaml";
    /** The template's Secrets Manager secret holding the connected app's consumer secret. */
    private static final String CLIENT_SECRET_RESOURCE = "SalesforceClientSecret";

    private final List<AutoCloseable> parts = new ArrayList<>();
    private final SharedClock clock = new SharedClock();
    private final AtomicReference<List<Route>> routes = new AtomicReference<>(List.of());
    private URI appUrl;
    private URI salesforceUrl;
    private SalesforceEmulator emulator;
    private CompletableFuture<AwsSide> awsStart;
    private AwsSide aws;
    private String syncTable;
    private CreatedResources resources;
    private Map<String, LocalFunction> functions = Map.of();
    private DynamoDbStores stores;

    private LocalRuntime() {
    }

    public static void main(String[] args) {
        LocalOptions options;
        try {
            options = LocalOptions.parse(args, System::getenv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LocalOptions.USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        LocalRuntime runtime;
        try {
            runtime = start(options, System::getenv);
        } catch (RuntimeException e) {
            Optional<String> fixable = StartupProblem.explain(e, options);
            if (fixable.isPresent()) {
                System.err.println("the local runtime did not start: " + fixable.get());
            } else {
                LOG.error("the local runtime did not start", e);
            }
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "local-runtime-shutdown"));
        System.out.println("READY app=" + runtime.appUrl() + " salesforce=" + runtime.salesforceUrl());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a run whose functions are made as their Lambda would make them (see {@link SyncComponentsHandlers}). */
    public static LocalRuntime start(LocalOptions options, Function<String, String> env) {
        return start(options, env, UnaryOperator.identity());
    }

    /**
     * As {@link #start(LocalOptions, Function)}, with the embedded Salesforce emulator's configuration adjusted
     * first (a benchmark's orgs and users, a higher daily API limit); unused when a real org is configured.
     */
    public static LocalRuntime start(LocalOptions options, Function<String, String> env,
                                     UnaryOperator<EmulatorConfig> emulatorConfig) {
        LocalRuntime runtime = new LocalRuntime();
        return runtime.startWith(options, env, new SyncComponentsHandlers(runtime.clock.clock()), emulatorConfig);
    }

    /**
     * Starts everything and returns when it is ready; on failure whatever was started is stopped again.
     *
     * @param env the environment (TASKSYNC_AWS_ENDPOINT, a real org's SALESFORCE_* settings, AWS credentials)
     */
    public static LocalRuntime start(LocalOptions options, Function<String, String> env, HandlerFactory handlers) {
        return new LocalRuntime().startWith(options, env, handlers, UnaryOperator.identity());
    }

    private LocalRuntime startWith(LocalOptions options, Function<String, String> env, HandlerFactory handlers,
                                   UnaryOperator<EmulatorConfig> emulatorConfig) {
        try {
            boot(options, env, handlers, emulatorConfig);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /**
     * {@code --param LogLevel=X} sets the level of the run's log. In Lambda the parameter becomes each function's
     * LOG_LEVEL; here the functions run in-process and share the run's log (whose level is LOG_LEVEL otherwise).
     */
    static void applyLogLevel(Map<String, String> parameters) {
        String level = parameters.get(LOG_LEVEL_PARAMETER);
        if (level != null) {
            Configurator.setRootLevel(Level.toLevel(level, Level.INFO));
        }
    }

    private void boot(LocalOptions options, Function<String, String> env, HandlerFactory handlers,
                      UnaryOperator<EmulatorConfig> emulatorConfig) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path templateFile = templateFile(options);
        SamTemplate template = SamTemplate.load(templateFile);
        StartupProblem.checkParameters(template.parameters(), options.parameters());
        applyLogLevel(options.parameters());
        awsStart = CompletableFuture.supplyAsync(() -> AwsSide.start(options.awsEndpoint(), env));
        TemplateResources templateResources = TemplateResources.load(templateFile);

        LocalServer server = LocalServer.start(options.host(), options.port(), List.of(this::dispatch));
        parts.add(server);
        appUrl = URI.create("http://" + displayHost(options.host()) + ":" + server.port());

        DemoData demo = new DemoData(clock.clock());
        Map<String, String> parameters = new LinkedHashMap<>();
        template.parameters().values().forEach(p -> {
            if (p.defaultValue() != null) {
                parameters.put(p.name(), p.defaultValue());
            }
        });
        parameters.put("JwtIssuer", appUrl + "/dev-issuer");
        parameters.put("JwtAudience", "tasksync-local");
        parameters.put("PublicBaseUrl", appUrl.toString());
        parameters.put("SettingsPageUrl", appUrl + "/");
        String clientSecret;
        if (options.salesforceOrg().isPresent()) {
            LocalOptions.SalesforceOrg org = options.salesforceOrg().get();
            salesforceUrl = org.loginUrl();
            parameters.put("SalesforceLoginUrl", org.loginUrl().toString());
            parameters.put("SalesforceClientId", org.clientId());
            clientSecret = org.clientSecret();
        } else {
            emulator = SalesforceEmulator.start(emulatorConfig.apply(EmulatorConfig.defaults()
                    .withPort(options.salesforcePort()).withBindAddress(options.host()).withClock(clock.clock())
                    .withOpenPasswordGrant(true)
                    .withSeed(options.seed() ? demo.emulatorSeed() : demoOrgWithoutTasks(demo))));
            parts.add(emulator);
            salesforceUrl = URI.create(emulator.baseUrl());
            ConnectedApp app = emulator.connectedApp();
            parameters.put("SalesforceLoginUrl", emulator.baseUrl());
            parameters.put("SalesforceClientId", app.clientId());
            clientSecret = app.clientSecret();
        }
        // Change events are on by default locally: a plain bus stands in for Event Relay's partner bus (moto cannot
        // put rules on a partner bus); --param SalesforceEventRelayBusName= turns them off.
        parameters.put(EVENT_RELAY_PARAMETER, LOCAL_EVENT_RELAY_BUS);
        parameters.putAll(options.parameters());

        aws = join(awsStart);
        parts.add(aws);
        resources = aws.createResources(templateResources);
        String relayBus = parameters.getOrDefault(EVENT_RELAY_PARAMETER, "");
        if (!relayBus.isEmpty()) {
            createBus(relayBus);
        }
        putClientSecret(clientSecret);
        String region = aws.clients().region().id();
        Intrinsics intrinsics = new Intrinsics(parameters, Map.of(
                "AWS::Region", region,
                "AWS::AccountId", FunctionWiring.ACCOUNT,
                "AWS::StackName", "tasksync-local",
                "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com"),
                id -> Optional.ofNullable(resources.byLogicalId().get(id)).map(CreatedResource::ref),
                (id, attribute) -> Optional.ofNullable(resources.byLogicalId().get(id))
                        .map(r -> r.attributes().get(attribute)));

        Map<String, String> awsEnvironment = awsEnvironment(region);
        FunctionWiring wiring = FunctionWiring.wire(template, intrinsics, resources, aws.clients(), awsEnvironment,
                handlers, clock.clock());
        parts.add(wiring);
        if (emulator != null && !relayBus.isEmpty()) {
            AwsCredentials credentials = aws.clients().credentials().resolveCredentials();
            emulator.changeEvents().relayTo(new ChangeEventRelay.Target(aws.clients().endpoint(), region, relayBus,
                    credentials.accessKeyId(), credentials.secretAccessKey()));
            LOG.info("Salesforce change events: emulator -> EventBridge bus {} -> salesforce-inbound", relayBus);
        }
        this.functions = Map.copyOf(wiring.functions());
        // Every function gets one warm execution environment while the rest starts up.
        CompletableFuture<?>[] warming = wiring.functions().values().stream()
                .map(f -> CompletableFuture.runAsync(f::prewarm)).toArray(CompletableFuture[]::new);

        Map<String, String> shared = new LinkedHashMap<>();
        template.globalEnvironment().forEach((name, value) -> shared.put(name, intrinsics.resolve(value)));
        syncTable = shared.get("SYNC_TABLE");
        stores = DynamoDbStores.create(aws.clients().dynamoDb(), shared.get("TASKS_TABLE"), syncTable,
                clock.clock());
        TaskService tasks = new TaskService(stores.tasks(), clock.clock(), () -> UUID.randomUUID().toString());
        SalesConnectApp app = new SalesConnectApp(tasks, stores.tasks(), stores.links(),
                new CommandCenter(stores.tasks(), stores.settings(), clock.clock()));
        LocalControl control = new LocalControl(clock, wiring.sweeper(clock.clock()),
                Optional.ofNullable(emulator).map(e -> URI.create(e.baseUrl())), info());
        routes.set(List.of(wiring.gateway(Clock.systemUTC()), app, control, new StaticPages()));

        CompletableFuture.allOf(warming).join();
        if (options.seed()) {
            seed(demo, tasks);
        }
        LOG.info("ready in {} ms: app {} salesforce {}", (System.nanoTime() - started) / 1_000_000, appUrl,
                salesforceUrl);
    }

    /** The bus Event Relay would feed (a partner bus in AWS); created here as a plain bus on the engine. */
    private void createBus(String name) {
        try {
            aws.clients().eventBridge().createEventBus(r -> r.name(name));
        } catch (ResourceAlreadyExistsException alreadyThere) {
            // a shared engine kept it from an earlier run
        }
    }

    /**
     * What an operator does after deploying: the connected app's consumer secret goes into the template's (empty)
     * Secrets Manager secret, which the functions read by the ARN in SALESFORCE_CLIENT_SECRET_ARN.
     */
    private void putClientSecret(String clientSecret) {
        CreatedResource secret = resources.get(CLIENT_SECRET_RESOURCE);
        aws.clients().secretsManager().putSecretValue(r -> r.secretId(secret.ref()).secretString(clientSecret));
    }

    /** demo's Sales Connect tasks from before any sync, and demo's connection (only against the emulator). */
    private void seed(DemoData demo, TaskService tasks) throws IOException, InterruptedException {
        demo.salesConnectTasks().forEach(fields -> tasks.create(UserId.of(DemoData.SC_USER), fields));
        if (emulator == null) {
            LOG.info("a real Salesforce org: connect it on the Settings page ({})", appUrl);
            return;
        }
        DemoConnection.Connected connected = new DemoConnection(appUrl).connect(DemoData.SC_USER,
                DemoData.SF_USERNAME);
        emulator.org(connected.orgId()).setOutboundEndpoint(connected.webhookUrl());
        LOG.info("seeded: Sales Connect user {} connected to {} (org {})", DemoData.SC_USER, DemoData.SF_USERNAME,
                connected.orgId());
    }

    private Map<String, String> awsEnvironment(String region) {
        AwsCredentials credentials = aws.clients().credentials().resolveCredentials();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_ENDPOINT_URL", aws.clients().endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        return env;
    }

    private Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("app", appUrl.toString());
        info.put("salesforce", salesforceUrl.toString());
        info.put("emulator", emulator != null);
        info.put("salesConnectUsers", List.of(DemoData.SC_USER, "sam"));
        info.put("salesforceUsers", emulator == null ? List.of()
                : List.of(DemoData.SF_USERNAME, DemoData.SECOND_SF_USERNAME));
        // Where the operator tool (infra/ops/ops --local <app>) finds this run's AWS side; no credentials.
        Map<String, Object> awsSide = new LinkedHashMap<>();
        awsSide.put("endpoint", aws.clients().endpoint().toString());
        awsSide.put("region", aws.clients().region().id());
        awsSide.put("tasksTable", resources.get("TasksTable").ref());
        awsSide.put("syncTable", resources.get("SyncTable").ref());
        awsSide.put("bus", resources.get("SyncEventBus").ref());
        awsSide.put("streamFailureQueue", resources.get("StreamFailureQueue").ref());
        awsSide.put("changeEventFailureQueue", resources.get("ChangeEventFailureQueue").ref());
        awsSide.put("sweepFailureQueue", resources.get("SweepFailureQueue").ref());
        info.put("aws", awsSide);
        return info;
    }

    private Optional<Response> dispatch(Request request)
            throws Exception {
        List<Route> current = routes.get();
        if (current.isEmpty()) {
            return Optional.of(Response.error(503, "starting"));
        }
        for (Route route : current) {
            Optional<Response> response = route.handle(request);
            if (response.isPresent()) {
                return response;
            }
        }
        return Optional.empty();
    }

    private static SeedData demoOrgWithoutTasks(DemoData demo) {
        SeedData seed = demo.emulatorSeed();
        return seed.withOrgs(seed.orgs().stream().map(o -> o.withTasks(List.of())).toList());
    }

    /** --template / TASKSYNC_TEMPLATE, else template.yaml here or above, else the copy built into the jar. */
    private static Path templateFile(LocalOptions options) throws IOException {
        if (options.template().isPresent()) {
            return options.template().get();
        }
        try {
            return TemplateResources.locateTemplate(Path.of(""));
        } catch (IllegalStateException e) {
            try (InputStream bundled = LocalRuntime.class.getResourceAsStream(BUNDLED_TEMPLATE)) {
                if (bundled == null) {
                    throw e;
                }
                Path copy = Files.createTempFile("tasksync-template-", ".yaml");
                copy.toFile().deleteOnExit();
                Files.copy(bundled, copy, StandardCopyOption.REPLACE_EXISTING);
                return copy;
            }
        }
    }

    private static String displayHost(String host) {
        return host.equals("127.0.0.1") || host.equals("0.0.0.0") ? "localhost" : host;
    }

    private static AwsSide join(CompletableFuture<AwsSide> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    public URI appUrl() {
        return appUrl;
    }

    /** The emulator's base URL, or the real org's login URL. */
    public URI salesforceUrl() {
        return salesforceUrl;
    }

    public Optional<SalesforceEmulator> emulator() {
        return Optional.ofNullable(emulator);
    }

    public SharedClock clock() {
        return clock;
    }

    /** The template's functions by logical id (their {@link LocalFunction#stats()} say what they did). */
    public Map<String, LocalFunction> functions() {
        return functions;
    }

    /** The stores the Sales Connect stand-in reads and writes (the template's two tables). */
    public DynamoDbStores stores() {
        return stores;
    }

    /** The DynamoDB client of the run's AWS side (the stores' client), for tools that read items as stored. */
    public DynamoDbClient dynamoDb() {
        return aws.clients().dynamoDb();
    }

    /** The SyncTable's name (settings, connections, links, markers, ...). */
    public String syncTable() {
        return syncTable;
    }

    /** The moto_server this run started, if it started one. */
    public Optional<Long> motoPid() {
        return aws == null ? Optional.empty() : aws.enginePid();
    }

    /** Stops everything, newest first; safe to call twice. */
    @Override
    public synchronized void close() {
        routes.set(List.of());
        if (aws == null && awsStart != null) {
            // Start-up failed before the AWS side was taken over: stop it once it is up.
            try {
                parts.add(awsStart.join());
            } catch (CompletionException e) {
                LOG.debug("the AWS side did not start either", e);
            }
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed ({})", parts.get(i).getClass().getSimpleName(),
                        e.getClass().getSimpleName());
            }
        }
        parts.clear();
    }
}
