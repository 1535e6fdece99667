package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.rules.EchoSuppression;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.runtime.LogFields;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.SalesforceHttp;
import com.salesconnect.tasksync.store.ReadAhead;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.task.ScTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes Sales Connect task changes from the tasks table's stream to Salesforce (the task-stream-outbound function).
 *
 * <p>Skipped (acknowledged): changes written on behalf of Salesforce (echoes), TTL removals of expired tombstones,
 * tasks not eligible (no back-fill), users without sync or without a connection. Several changes of one task in a
 * batch collapse into one push of its current state. Before the first Salesforce call a pending push is written
 * for every task to push (write-ahead) and removed once it went; so an invocation that dies, or whose records end in
 * the on-failure queue (which holds only sequence numbers), loses nothing: the sweep pushes the task's current
 * state after {@link #SAFETY_NET}. A push that cannot go now (API limit, broken connection, an org's outage) is kept
 * as a pending push and its record acknowledged, so one org never holds up the shard. Records are returned for
 * retry only when a store failed or the invocation ran out of time.
 */
public final class OutboundSync {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundSync.class);

    /** How long the stream's own retries get before the sweep pushes a task whose push did not finish. */
    public static final Duration SAFETY_NET = Duration.ofMinutes(15);

    private final SyncStores stores;
    private final SalesforceApiFactory apis;
    private final ReadAhead reads;
    private final TaskPusher pusher;
    private final TaskStatusCache statusCache;
    private final Clock clock;

    public OutboundSync(SyncStores stores, SalesforceApiFactory apis, Clock clock) {
        this(stores, apis, clock, ApiBudget.DEFAULT_CEILING);
    }

    /** @param apiBudgetCeiling the sync's share of each org's daily API limit it keeps under (see {@link ApiBudget}) */
    public OutboundSync(SyncStores stores, SalesforceApiFactory apis, Clock clock, double apiBudgetCeiling) {
        this.stores = stores;
        this.apis = apis;
        this.clock = clock;
        this.statusCache = new TaskStatusCache(clock);
        ConflictRecorder conflicts = new ConflictRecorder(stores.conflicts());
        SalesforceFailures failures = new SalesforceFailures(stores.orgLimits(), stores.connections(), clock,
                apiBudgetCeiling);
        this.reads = stores.readAhead();
        this.pusher = new TaskPusher(reads, stores.pendingPushes(), conflicts, failures,
                new SyncMarks(stores.health(), clock), clock);
    }

    /** @return the record ids to retry (partial batch failure); empty when the whole batch is done */
    public List<String> process(List<TaskChange> batch) {
        return process(batch, Deadline.NONE);
    }

    /** Like {@link #process(List)}, within the invocation's {@code deadline}. */
    public List<String> process(List<TaskChange> batch, Deadline deadline) {
        // user -> task -> the batch's records of that task
        Map<String, Map<String, List<String>>> work = new LinkedHashMap<>();
        Map<String, String> changeIds = new LinkedHashMap<>();
        // user -> task -> records of tombstones the sync wrote for Salesforce (their links may not have followed)
        Map<String, Map<String, List<String>>> removals = new LinkedHashMap<>();
        for (TaskChange change : batch) {
            if (change.ttlExpiry()) {
                continue;
            }
            if (EchoSuppression.cameFromSalesforce(change.newImage())) {
                // a live task turned into a tombstone (the one kind of these the template's filter passes)
                if (change.newImage().deleted() && change.oldImage() != null && !change.oldImage().deleted()) {
                    removals.computeIfAbsent(change.userId(), u -> new LinkedHashMap<>())
                            .computeIfAbsent(change.taskId(), t -> new ArrayList<>())
                            .add(change.recordId());
                }
                continue;
            }
            changeIds.put(change.taskId(), changeId(change));
            work.computeIfAbsent(change.userId(), u -> new LinkedHashMap<>())
                    .computeIfAbsent(change.taskId(), t -> new ArrayList<>())
                    .add(change.recordId());
        }
        SyncUsers users = new SyncUsers(stores, apis, statusCache, deadline);
        List<String> retry = new ArrayList<>();
        removals.forEach((userId, records) -> pusher.followRemovals(userId, records.keySet())
                .forEach(taskId -> retry.addAll(records.get(taskId))));
        // Every user's intents first, then the Salesforce calls user by user: an invocation that dies during one
        // user's calls (an org that hangs) leaves every other user of the batch an intent, so no change is lost
        // when the batch's retries run out.
        Map<String, TaskPusher.Staged> staged = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Map<String, List<String>>> entry : work.entrySet()) {
                if (!deadline.allows(SalesforceHttp.RESERVE.multipliedBy(2))) {
                    entry.getValue().values().forEach(retry::addAll);
                    continue;
                }
                try (LogFields.Scope ignored = LogFields.with(LogFields.USER_ID, entry.getKey())) {
                    stageUser(users, entry.getKey(), entry.getValue()).ifPresent(s -> staged.put(entry.getKey(), s));
                } catch (RuntimeException e) {
                    LOG.warn("outbound push failed, batch records returned for retry: userId={} error={}",
                            entry.getKey(), e.getClass().getSimpleName());
                    entry.getValue().values().forEach(retry::addAll);
                }
            }
            // Pushes that need no call first (deferred: their pending pushes are their intents), then the calls.
            for (boolean calls : new boolean[] {false, true}) {
                for (Map.Entry<String, TaskPusher.Staged> entry : staged.entrySet()) {
                    if (entry.getValue().needsCalls() != calls) {
                        continue;
                    }
                    String userId = entry.getKey();
                    try (LogFields.Scope ignored = LogFields.with(LogFields.USER_ID, userId)) {
                        retry.addAll(sendUser(userId, entry.getValue(), work.get(userId), changeIds, deadline));
                    }
                }
            }
        } finally {
            reads.clear();
        }
        return retry;
    }

    /** The correlation id of the Sales Connect write a stream record carries (README, "Operations"). */
    private static String changeId(TaskChange change) {
        ScTask image = change.newImage() != null ? change.newImage() : change.oldImage();
        return image == null ? null : LogFields.scChange(change.taskId(), image.version());
    }

    /**
     * Plans the user's pushes and stores their intents ({@link TaskPusher#stage}); empty for a user who does not
     * sync (nothing to push). A failure (a store's) is thrown: the user's records go back to the stream.
     */
    private Optional<TaskPusher.Staged> stageUser(SyncUsers users, String userId,
                                                  Map<String, List<String>> recordsByTask) {
        Optional<SyncUser> user = users.get(userId);
        if (user.isEmpty() || !user.get().enabled()) {
            return Optional.empty();
        }
        // The batch's tasks and links in a few batch reads (the push reads each once).
        reads.prefetch(UserId.of(userId), recordsByTask.keySet().stream().map(TaskId::of).toList());
        return Optional.of(pusher.stage(user.get(), recordsByTask.keySet(), true));
    }

    private List<String> sendUser(String userId, TaskPusher.Staged staged, Map<String, List<String>> recordsByTask,
                                  Map<String, String> changeIds, Deadline deadline) {
        List<String> retry = new ArrayList<>();
        Map<String, PushOutcome> outcomes;
        try {
            outcomes = deadline.allows(SalesforceHttp.RESERVE.multipliedBy(2))
                    ? pusher.send(staged) : pusher.abandon(staged, "out of time");
        } catch (RuntimeException e) {
            LOG.warn("outbound push failed, batch records returned for retry: userId={} error={}", userId,
                    e.getClass().getSimpleName());
            recordsByTask.values().forEach(retry::addAll);
            return retry;
        }
        Instant now = clock.instant();
        for (Map.Entry<String, List<String>> task : recordsByTask.entrySet()) {
            PushOutcome outcome = outcomes.getOrDefault(task.getKey(), PushOutcome.DONE);
            try (LogFields.Scope ignored = LogFields.with(LogFields.TASK_ID, task.getKey(),
                    LogFields.CHANGE_ID, changeIds.get(task.getKey()))) {
                LOG.info("Sales Connect change: outcome={}", outcome.getClass().getSimpleName());
            }
            if (outcome instanceof PushOutcome.Retry) {
                retry.addAll(task.getValue());
            } else if (outcome instanceof PushOutcome.Defer defer) {
                try {
                    PendingPushes.keep(stores.pendingPushes(), userId, task.getKey(), defer.reason(), defer.notBefore(),
                            now);
                } catch (StoreException e) {
                    retry.addAll(task.getValue());
                }
            }
        }
        return retry;
    }
}
