package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.metrics.SyncMetrics;
import com.salesconnect.tasksync.salesforce.OutOfTimeException;
import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.salesforce.SalesforceUnavailableException;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.PendingPushStore;
import com.salesconnect.tasksync.store.ReadAhead;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.task.ScTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pushes one user's Sales Connect tasks to Salesforce from their current stored state (never from a stream image),
 * in collection calls: deletes, then creates, then updates ({@link PushDeletes}, {@link PushCreates},
 * {@link PushUpdates}, each task's action decided by {@link PushPlanner}). Used by the outbound stream and by the
 * sweep's retry of pending pushes. Every step is idempotent: pushing the same tasks twice makes no second Salesforce
 * write.
 */
final class TaskPusher {

    private static final Logger LOG = LoggerFactory.getLogger(TaskPusher.class);

    /** Records per collection call (Salesforce's maximum). */
    static final int BATCH = 200;

    private final PendingPushStore pendingPushes;
    private final SalesforceFailures failures;
    private final SyncMarks marks;
    private final ConflictRecorder conflicts;
    private final Clock clock;
    private final PushPlanner planner;
    private final PushDeletes deletes;
    private final PushCreates creates;
    private final PushUpdates updates;
    private final TaskStore tasks;
    private final LinkStore links;
    private final Deletions deletions;

    TaskPusher(ReadAhead reads, PendingPushStore pendingPushes, ConflictRecorder conflicts,
               SalesforceFailures failures, SyncMarks marks, Clock clock) {
        TaskStore tasks = reads.tasks();
        LinkStore links = reads.links();
        Deletions deletions = new Deletions(tasks, links, conflicts);
        this.tasks = tasks;
        this.links = links;
        this.deletions = deletions;
        InterruptedCreates interrupted = new InterruptedCreates(tasks, links, deletions);
        this.pendingPushes = pendingPushes;
        this.failures = failures;
        this.marks = marks;
        this.conflicts = conflicts;
        this.clock = clock;
        this.planner = new PushPlanner(tasks, links, deletions);
        this.deletes = new PushDeletes(reads, conflicts, deletions, interrupted, clock);
        this.creates = new PushCreates(links, conflicts, deletions, interrupted);
        this.updates = new PushUpdates(tasks, links, conflicts, deletions);
    }

    /**
     * Pushes the current state of {@code taskIds}; one outcome per task id.
     *
     * @param writeAhead true when no pending push protects these tasks yet (stream, inbound): one is written for
     *                   each task before the first Salesforce call and removed once its push is done, so an
     *                   invocation that dies in between leaves the sweep a pending push instead of losing the change.
     *                   A fresh create gets none: its PENDING_CREATE link, also written before the first call, is
     *                   its intent (a retry writes a pending push for it; without a retry the sweep finds the link)
     */
    Map<String, PushOutcome> push(SyncUser user, Collection<String> taskIds, boolean writeAhead) {
        return send(stage(user, taskIds, writeAhead));
    }

    /**
     * A push whose plan is made and whose intents are stored (the pending pushes, the creates' PENDING_CREATE links),
     * its Salesforce calls still to make ({@link #send}); or, when {@code settled}, a push that needs no call.
     */
    static final class Staged {
        private final SyncUser user;
        private final PushRun run;
        private final Map<String, PushOutcome> outcomes;
        private final int size;
        private final List<PushAction> actions = new ArrayList<>();
        private final Map<String, PendingPush> intents = new LinkedHashMap<>();
        private List<PushCreates.Intent> fresh = List.of();
        private boolean settled;

        private Staged(SyncUser user, PushRun run, Map<String, PushOutcome> outcomes, int size) {
            this.user = user;
            this.run = run;
            this.outcomes = outcomes;
            this.size = size;
        }

        /** False when every outcome is known without Salesforce (nothing to push, or deferred). */
        boolean needsCalls() {
            return !settled;
        }
    }

    /**
     * The first half of {@link #push}: plans each task and stores every intent, making no Salesforce call, so that
     * a caller pushing for several users stores all their intents before the first user's calls (an invocation that
     * dies during one user's calls then loses no other user's change).
     */
    Staged stage(SyncUser user, Collection<String> taskIds, boolean writeAhead) {
        Map<String, PushOutcome> outcomes = new LinkedHashMap<>();
        Set<String> ids = new LinkedHashSet<>(taskIds);
        Instant now = clock.instant();
        PushRun run = new PushRun(user, now, outcomes, conflicts);
        Staged staged = new Staged(user, run, outcomes, ids.size());
        staged.settled = true;
        if (!user.enabled()) {
            ids.forEach(id -> outcomes.put(id, PushOutcome.DONE));
            return staged;
        }
        List<PushAction> planned = new ArrayList<>();
        for (String taskId : ids) {
            run.guarded(taskId, () -> planner.plan(run, taskId).ifPresentOrElse(planned::add, () -> run.done(taskId)));
        }
        if (planned.isEmpty()) {
            return staged;
        }
        Optional<PushOutcome.Defer> notNow = notNow(user, now, writeAhead);
        if (notNow.isPresent()) {
            planned.forEach(a -> outcomes.put(a.taskId(), notNow.get()));
            return staged;
        }
        // A fresh create's intent is its PENDING_CREATE link (PushCreates#prepare), not a pending push; the others'
        // are stored together (when that fails, each of them is retried and none is pushed now).
        List<PushAction> withIntent = writeAhead
                ? planned.stream().filter(a -> !(a instanceof PushAction.Create)).toList() : List.of();
        boolean intentsStored = withIntent.isEmpty() || run.guardedAll(
                withIntent.stream().map(PushAction::taskId).toList(),
                () -> staged.intents.putAll(pendingPushes.putAllIfAbsent(withIntent.stream()
                        .map(a -> new PendingPush(user.userId(), a.taskId(), 0, now,
                                now.plus(OutboundSync.SAFETY_NET), "push in flight"))
                        .toList())));
        for (PushAction a : planned) {
            if (intentsStored || a instanceof PushAction.Create) {
                staged.actions.add(a);
            }
        }
        // Every intent is stored before the first Salesforce call: the pending pushes above, the creates' links.
        staged.fresh = creates.prepare(run, staged.actions);
        staged.settled = false;
        return staged;
    }

    /** The second half of {@link #push}: the Salesforce calls of a {@link #stage staged} push; one outcome per task. */
    Map<String, PushOutcome> send(Staged staged) {
        if (staged.settled) {
            return staged.outcomes;
        }
        SyncUser user = staged.user;
        PushRun run = staged.run;
        Map<String, PushOutcome> outcomes = staged.outcomes;
        List<PushAction> actions = staged.actions;
        List<PushCreates.Intent> fresh = staged.fresh;
        try {
            deletes.run(run, actions);
            creates.run(run, actions, fresh);
            updates.run(run, actions);
        } catch (OutOfTimeException e) {
            // Nothing started that could outlive the invocation; the rest is retried (its pending pushes stay, the
            // links of creates never sent go).
            creates.withdrawUnsent(run, fresh);
            actions.forEach(a -> outcomes.putIfAbsent(a.taskId(), new PushOutcome.Retry("out of time")));
        } catch (SalesforceUnavailableException e) {
            // Park the org's changes at once; other orgs' changes keep flowing (the stream is not held up).
            creates.withdrawUnsent(run, fresh);
            failures.handle(user, e);
            Instant until = failures.outage(user.orgId());
            actions.forEach(a -> outcomes.putIfAbsent(a.taskId(), new PushOutcome.Defer("Salesforce unavailable",
                    until)));
        } catch (SalesforceException e) {
            creates.withdrawUnsent(run, fresh);
            SalesforceFailures.Handling h = failures.handle(user, e);
            PushOutcome outcome = h.retryNow()
                    ? new PushOutcome.Retry(h.reason())
                    : new PushOutcome.Defer(h.reason(), h.notBefore());
            actions.forEach(a -> outcomes.putIfAbsent(a.taskId(), outcome));
        }
        actions.forEach(a -> outcomes.putIfAbsent(a.taskId(), PushOutcome.DONE));
        actions.forEach(a -> applied(a, outcomes.get(a.taskId())));
        release(staged.intents.entrySet().stream()
                .filter(e -> outcomes.get(e.getKey()) instanceof PushOutcome.Done)
                .map(Map.Entry::getValue).toList());
        LOG.info("pushed: userId={} tasks={} outcomes={}", user.userId(), staged.size, summary(outcomes));
        if (run.accepted) {
            marks.pushed(user.userId());
        }
        return outcomes;
    }

    /**
     * A staged push whose calls are not made (the invocation has no time left for them): the creates' links it
     * stored go again, since nothing was sent; its pending pushes stay for the retry. Every task is to retry.
     */
    Map<String, PushOutcome> abandon(Staged staged, String reason) {
        if (staged.settled) {
            return staged.outcomes;
        }
        creates.withdrawUnsent(staged.run, staged.fresh);
        staged.actions.forEach(a -> staged.outcomes.putIfAbsent(a.taskId(), new PushOutcome.Retry(reason)));
        return staged.outcomes;
    }

    /** Why nothing can go to Salesforce for this user now, if so. */
    private Optional<PushOutcome.Defer> notNow(SyncUser user, Instant now, boolean writeAhead) {
        if (!user.identitySettled()) {
            return Optional.of(new PushOutcome.Defer("Salesforce connection changed; first sync pending",
                    now.plus(SalesforceFailures.DEFER)));
        }
        if (!user.connected()) {
            return Optional.of(new PushOutcome.Defer("Salesforce connection needs renewing",
                    now.plus(SalesforceFailures.DEFER)));
        }
        if (failures.blocked(user.orgId())) {
            return Optional.of(new PushOutcome.Defer(SalesforceFailures.LIMIT_REACHED,
                    failures.blockedUntil(user.orgId())));
        }
        if (failures.down(user.orgId())) {
            return Optional.of(new PushOutcome.Defer("Salesforce unavailable", failures.outage(user.orgId())));
        }
        ApiBudget.Throttle pace = failures.pace(user.orgId());
        if (writeAhead && pace.pace() == ApiBudget.Pace.SLOWEST) {
            // Pushed by the org's next (hourly) sweep, with every other change that waited (one call per 200).
            return Optional.of(new PushOutcome.Defer(SalesforceFailures.API_BUDGET + pace.reason(), now));
        }
        return Optional.empty();
    }

    /**
     * Finishes the links of tasks the sync removed on Salesforce's behalf where the invocation died before the link
     * followed ({@link Deletions#followRemoval}); needs no Salesforce call, so it runs whether or not the user syncs or
     * is connected now.
     *
     * @return the task ids whose stores failed (their records go back to the stream)
     */
    List<String> followRemovals(String userId, Collection<String> taskIds) {
        List<String> failed = new ArrayList<>();
        Instant now = clock.instant();
        for (String taskId : taskIds) {
            try {
                links.get(UserId.of(userId), TaskId.of(taskId)).filter(link -> link.state() == LinkState.LINKED)
                        .ifPresent(link -> tasks.get(link.user(), link.task()).ifPresent(task -> {
                            if (deletions.followRemoval(link, task, now)) {
                                LOG.info("Salesforce removal's link finished: userId={} taskId={}", userId, taskId);
                            }
                        }));
            } catch (StoreException | WriteConflictException e) {
                failed.add(taskId);
            }
        }
        return failed;
    }

    /** Best effort: an intent left behind only makes the sweep find nothing to push later. */
    private void release(List<PendingPush> intents) {
        if (intents.isEmpty()) {
            return;
        }
        try {
            pendingPushes.removeAll(intents);
        } catch (StoreException e) {
            LOG.info("write-ahead pending pushes not removed; the sweep will drop them: userId={} count={}",
                    intents.get(0).userId(), intents.size());
        }
    }

    static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /** Metrics of a push that went: ChangesApplied (ToSalesforce, by kind) and the lag from the task's write. */
    private void applied(PushAction a, PushOutcome outcome) {
        if (!(outcome instanceof PushOutcome.Done)) {
            return;
        }
        ScTask task = a instanceof PushAction.Create c ? c.task()
                : a instanceof PushAction.RetryCreate c ? c.task()
                : a instanceof PushAction.Update u ? u.task()
                : a instanceof PushAction.Mend m ? m.task()
                : a instanceof PushAction.DeletePending d ? d.tombstone() : null;
        String kind = a instanceof PushAction.Delete || a instanceof PushAction.DeletePending ? "Delete"
                : a instanceof PushAction.Update ? "Update" : "Create";
        Metrics.current().changeApplied(SyncMetrics.Direction.TO_SALESFORCE, kind);
        if (task != null && task.updatedAt() != null) {
            Metrics.current().changeLag(SyncMetrics.Direction.TO_SALESFORCE,
                    Duration.between(task.updatedAt(), clock.instant()));
        }
    }

    private static Map<String, Long> summary(Map<String, PushOutcome> outcomes) {
        Map<String, Long> out = new LinkedHashMap<>();
        outcomes.values().forEach(o -> out.merge(o.getClass().getSimpleName(), 1L, Long::sum));
        return out;
    }
}
