package com.salesconnect.tasksync.function.sweep;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.runtime.Failures;
import com.salesconnect.tasksync.runtime.LambdaJson;
import com.salesconnect.tasksync.runtime.TaskRootEntry;
import com.salesconnect.tasksync.sync.SweepResult;
import com.salesconnect.tasksync.sync.SweepService;
import com.salesconnect.tasksync.wiring.SnapStartEntry;
import com.salesconnect.tasksync.wiring.SyncComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reconciliation sweep, invoked by EventBridge: the schedule's tick, UserSweepRequested and SyncEnabled events
 * (the function's README lists what each does). A failed tick or SyncEnabled is thrown, for EventBridge's retries;
 * a user whose sweep fails inside a UserSweepRequested is logged and left to the next tick, so one broken user never
 * repeats the whole batch.
 */
public final class ReconciliationSweepHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** The time one user's sweep may take; with less left, the remaining users go back on the bus. */
    static final Duration USER_BUDGET = Duration.ofSeconds(90);

    static {
        // Before the logger below: building the AWS clients' HTTP client then overlaps the start of logging.
        SyncComponents.prebuildAwsHttpClient();
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationSweepHandler.class);

    /** Each invocation's log fields and metrics, and the SnapStart priming ({@link #prime}). */
    final SnapStartEntry entry = new SnapStartEntry("reconciliation-sweep", this::prime);

    private final SweepService sweep;
    private final SyncEventPublisher events;
    private final Clock clock;

    /** Lambda's entry: the deployed wiring, primed for SnapStart before the snapshot is taken. */
    public ReconciliationSweepHandler() {
        this(SnapStartEntry.deployedComponents());
        entry.registerForSnapStart();
    }

    public ReconciliationSweepHandler(SyncComponents components) {
        this.sweep = components.sweepService();
        this.events = components.events();
        this.clock = components.clock();
    }

    /**
     * Lambda's entry (the runtime picks this overload of the template's {@code handleRequest}): the event read and
     * the summary written as plain JSON values ({@link LambdaJson}), not by the runtime's reflective mapping.
     */
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaJson.write(handleRequest(LambdaJson.readObject(input), context), output);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return entry.invoke(context, () -> handleRequestLogged(event, context));
    }

    private Map<String, Object> handleRequestLogged(Map<String, Object> event, Context context) {
        SweepEvent parsed = SweepEvent.of(event, clock.instant());
        Map<String, Object> summary = new LinkedHashMap<>();
        // Java 17: a sealed type's cases by instanceof (pattern switches came with Java 21).
        if (parsed instanceof SweepEvent.Scheduled tick) {
            summary.put("event", "Scheduled Event");
            summary.put("usersFannedOut", sweep.fanOut(tick.time()));
        } else if (parsed instanceof SweepEvent.SyncEnabled enabled) {
            summary.put("event", SyncEventPublisher.SYNC_ENABLED);
            summary.put("result", run(enabled.userId(), context, null).kind().name());
        } else if (parsed instanceof SweepEvent.UsersRequested requested) {
            summary.put("event", SyncEventPublisher.USER_SWEEP_REQUESTED);
            summary.putAll(sweepUsers(requested, context));
        } else if (parsed instanceof SweepEvent.Ignored ignored) {
            LOG.warn("event ignored: {}", ignored.why());
            summary.put("event", "ignored");
        }
        return summary;
    }

    private Map<String, Object> sweepUsers(SweepEvent.UsersRequested requested, Context context) {
        List<String> users = requested.userIds();
        sweep.readAhead(users.stream().map(UserId::of).toList());
        int swept = 0;
        int failed = 0;
        for (int i = 0; i < users.size(); i++) {
            if (context != null && context.getRemainingTimeInMillis() < USER_BUDGET.toMillis()) {
                List<String> rest = List.copyOf(users.subList(i, users.size()));
                events.sweepRequested(rest, requested.scheduledAt());
                LOG.info("out of time, users re-published: swept={} republished={}", swept, rest.size());
                return Map.of("swept", swept, "failed", failed, "republished", rest.size());
            }
            try {
                run(users.get(i), context, requested.scheduledAt());
                swept++;
            } catch (RuntimeException e) {
                failed++;
                LOG.error("user sweep failed, the next tick retries: userId={} failure={}", users.get(i),
                        Failures.describe(e));
            }
        }
        return Map.of("swept", swept, "failed", failed, "republished", 0);
    }

    /** One user's sweep; {@code tickAt}: the scheduled time of the tick that asked for it (null: none). */
    private SweepResult run(String userId, Context context, Instant tickAt) {
        SweepResult result = sweep.runForUser(UserId.of(userId), SnapStartEntry.deadline(context), tickAt);
        LOG.info("user swept: userId={} result={} applied={} pushesRetried={}", userId, result.kind(),
                result.changesApplied(), result.pushesRetried());
        return result;
    }

    /** SnapStart priming: reads sample events of every kind; no I/O, nothing per instance. */
    private void prime() {
        @SuppressWarnings("unchecked")
        Map<String, Object> tick = (Map<String, Object>) LambdaJson.read("{\"detail-type\": \"Scheduled Event\", "
                + "\"source\": \"aws.events\", \"time\": \"2026-01-01T00:00:00Z\", \"detail\": {}}");
        SweepEvent.of(tick, clock.instant());
        LambdaJson.toJson(Map.of("event", "priming", "swept", 0, "republished", List.of()));
        SweepEvent.of(Map.of("detail-type", SyncEventPublisher.USER_SWEEP_REQUESTED,
                "source", SyncEventPublisher.SOURCE, "detail", Map.of("userIds", List.of("priming"))), clock.instant());
    }

    /**
     * Lambda's entry, the class template.yaml names: this handler, loaded by a class loader of its own that loads
     * classes on several threads at once ({@link TaskRootEntry}).
     */
    public static final class Entry extends TaskRootEntry {
    }
}
