package com.salesconnect.tasksync.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.emulator.EmulatorConfig;
import com.salesconnect.tasksync.emulator.MutableClock;
import com.salesconnect.tasksync.emulator.SalesforceEmulator;
import com.salesconnect.tasksync.emulator.org.SeedData;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.SalesforceOAuth;
import com.salesconnect.tasksync.salesforce.WebhookTokens;
import com.salesconnect.tasksync.store.WebhookStore;
import com.salesconnect.tasksync.sync.ConnectService;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The whole sync against real engines, for the functions' ITs: the template's resources on moto (from
 * {@code @AwsEngineTest}), an embedded Salesforce emulator, and {@link SyncComponents} built by
 * {@link SyncComponents#fromEnvironment} from the environment a deployed function would get, pointed at both.
 * One clock (the emulator's, standing still until moved) is the time of both sides.
 *
 * <p>The facts the files in {@code events/} presuppose are constants here: the Sales Connect user {@code demo}
 * (the JWT {@code sub}), connected as the emulator's {@code demo@example.com} through the real OAuth flow, and the
 * org's webhook token that the outbound-message events carry in their path.
 */
public final class LiveSync implements AutoCloseable {

    /** The Sales Connect user of every event in events/ (the JWT claim {@code sub}). */
    public static final String USER = "demo";
    public static final String SF_USERNAME = SeedData.DEMO_USERNAME;
    /** The webhook token in the path of events/salesforce-inbound/outbound-message.json. */
    public static final String WEBHOOK_TOKEN = "dEmOwEbHoOkToKeN-fOr-EvEnTs_0123456789abcde";
    public static final URI SETTINGS_PAGE = URI.create("https://app.salesconnect.example/settings");
    /** The API's base URL in events/ ({@code requestContext.domainName}). */
    public static final URI EVENTS_BASE_URL = URI.create("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com");

    public final MutableClock clock;
    public final SalesforceEmulator salesforce;
    public final SyncComponents components;
    public final Map<String, String> environment;
    public final AwsResources aws;
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private LiveSync(AwsResources aws, MutableClock clock, SalesforceEmulator salesforce,
                     Map<String, String> environment) {
        this.aws = aws;
        this.clock = clock;
        this.salesforce = salesforce;
        this.environment = Map.copyOf(environment);
        this.components = SyncComponents.fromEnvironment(this.environment::get, clock);
    }

    /** Starts an emulator at {@code now} and wires the components to it and to {@code aws}. */
    public static LiveSync start(AwsResources aws, Instant now) {
        return start(aws, now, UnaryOperator.identity());
    }

    /** {@link #start(AwsResources, Instant)} with an emulator configured by {@code emulatorConfig}. */
    public static LiveSync start(AwsResources aws, Instant now, UnaryOperator<EmulatorConfig> emulatorConfig) {
        MutableClock clock = MutableClock.fixed(now);
        SalesforceEmulator emulator;
        try {
            // Salesforce may return query batches smaller than 2,000 rows: 200 keeps the sync's paging honest.
            emulator = SalesforceEmulator.start(emulatorConfig.apply(
                    EmulatorConfig.forTests(clock).withQueryPageSize(200)));
        } catch (IOException e) {
            throw new UncheckedIOException("the Salesforce emulator did not start", e);
        }
        return new LiveSync(aws, clock, emulator, environment(aws, emulator));
    }

    /** What template.yaml gives a function, with the values of this engine and emulator. */
    static Map<String, String> environment(AwsResources aws, SalesforceEmulator emulator) {
        AwsCredentials credentials = aws.credentials().resolveCredentials();
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", aws.region().id());
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("TASKS_TABLE", aws.tableName("TasksTable"));
        env.put("SYNC_TABLE", aws.tableName("SyncTable"));
        env.put("TOKEN_KEY_ID", aws.created().get("TokenKey").arn());
        env.put("EVENT_BUS_NAME", aws.created().get("SyncEventBus").ref());
        env.put("SALESFORCE_LOGIN_URL", emulator.baseUrl());
        env.put("SALESFORCE_API_VERSION", "v62.0");
        env.put("SALESFORCE_CLIENT_ID", emulator.connectedApp().clientId());
        env.put("SALESFORCE_API_BUDGET_PERCENT", "10");
        env.put("CHANGE_EVENT_SWEEP_MINUTES", "60");
        env.put("CHANGE_EVENT_QUIET_HOURS", "24");
        // As after a deployment: the template's (empty) secret gets the connected app's consumer secret.
        String secretArn = aws.created().get("SalesforceClientSecret").ref();
        aws.secretsManager().putSecretValue(r -> r.secretId(secretArn)
                .secretString(emulator.connectedApp().clientSecret()));
        env.put("SALESFORCE_CLIENT_SECRET_ARN", secretArn);
        // As the template's default: the base URL comes from each request's domain name.
        env.put("PUBLIC_BASE_URL", "");
        env.put("SETTINGS_PAGE_URL", SETTINGS_PAGE.toString());
        return env;
    }

    /** The emulator's org, in the 18-character form the sync stores. */
    public String orgId() {
        return SalesforceIds.to18(salesforce.org().id());
    }

    /** The emulator's Salesforce user {@code username}, 18 characters. */
    public String sfUserId(String username) {
        return SalesforceIds.to18(salesforce.org().user(username).id());
    }

    /**
     * Gives the org the webhook token of events/: stored as a connect would store it, before the first connect,
     * so the connect keeps it.
     */
    public void registerWebhookToken() {
        components.stores().webhooks().createIfAbsent(new WebhookStore.Webhook(orgId(),
                WebhookTokens.hash(WEBHOOK_TOKEN), components.tokenCipher().encrypt(WEBHOOK_TOKEN,
                TokenContext.webhookToken(orgId()))));
    }

    /**
     * Connects {@code userId} as the emulator's {@code username} through the real OAuth web-server flow: the
     * authorize URL of the connect service, the emulator's redirect with a code, and the callback.
     */
    public ConnectService.Connected connect(String userId, String username, URI publicBaseUrl) {
        ConnectService connect = components.connectService(publicBaseUrl);
        URI authorize = connect.start(UserId.of(userId), new SalesforceOAuth.AuthorizeOptions(username, null));
        Map<String, String> callback = query(redirectOf(authorize));
        return connect.callback(callback.get("code"), callback.get("state"));
    }

    /** The org has the events' webhook token and {@code demo} is connected as {@code demo@example.com}. */
    public void demoConnected() {
        registerWebhookToken();
        connect(USER, SF_USERNAME, EVENTS_BASE_URL);
    }

    /** {@link #demoConnected()}, sync turned on now (Europe/Berlin) and its first sync run. */
    public void demoSyncing() {
        demoConnected();
        components.settingsService().enable(UserId.of(USER), java.time.ZoneId.of("Europe/Berlin"));
        components.sweepService().runForUser(UserId.of(USER));
    }

    /** Follows an authorize URL at the emulator as the user's browser would; returns where it sends the browser. */
    public URI redirectOf(URI authorizeUrl) {
        try {
            HttpResponse<String> response = browser.send(HttpRequest.newBuilder(authorizeUrl).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 302) {
                throw new IllegalStateException("the emulator did not redirect: HTTP " + response.statusCode());
            }
            return URI.create(response.headers().firstValue("Location").orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The decoded query parameters of {@code uri}. */
    public static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /**
     * The Salesforce side: every task (recycle bin included) with all its fields, SystemModstamp and IsDeleted
     * among them. Any write, a delete included, changes this (when the clock moved since the last write).
     */
    public SalesforceState salesforceState() {
        Map<String, String> rows = new TreeMap<>();
        for (SObjectRecord task : salesforce.org().allTasks()) {
            rows.put(task.id(), new TreeMap<>(task.values()).toString());
        }
        return new SalesforceState(rows, salesforce.org().apiUsage().used());
    }

    /** @param apiCalls REST calls counted against the org's daily limit so far */
    public record SalesforceState(Map<String, String> tasks, long apiCalls) {
    }

    /**
     * Both sides as far as a test can tell them apart: every item of both tables (as text, keys sorted) and the
     * Salesforce tasks with their SystemModstamps. Equal states before and after a redelivery mean it changed
     * nothing; with the clock moved in between, an equal Salesforce side also means it wrote nothing there. Left out:
     * the bookkeeping of the org's API budget and probes ({@code USAGE}, {@code PROBE}, {@code ACCESS#},
     * {@code CONFIG#PROBERS}), which count and record looks at Salesforce and hold nothing of the synced tasks.
     */
    public State state() {
        return new State(scan(environment.get("TASKS_TABLE")), scan(environment.get("SYNC_TABLE")),
                salesforceState().tasks());
    }

    public record State(Map<String, String> tasksTable, Map<String, String> syncTable,
                        Map<String, String> salesforceTasks) {
    }

    private static boolean bookkeeping(String key) {
        return key.startsWith("CONFIG#PROBERS|") || key.contains("|USAGE") || key.endsWith("|PROBE")
                || key.contains("|ACCESS#");
    }

    private Map<String, String> scan(String table) {
        Map<String, String> items = new TreeMap<>();
        aws.dynamoDb().scanPaginator(r -> r.tableName(table)).items().forEach(item -> {
            Map<String, String> sorted = new TreeMap<>();
            item.forEach((name, value) -> sorted.put(name, value.toString()));
            String key = item.containsKey("pk") ? item.get("pk").s() + "|" + item.get("sk").s()
                    : item.get("userId").s() + "|" + item.get("taskId").s();
            if (!bookkeeping(key)) {
                items.put(key, sorted.toString());
            }
        });
        return items;
    }

    /**
     * Subscribes a new queue to the sync's event bus (a rule for every event of the sync's source), so a test can
     * read what was published: the events EventBridge would deliver to the sweep.
     */
    public BusTap tapBus(String name) {
        String queueUrl = aws.sqs().createQueue(r -> r.queueName(name)).queueUrl();
        String queueArn = aws.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String bus = environment.get("EVENT_BUS_NAME");
        aws.eventBridge().putRule(r -> r.name(name).eventBusName(bus)
                .eventPattern("{\"source\": [\"com.salesconnect.tasksync\"]}"));
        aws.eventBridge().putTargets(r -> r.rule(name).eventBusName(bus)
                .targets(Target.builder().id("tap").arn(queueArn).build()));
        return new BusTap(aws.sqs(), queueUrl);
    }

    /** The events published on the bus since the last {@link #take()}, as EventBridge delivers them. */
    public static final class BusTap {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final SqsClient sqs;
        private final String queueUrl;

        BusTap(SqsClient sqs, String queueUrl) {
            this.sqs = sqs;
            this.queueUrl = queueUrl;
        }

        public List<JsonNode> take() {
            List<JsonNode> events = new ArrayList<>();
            List<Message> batch;
            do {
                batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                        .messages();
                for (Message message : batch) {
                    try {
                        events.add(JSON.readTree(message.body()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
            } while (!batch.isEmpty());
            return events;
        }
    }

    /** Lets time pass on both sides (so a write made now would show in {@link #salesforceState}). */
    public void advance(Duration by) {
        clock.advance(by);
    }

    public boolean awaitOutboundIdle() {
        return salesforce.awaitOutboundIdle(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        salesforce.close();
    }
}
