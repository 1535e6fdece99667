package com.salesconnect.tasksync.ops;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the tool works: an endpoint override (moto_server, LocalStack) or AWS with the usual credential chain, and
 * the physical names of the template's resources. Defaults are the local runtime's names (it creates the resources
 * under their logical ids); against a stack, give its outputs with the flags or the functions' variable names.
 *
 * @param command the command and its arguments, flags removed
 */
record OpsConfig(Optional<URI> endpoint, Optional<String> region, String tasksTable, String syncTable, String bus,
                 String streamFailureQueue, String sweepFailureQueue, String changeEventFailureQueue,
                 List<String> command, Optional<URI> local) {

    static final String USAGE = """
            usage: infra/ops/ops [options] <command>
              show <userId>        settings, connection (no secrets), links by state, tombstones, pending pushes, conflicts
              resync <userId>      a sweep of that user now (the sweep request the fan-out publishes)
              redrive <queue>      StreamFailureQueue | SweepFailureQueue | ChangeEventFailureQueue
                                   (or stream | sweep | events, a queue name or URL)
              pause <orgId>        no Salesforce call goes to that org until resume
              resume <orgId>       calls to that org start again; its users are swept now
              backfill tasks       after updating a stack: index keys of the tasks written before their index
                                   (LiveTasks, OpenTasksByDueDay); fields and versions untouched; safe to run again
            options (each also read from the environment variable in brackets):
              --local APP_URL               a local run (infra/local/run): its endpoint and names from APP_URL/_local/info
              --endpoint URL                (TASKSYNC_AWS_ENDPOINT) moto_server, LocalStack; absent: AWS
              --region R                    (AWS_REGION)
              --tasks-table NAME            (TASKS_TABLE, default TasksTable)
              --sync-table NAME             (SYNC_TABLE, default SyncTable)
              --bus NAME                    (EVENT_BUS_NAME, default SyncEventBus)
              --stream-failure-queue NAME   (STREAM_FAILURE_QUEUE, default StreamFailureQueue)
              --sweep-failure-queue NAME    (SWEEP_FAILURE_QUEUE, default SweepFailureQueue)
              --change-event-failure-queue NAME
                                            (CHANGE_EVENT_FAILURE_QUEUE, default ChangeEventFailureQueue)
            """;

    static OpsConfig parse(String[] args, Function<String, String> env) {
        String endpoint = env.apply("TASKSYNC_AWS_ENDPOINT");
        String region = env.apply("AWS_REGION");
        String tasks = or(env.apply("TASKS_TABLE"), "TasksTable");
        String sync = or(env.apply("SYNC_TABLE"), "SyncTable");
        String bus = or(env.apply("EVENT_BUS_NAME"), "SyncEventBus");
        String streamQueue = or(env.apply("STREAM_FAILURE_QUEUE"), "StreamFailureQueue");
        String sweepQueue = or(env.apply("SWEEP_FAILURE_QUEUE"), "SweepFailureQueue");
        String eventQueue = or(env.apply("CHANGE_EVENT_FAILURE_QUEUE"), "ChangeEventFailureQueue");
        String local = null;
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                command.add(arg);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String value = args[++i];
            switch (arg) {
                case "--local" -> local = value;
                case "--endpoint" -> endpoint = value;
                case "--region" -> region = value;
                case "--tasks-table" -> tasks = value;
                case "--sync-table" -> sync = value;
                case "--bus" -> bus = value;
                case "--stream-failure-queue" -> streamQueue = value;
                case "--sweep-failure-queue" -> sweepQueue = value;
                case "--change-event-failure-queue" -> eventQueue = value;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        Optional<URI> uri = Optional.ofNullable(endpoint).filter(e -> !e.isBlank()).map(URI::create);
        return new OpsConfig(uri, Optional.ofNullable(region).filter(r -> !r.isBlank()), tasks, sync, bus,
                streamQueue, sweepQueue, eventQueue, List.copyOf(command), Optional.ofNullable(local).map(URI::create));
    }

    /** This configuration with the AWS side a local run reports ({@code aws} of {@code /_local/info}). */
    OpsConfig withLocalRun(JsonNode aws) {
        return new OpsConfig(Optional.of(URI.create(aws.path("endpoint").asText())),
                Optional.of(aws.path("region").asText()), aws.path("tasksTable").asText(),
                aws.path("syncTable").asText(), aws.path("bus").asText(), aws.path("streamFailureQueue").asText(),
                aws.path("sweepFailureQueue").asText(), aws.path("changeEventFailureQueue").asText(), command,
                Optional.empty());
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
