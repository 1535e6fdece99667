package com.salesconnect.tasksync.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.salesconnect.tasksync.awsengine.AwsClients;
import com.salesconnect.tasksync.awsengine.CreatedResource;
import com.salesconnect.tasksync.awsengine.CreatedResources;
import com.salesconnect.tasksync.awsengine.TemplateResources;
import com.salesconnect.tasksync.local.apigateway.DevAuthorizer;
import com.salesconnect.tasksync.local.apigateway.HttpApiGateway;
import com.salesconnect.tasksync.local.apigateway.RouteTable;
import com.salesconnect.tasksync.local.app.LocalControl;
import com.salesconnect.tasksync.local.events.AsyncInvoker;
import com.salesconnect.tasksync.local.events.RateExpression;
import com.salesconnect.tasksync.local.events.RuleTargetQueue;
import com.salesconnect.tasksync.local.events.ScheduleRunner;
import com.salesconnect.tasksync.local.events.ScheduledEvents;
import com.salesconnect.tasksync.local.lambda.HandlerFactory;
import com.salesconnect.tasksync.local.lambda.InvocationResult;
import com.salesconnect.tasksync.local.lambda.LocalFunction;
import com.salesconnect.tasksync.local.streams.DynamoDbShardSource;
import com.salesconnect.tasksync.local.streams.EventSourceMapping;
import com.salesconnect.tasksync.local.streams.FailureDestination;
import com.salesconnect.tasksync.local.template.AsyncInvokeSettings;
import com.salesconnect.tasksync.local.template.FunctionEvent;
import com.salesconnect.tasksync.local.template.FunctionSpec;
import com.salesconnect.tasksync.local.template.Intrinsics;
import com.salesconnect.tasksync.local.template.SamTemplate;
import com.salesconnect.tasksync.local.template.TemplateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Builds the template's functions and every trigger of theirs: the HTTP API routes, the stream's event source
 * mapping, the schedule, and the bus's rules (each with a queue target drained into the function). Handler
 * classes, environment variables, routes, filters and settings all come from the template.
 */
final class FunctionWiring implements AutoCloseable {

    static final String ACCOUNT = "123456789012";
    private static final Logger LOG = LoggerFactory.getLogger(FunctionWiring.class);
    /** Delays before the retries of a failed asynchronous invocation (AWS: about 1 and 2 minutes). */
    private static final List<Duration> ASYNC_RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final Map<String, AsyncInvoker> asyncInvokers = new LinkedHashMap<>();
    private final List<RuleTargetQueue> ruleQueues = new ArrayList<>();
    private final List<EventSourceMapping> mappings = new ArrayList<>();
    /** Per function with a schedule: the payload the schedule sends at a given time. */
    private final Map<String, Function<Instant, String>> schedulePayloads = new LinkedHashMap<>();
    private final RouteTable<HttpApiGateway.Target> routes = new RouteTable<>();
    private final SamTemplate template;
    private final Intrinsics intrinsics;
    private final CreatedResources created;
    private final AwsClients aws;
    private final String region;

    private FunctionWiring(SamTemplate template, Intrinsics intrinsics, CreatedResources created, AwsClients aws) {
        this.template = template;
        this.intrinsics = intrinsics;
        this.created = created;
        this.aws = aws;
        this.region = aws.region().id();
    }

    /**
     * @param awsEnvironment what Lambda adds to a function's environment (region, credentials, endpoint)
     */
    static FunctionWiring wire(SamTemplate template, Intrinsics intrinsics, CreatedResources created, AwsClients aws,
                               Map<String, String> awsEnvironment, HandlerFactory handlers, Clock sharedClock) {
        FunctionWiring wiring = new FunctionWiring(template, intrinsics, created, aws);
        try {
            for (FunctionSpec spec : template.functions()) {
                wiring.function(spec, awsEnvironment, handlers);
            }
            for (FunctionSpec spec : template.functions()) {
                wiring.triggers(spec, sharedClock);
            }
            for (SamTemplate.EventRule rule : template.rules()) {
                if (rule.condition() == null
                        || intrinsics.holds(template.conditions().get(rule.condition()), template.conditions())) {
                    wiring.plainRule(rule);
                }
            }
            return wiring;
        } catch (RuntimeException e) {
            wiring.close();
            throw e;
        }
    }

