package com.salesconnect.tasksync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.events.EventBridgeSyncEventPublisher;
import com.salesconnect.tasksync.events.PublishException;
import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.dynamodb.DynamoDbStores;
import com.salesconnect.tasksync.store.dynamodb.TaskIndexBackfill;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The operator tool: {@code show}, {@code resync}, {@code redrive}, {@code pause}, {@code resume},
 * {@code backfill} (see {@link OpsConfig#USAGE}). Exit codes: 0 done, 1 the command could not do what was asked, 2 a
 * usage mistake.
 */
public final class Main {

    /** The AWS clients the commands use; closed by the caller. */
    record Clients(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, EventBridgeClient eventBridge,
                   SqsClient sqs) implements AutoCloseable {

        static Clients connect(OpsConfig config, Function<String, String> env) {
            AwsCredentialsProvider credentials = config.endpoint().isPresent()
                    && env.apply("AWS_ACCESS_KEY_ID") == null
                    // moto_server and LocalStack take any key; AWS itself gets the usual chain.
                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))
                    : DefaultCredentialsProvider.builder().build();
            Optional<Region> region = config.region().map(Region::of)
                    .or(() -> config.endpoint().map(e -> Region.US_EAST_1));
            return new Clients(
                    configure(DynamoDbClient.builder(), config, credentials, region).build(),
                    configure(DynamoDbStreamsClient.builder(), config, credentials, region).build(),
                    configure(EventBridgeClient.builder(), config, credentials, region).build(),
                    configure(SqsClient.builder(), config, credentials, region).build());
        }

        private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
                B builder, OpsConfig config, AwsCredentialsProvider credentials, Optional<Region> region) {
            builder.credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder());
            config.endpoint().ifPresent(builder::endpointOverride);
            region.ifPresent(builder::region);
            return builder;
        }

        @Override
        public void close() {
            dynamoDb.close();
            streams.close();
            eventBridge.close();
            sqs.close();
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System::getenv, System.out, System.err));
    }

    static int run(String[] args, Function<String, String> env, PrintStream out, PrintStream err) {
        OpsConfig config;
        try {
            config = OpsConfig.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("ops: " + e.getMessage());
            err.print(OpsConfig.USAGE);
            return 2;
        }
        if (config.command().size() != 2) {
            err.print(OpsConfig.USAGE);
            return 2;
        }
        if (config.local().isPresent()) {
            Optional<OpsConfig> local = localRun(config, err);
            if (local.isEmpty()) {
                return 1;
            }
            config = local.get();
        }
        try (Clients clients = Clients.connect(config, env)) {
            return run(config, clients, Clock.systemUTC(), out, err);
        } catch (SdkException | StoreException | PublishException e) {
            // The message names the resource, the item kind or the missing credentials; it never holds a secret.
            err.println("ops: AWS refused or could not be reached: " + e.getMessage());
            return 1;
        }
    }

    static int run(OpsConfig config, Clients clients, Clock clock, PrintStream out, PrintStream err) {
        String command = config.command().get(0);
        String arg = config.command().get(1);
        DynamoDbStores stores = DynamoDbStores.create(clients.dynamoDb(), config.tasksTable(), config.syncTable(),
                clock);
        SyncEventPublisher events = new EventBridgeSyncEventPublisher(clients.eventBridge(), config.bus(),
                new ObjectMapper());
        SweepRequests sweeps = new SweepRequests(stores.settings(), stores.connections(), events, clock);
        OrgPause pauses = new OrgPause(stores.orgLimits(), stores.pendingPushes(), sweeps, clients.dynamoDb(),
                config.syncTable(), clock);
        switch (command) {
            case "show" -> {
                boolean known = new UserReport(stores.settings(), stores.connections(), stores.links(),
                        stores.pendingPushes(), stores.conflicts(), stores.orgLimits(), clock).print(arg, out);
                return known ? 0 : 1;
            }
            case "resync" -> {
                boolean enabled = stores.settings().get(UserId.of(arg)).map(SyncSettings::enabled).orElse(false);
                if (!enabled) {
                    err.println("ops: sync is off for " + arg + "; the sweep would skip the user (turn it on in "
                            + "Settings first)");
                    return 1;
                }
                if (stores.connections().get(UserId.of(arg)).isEmpty()) {
                    err.println("ops: " + arg + " has no Salesforce connection; the sweep would skip the user");
                    return 1;
                }
                sweeps.reconcile(List.of(arg));
                out.println("fresh reconciliation requested for " + arg + " on bus " + config.bus()
                        + " (the reconciliation-sweep function settles every linked pair within seconds, over as many"
                        + " sweeps as it takes)");
                return 0;
            }
            case "redrive" -> {
                String url = queueUrl(arg, config, clients.sqs());
                out.println("redriving " + url);
                Redrive.Outcome outcome = new Redrive(clients.sqs(), clients.streams(), events, sweeps,
                        new Redrive.OrgCatchUp(stores.connections(), stores.orgLimits(), clock), out).redrive(url);
                out.println("redriven=" + outcome.redriven() + " leftOnQueue=" + outcome.leftOnQueue());
                return outcome.leftOnQueue() == 0 ? 0 : 1;
            }
            case "pause" -> {
                pauses.pause(arg);
                out.println("org " + arg + " paused: no Salesforce call goes to it; changes wait as pending pushes"
                        + " (resume " + arg + " to restart)");
                return 0;
            }
            case "resume" -> {
                Optional<OrgPause.Resumed> resumed = pauses.resume(arg);
                if (resumed.isEmpty()) {
                    err.println("ops: org " + arg + " is not paused (an API-limit block, if any, ends by itself)");
                    return 1;
                }
                out.println("org " + arg + " resumed: " + resumed.get().pushesMadeDue()
                        + " pending push(es) due now; sweep requested for " + resumed.get().sweepsRequested()
                        + " user(s)");
                return 0;
            }
            case "backfill" -> {
                if (!arg.equals("tasks")) {
                    err.println("ops: backfill knows one table: tasks");
                    return 2;
                }
                TaskIndexBackfill.Outcome outcome =
                        new TaskIndexBackfill(clients.dynamoDb(), config.tasksTable()).run();
                out.println("tasks table " + config.tasksTable() + ": scanned=" + outcome.scanned() + " updated="
                        + outcome.updated() + " savedMeanwhile=" + outcome.savedMeanwhile() + " unreadable="
                        + outcome.unreadable().size());
                outcome.unreadable().forEach(key -> out.println("  not a task, left alone: " + key));
                return outcome.unreadable().isEmpty() ? 0 : 1;
            }
            default -> {
                err.println("ops: unknown command " + command);
                err.print(OpsConfig.USAGE);
                return 2;
            }
        }
    }

    /** The configuration of the local run at {@code --local}, or empty (said on {@code err}) when it cannot. */
    private static Optional<OpsConfig> localRun(OpsConfig config, PrintStream err) {
        URI info = URI.create(config.local().get().toString().replaceAll("/+$", "") + "/_local/info");
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(info).timeout(Duration.ofSeconds(10)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode aws = new ObjectMapper().readTree(response.body()).path("aws");
            if (response.statusCode() != 200 || !aws.isObject()) {
                err.println("ops: " + info + " answered " + response.statusCode() + " without the run's AWS side");
                return Optional.empty();
            }
            return Optional.of(config.withLocalRun(aws));
        } catch (IOException e) {
            err.println("ops: no local run answers at " + info + " (start it with infra/local/run)");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A queue URL as given, else the queue of that name (the aliases name the template's two failure queues). */
    static String queueUrl(String arg, OpsConfig config, SqsClient sqs) {
        if (arg.startsWith("https://") || arg.startsWith("http://")) {
            return arg;
        }
        String name = switch (arg) {
            case "stream", "StreamFailureQueue" -> config.streamFailureQueue();
            case "sweep", "SweepFailureQueue" -> config.sweepFailureQueue();
            case "events", "ChangeEventFailureQueue" -> config.changeEventFailureQueue();
            default -> arg;
        };
        if (name.startsWith("https://") || name.startsWith("http://")) {
            return name;
        }
        return sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
    }
}