    HttpApiGateway gateway(Clock clock) {
        return new HttpApiGateway(routes, new DevAuthorizer(parameter("JwtIssuer"), firstAudience()), ACCOUNT, clock);
    }

    Map<String, LocalFunction> functions() {
        return functions;
    }

    List<EventSourceMapping> mappings() {
        return mappings;
    }

    /** Runs every schedule's function now, with the payload its schedule sends, and waits for all it started. */
    LocalControl.Sweeper sweeper(Clock clock) {
        return timeout -> {
            Instant deadline = Instant.now().plus(timeout);
            List<CompletableFuture<InvocationResult>> runs = new ArrayList<>();
            schedulePayloads.forEach((function, payload) -> runs.add(asyncInvokers.get(function)
                    .submit(payload.apply(clock.instant()))));
            boolean failed = false;
            for (CompletableFuture<InvocationResult> run : runs) {
                try {
                    InvocationResult result = run.get(millisLeft(deadline), TimeUnit.MILLISECONDS);
                    failed |= result.failed();
                } catch (ExecutionException e) {
                    failed = true;
                } catch (TimeoutException e) {
                    return LocalControl.Outcome.STILL_RUNNING;
                }
            }
            if (failed) {
                return LocalControl.Outcome.FAILED;
            }
            return awaitQuiet(deadline) ? LocalControl.Outcome.DONE : LocalControl.Outcome.STILL_RUNNING;
        };
    }

    /** Waits until the rule queues are empty and no asynchronous invocation runs (seen twice in a row). */
    private boolean awaitQuiet(Instant deadline) throws InterruptedException {
        int quietRounds = 0;
        while (Instant.now().isBefore(deadline)) {
            boolean quiet = asyncInvokers.values().stream().allMatch(a -> a.inFlight() == 0)
                    && ruleQueues.stream().allMatch(RuleTargetQueue::quiet);
            quietRounds = quiet ? quietRounds + 1 : 0;
            if (quietRounds >= 2) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static long millisLeft(Instant deadline) {
        return Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
    }

    private void function(FunctionSpec spec, Map<String, String> awsEnvironment, HandlerFactory handlers) {
        Map<String, String> env = new LinkedHashMap<>();
        spec.environment().forEach((name, value) -> env.put(name, intrinsics.resolve(value)));
        env.putAll(awsEnvironment);
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        LocalFunction fn = new LocalFunction(spec, arn(spec), env, handlers);
        functions.put(spec.logicalId(), fn);
        closeables.add(fn);
        AsyncInvokeSettings settings = asyncInvoke(spec);
        AsyncInvoker async = new AsyncInvoker(spec.logicalId(), arn(spec), fn, settings,
                destination(settings.onFailure()), ASYNC_RETRY_DELAYS);
        asyncInvokers.put(spec.logicalId(), async);
        closeables.add(async);
    }

    /** The function's own EventInvokeConfig, or a standalone one of the template whose Condition holds. */
    private AsyncInvokeSettings asyncInvoke(FunctionSpec spec) {
        return template.invokeConfigs().stream()
                .filter(c -> c.function().equals(spec.logicalId()) && (c.condition() == null
                        || intrinsics.holds(template.conditions().get(c.condition()), template.conditions())))
                .map(SamTemplate.InvokeConfig::settings).findFirst().orElse(spec.asyncInvoke());
    }

    private void triggers(FunctionSpec spec, Clock clock) {
        LocalFunction fn = functions.get(spec.logicalId());
        AsyncInvoker async = asyncInvokers.get(spec.logicalId());
        for (FunctionEvent event : spec.events()) {
            if (event instanceof FunctionEvent.HttpApiRoute route) {
                routes.add(route.method(), route.path(), new HttpApiGateway.Target(fn, route.authorizer().isPresent()));
            } else if (event instanceof FunctionEvent.StreamSource stream) {
                streamMapping(spec, stream, fn);
            } else if (event instanceof FunctionEvent.Schedule schedule) {
                schedule(spec, schedule, async, clock);
            } else if (event instanceof FunctionEvent.BusRule rule) {
                rule(spec, rule, async);
            }
        }
    }

    private void streamMapping(FunctionSpec spec, FunctionEvent.StreamSource stream, LocalFunction fn) {
        String streamArn = intrinsics.resolve(stream.stream());
        EventSourceMapping esm = new EventSourceMapping(spec.logicalId() + "-" + stream.name(),
                new DynamoDbShardSource(aws.dynamoDbStreams(), streamArn), stream.settings(), fn, arn(spec),
                destination(stream.settings().onFailure()), Clock.systemUTC(), EventSourceMapping.Timing.DEFAULT);
        mappings.add(esm);
        closeables.add(esm);
        esm.start();
    }

    private void schedule(FunctionSpec spec, FunctionEvent.Schedule schedule, AsyncInvoker async, Clock clock) {
        // SAM names the schedule (or rule) after the function and the event.
        String name = spec.logicalId() + schedule.name();
        Duration every = RateExpression.parse(intrinsics.resolve(schedule.expression()));
        Function<Instant, String> payload = at -> schedule.input() != null ? schedule.input()
                : schedule.scheduler() ? ScheduledEvents.scheduler(region, ACCOUNT, name, at)
                : ScheduledEvents.rule(region, ACCOUNT, name, at);
        closeables.add(new ScheduleRunner(name, every, clock, payload, async));
        schedulePayloads.put(spec.logicalId(), payload);
    }

    private void rule(FunctionSpec spec, FunctionEvent.BusRule rule, AsyncInvoker async) {
        String bus = rule.bus() == null ? "default" : intrinsics.resolve(rule.bus());
        String name = truncate(spec.logicalId() + rule.name(), 64);
        RuleTargetQueue queue = RuleTargetQueue.create(name, bus, rule.pattern(), truncate("local-" + name, 80),
                aws.sqs(), aws.eventBridge(), async);
        ruleQueues.add(queue);
        closeables.add(queue);
    }

    /** A plain rule of the template (e.g. the change events of Event Relay's partner bus) to its functions. */
    private void plainRule(SamTemplate.EventRule rule) {
        String bus = rule.bus() == null ? "default" : intrinsics.resolve(rule.bus());
        for (String function : rule.functions()) {
            String name = truncate(rule.logicalId() + "-" + function, 64);
            RuleTargetQueue queue = RuleTargetQueue.create(name, bus, rule.pattern(), truncate("local-" + name, 80),
                    aws.sqs(), aws.eventBridge(), asyncInvokers.get(function));
            ruleQueues.add(queue);
            closeables.add(queue);
        }
    }

    /** An on-failure destination: an SQS queue created from the template (by its ARN). */
    private FailureDestination destination(JsonNode destination) {
        if (destination == null) {
            return FailureDestination.NONE;
        }
        String arn = intrinsics.resolve(destination);
        CreatedResource queue = created.ofType(TemplateResources.QUEUE).stream()
                .filter(q -> arn.equals(q.arn())).findFirst()
                .orElseThrow(() -> new TemplateException("on-failure destination " + arn
                        + " is not an SQS queue of the template"));
        return message -> aws.sqs().sendMessage(r -> r.queueUrl(queue.ref()).messageBody(message));
    }

    private String arn(FunctionSpec spec) {
        return "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + spec.logicalId();
    }

    private String parameter(String name) {
        return intrinsics.resolve(JsonNodeFactory.instance.objectNode()
                .put("Ref", name));
    }

    private String firstAudience() {
        String audiences = parameter("JwtAudience");
        return audiences.split(",")[0].trim();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.debug("closing {} failed", closeables.get(i).getClass().getSimpleName(), e);
            }
        }
        closeables.clear();
    }
}
