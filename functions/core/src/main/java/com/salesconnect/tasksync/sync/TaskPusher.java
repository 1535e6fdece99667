package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.metrics.SyncMetrics;
import com.salesconnect.tasksync.rules.Eligibility;
import com.salesconnect.tasksync.rules.Freshness;
import com.salesconnect.tasksync.rules.ThreeWayMerge;
import com.salesconnect.tasksync.rules.Tombstones;
import com.salesconnect.tasksync.salesforce.OutOfTimeException;
import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.SalesforceUnavailableException;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.salesforce.SfWrite;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.PendingPushStore;
import com.salesconnect.tasksync.store.ReadAhead;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.task.InvalidTaskException;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskMapper;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pushes one user's Sales Connect tasks to Salesforce from their current stored state (never from a stream image),
 * in collection calls: deletes, then creates, then updates. Used by the outbound stream and by the sweep's retry
 * of pending pushes. Every step is idempotent: pushing the same tasks twice makes no second Salesforce write.
 *
 * <ul>
 *   <li>Create: a PENDING_CREATE link is written before the call. A push that finds PENDING_CREATE first looks in
 *       Salesforce for the task an interrupted create made (same owner and subject, created since the push began)
 *       and adopts it instead of creating a second one.</li>
 *   <li>Update: only fields that differ from what Salesforce holds are sent. One query first reads the current
 *       Salesforce versions; when Salesforce changed too, both sides are merged three-way, the merged values go to
 *       Salesforce and (with origin SALESFORCE) to Sales Connect, and conflicts are recorded.</li>
 *   <li>Delete: ENTITY_IS_DELETED counts as done; the link becomes a 15-day tombstone.</li>
 * </ul>
 */
final class TaskPusher {

    private static final Logger LOG = LoggerFactory.getLogger(TaskPusher.class);

    /** Records per collection call (Salesforce's maximum). */
    static final int BATCH = 200;
    /** How far before the push began an interrupted create may be dated (clock skew between us and Salesforce). */
    static final Duration ADOPT_SLACK = Duration.ofMinutes(1);
    /**
     * The longest a create call can take, retries included (bounded by the Salesforce client's time-outs): a task an
     * interrupted create made is dated within this window after the attempt began, and no retry starts before it
     * closed, so two attempts never run at once.
     */
    static final Duration CREATE_WINDOW = Duration.ofMinutes(2);
    private static final Set<String> GONE_ON_DELETE = Set.of("ENTITY_IS_DELETED", "INVALID_CROSS_REFERENCE_KEY",
            "NOT_FOUND");

    private sealed interface Action {
        String taskId();
    }

    private record Create(ScTask task) implements Action {
        public String taskId() {
            return task.taskId();
        }
    }

    private record RetryCreate(ScTask task, TaskLink link) implements Action {
        public String taskId() {
            return task.taskId();
        }
    }

    private record Update(ScTask task, TaskLink link) implements Action {
        public String taskId() {
            return task.taskId();
        }
    }

    /** An imported task whose link write was lost (crash between the two): link it again, never create it. */
    private record Mend(ScTask task, String sfId) implements Action {
        public String taskId() {
            return task.taskId();
        }
    }

    private record Delete(TaskLink link) implements Action {
        public String taskId() {
            return link.taskId();
        }
    }

    /** A task deleted while its create was pending: delete what the create may have made. */
    private record DeletePending(TaskLink link, ScTask tombstone) implements Action {
        public String taskId() {
            return link.taskId();
        }
    }

    private record PreparedCreate(ScTask task, TaskLink link, TaskMapper.Create body) {
        PreparedCreate withLink(TaskLink stored) {
            return new PreparedCreate(task, stored, body);
        }
    }

    private record PreparedUpdate(ScTask task, TaskLink link, TaskMapper.Update body, TaskFields salesforceNow,
                                  Instant sfModstamp) {
    }

    /** The state of one push run. */
    private static final class Run {
        final SyncUser user;
        final Instant now;
        final Map<String, PushOutcome> outcomes;
        final List<Update> adopted = new ArrayList<>();
        /** Salesforce accepted at least one write of this run (for the sync health). */
        boolean accepted;

        Run(SyncUser user, Instant now, Map<String, PushOutcome> outcomes) {
            this.user = user;
            this.now = now;
            this.outcomes = outcomes;
        }

        void done(String taskId) {
            outcomes.put(taskId, PushOutcome.DONE);
        }
    }

    private final ReadAhead reads;
    private final TaskStore tasks;
    private final LinkStore links;
    private final PendingPushStore pendingPushes;
    private final ConflictRecorder conflicts;
    private final Deletions deletions;
    private final SalesforceFailures failures;
    private final SyncMarks marks;
    private final Clock clock;

    TaskPusher(ReadAhead reads, PendingPushStore pendingPushes, ConflictRecorder conflicts,
               SalesforceFailures failures, SyncMarks marks, Clock clock) {
        this.reads = reads;
        this.tasks = reads.tasks();
        this.links = reads.links();
        this.pendingPushes = pendingPushes;
        this.conflicts = conflicts;
        this.deletions = new Deletions(tasks, links, conflicts);
        this.failures = failures;
        this.marks = marks;
        this.clock = clock;
    }

    /**
     * Pushes the current state of {@code taskIds}; one outcome per task id.
     *
     * @param writeAhead true when no pending push protects these tasks yet (stream, inbound): one is written for
     *                   each task before the first Salesforce call and removed once its push is done, so an
     *                   invocation that dies in between leaves the sweep a pending push instead of losing the change
     */
    Map<String, PushOutcome> push(SyncUser user, Collection<String> taskIds, boolean writeAhead) {
        Map<String, PushOutcome> outcomes = new LinkedHashMap<>();
        Set<String> ids = new LinkedHashSet<>(taskIds);
        if (!user.enabled()) {
            ids.forEach(id -> outcomes.put(id, PushOutcome.DONE));
            return outcomes;
        }
        Instant now = clock.instant();
        Run run = new Run(user, now, outcomes);
        List<Action> planned = new ArrayList<>();
        for (String taskId : ids) {
            guarded(run, taskId, () -> plan(run, taskId).ifPresentOrElse(planned::add, () -> run.done(taskId)));
        }
        if (planned.isEmpty()) {
            return outcomes;
        }
        Optional<PushOutcome.Defer> notNow = notNow(user, now, writeAhead);
        if (notNow.isPresent()) {
            deferAll(planned, outcomes, notNow.get());
            return outcomes;
        }
        Map<String, PendingPush> intents = new LinkedHashMap<>();
        List<Action> actions = new ArrayList<>();
        for (Action a : planned) {
            guarded(run, a.taskId(), () -> {
                if (writeAhead) {
                    pendingPushes.putIfAbsent(new PendingPush(user.userId(), a.taskId(), 0, now,
                            now.plus(OutboundSync.SAFETY_NET), "push in flight"))
                            .ifPresent(intent -> intents.put(a.taskId(), intent));
                }
                actions.add(a);
            });
        }
        try {
            deletes(run, actions);
            creates(run, actions);
            updates(run, actions);
        } catch (OutOfTimeException e) {
            // Nothing started that could outlive the invocation; the rest is retried (its intents stay).
            actions.forEach(a -> outcomes.putIfAbsent(a.taskId(), new PushOutcome.Retry("out of time")));
        } catch (SalesforceUnavailableException e) {
            // Park the org's changes at once; other orgs' changes keep flowing (the stream is not held up).
            failures.handle(user, e);
            Instant until = failures.outage(user.orgId());
            actions.forEach(a -> outcomes.putIfAbsent(a.taskId(), new PushOutcome.Defer("Salesforce unavailable",
                    until)));
        } catch (SalesforceException e) {
            SalesforceFailures.Handling h = failures.handle(user, e);
            PushOutcome outcome = h.retryNow()
                    ? new PushOutcome.Retry(h.reason())
                    : new PushOutcome.Defer(h.reason(), h.notBefore());
            actions.forEach(a -> outcomes.putIfAbsent(a.taskId(), outcome));
        }
        actions.forEach(a -> outcomes.putIfAbsent(a.taskId(), PushOutcome.DONE));
        actions.forEach(a -> applied(a, outcomes.get(a.taskId())));
        intents.forEach((taskId, intent) -> {
            if (outcomes.get(taskId) instanceof PushOutcome.Done) {
                release(intent);
            }
        });
        LOG.info("pushed: userId={} tasks={} outcomes={}", user.userId(), ids.size(), summary(outcomes));
        if (run.accepted) {
            marks.pushed(user.userId());
        }
        return outcomes;
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

    /** Best effort: an intent left behind only makes the sweep find nothing to push later. */
    private void release(PendingPush intent) {
        try {
            pendingPushes.remove(intent);
        } catch (StoreException e) {
            LOG.info("write-ahead pending push not removed; the sweep will drop it: userId={} taskId={}",
                    intent.userId(), intent.taskId());
        }
    }

    private Optional<Action> plan(Run run, String taskId) {
        String userId = run.user.userId();
        Optional<ScTask> task = tasks.get(userId, taskId);
        Optional<TaskLink> link = links.get(userId, taskId);
        boolean live = task.isPresent() && Tombstones.live(task.get(), run.now);
        if (link.isPresent()) {
            TaskLink l = link.get();
            if (!run.user.owns(l)) {
                // Made under a previous Salesforce identity: detached, kept in Sales Connect, never synced again.
                return Optional.empty();
            }
            return switch (l.state()) {
                case DELETED -> Optional.empty();
                case PENDING_CREATE -> Optional.of(live
                        ? new RetryCreate(task.get(), l)
                        : new DeletePending(l, task.orElse(null)));
                case LINKED -> {
                    if (!live && task.isPresent() && task.get().changeOrigin() == Origin.SALESFORCE) {
                        // The sync removed the task on Salesforce's behalf (deleted or given to someone else there)
                        // and stopped before its link followed: finish that, never delete in Salesforce.
                        deletions.tombstoneLink(l, Origin.SALESFORCE, l.sfId(), run.now);
                        yield Optional.empty();
                    }
                    if (!live) {
                        yield Optional.of(new Delete(l));
                    }
                    yield hasLocalChanges(task.get(), l) ? Optional.of(new Update(task.get(), l)) : Optional.empty();
                }
            };
        }
        String importedFrom = SalesforceIds.sfIdOfImported(taskId);
        if (!live) {
            return importedFrom == null ? Optional.empty() : deleteUnlinkedImport(run, task, importedFrom);
        }
        if (importedFrom != null) {
            // Imported under the identity connected now (no switch since) and its link write lost: link it again.
            // One imported before a switch stays as it is: it belongs to the previous identity, whose org cannot tell.
            return importedUnderThisIdentity(run, task.get())
                    ? Optional.of(new Mend(task.get(), importedFrom)) : Optional.empty();
        }
        if (!Eligibility.pushable(run.user.settings(), Optional.empty(), task.get())) {
            return Optional.empty();
        }
        TaskMapper.normalize(task.get().fields()); // bad data (a blank subject) is recorded by guarded(), not sent
        return Optional.of(new Create(task.get()));
    }

    private static boolean importedUnderThisIdentity(Run run, ScTask task) {
        var detached = run.user.settings().detached();
        return detached == null || task.createdAt().isAfter(detached.at());
    }

    /**
     * A person deleted an imported task whose import died before its link (sync on or off since): the deletion
     * wins, as for a linked pair (SPEC §3), and reaches Salesforce, unless another link holds the Salesforce id now
     * or the task belongs to a previous identity. The link the import meant to write stands in for the pair.
     */
    private Optional<Action> deleteUnlinkedImport(Run run, Optional<ScTask> tombstone, String sfId) {
        if (tombstone.isEmpty() || !tombstone.get().deleted() || tombstone.get().changeOrigin() != Origin.SALES_CONNECT
                || !importedUnderThisIdentity(run, tombstone.get())
                || links.findBySfId(run.user.orgId(), SalesforceIds.to18(sfId)).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Delete(TaskLink.linked(run.user.userId(), tombstone.get().taskId(),
                run.user.identity(), SalesforceIds.to18(sfId), Deletions.normalizedOrAsIs(tombstone.get().fields()),
                null, 0L)));
    }

    /** Sales Connect differs from the last synced values (in the form Salesforce holds them). */
    private static boolean hasLocalChanges(ScTask task, TaskLink link) {
        return link.base() == null || !TaskMapper.normalize(task.fields()).fields().equals(link.base());
    }

    // ---- deletes ----

    private void deletes(Run run, List<Action> actions) {
        Map<String, TaskLink> bySfId = new LinkedHashMap<>();
        for (Action a : actions) {
            if (a instanceof Delete d) {
                bySfId.put(SalesforceIds.to18(d.link().sfId()), d.link());
            } else if (a instanceof DeletePending p) {
                guarded(run, p.taskId(), () -> {
                    if (createInFlight(run, p.link())) {
                        return;
                    }
                    // The values the create sent are on its link; the task's tombstone may have expired meanwhile
                    // (a connection broken for weeks), which does not make the create undone.
                    Optional<SfTask> made = p.tombstone() == null && p.link().base() == null
                            ? Optional.empty()
                            : interruptedCreate(run, p.tombstone(), p.link());
                    if (made.isEmpty()) {
                        deletions.tombstoneLink(p.link(), Origin.SALES_CONNECT, null, run.now);
                        run.done(p.taskId());
                    } else {
                        bySfId.put(SalesforceIds.to18(made.get().id()), p.link());
                    }
                });
            }
        }
        List<String> ids = new ArrayList<>(bySfId.keySet());
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
            List<SaveResult> results = run.user.api().delete(chunk);
            // Each tombstone write reads its link and the id's holder again: a few batch reads for the chunk.
            reads.prefetch(run.user.userId(), chunk.stream().map(id -> bySfId.get(id).taskId()).toList());
            reads.prefetchBySfId(run.user.orgId(), chunk);
            for (int i = 0; i < chunk.size(); i++) {
                String sfId = chunk.get(i);
                TaskLink link = bySfId.get(sfId);
                SaveResult result = i < results.size() ? results.get(i) : null;
                guarded(run, link.taskId(), () -> deleted(run, link, sfId, result));
            }
        }
    }

    private void deleted(Run run, TaskLink link, String sfId, SaveResult result) {
        String userId = run.user.userId();
        if (result == null) {
            run.outcomes.put(link.taskId(), new PushOutcome.Retry("no result from Salesforce"));
            return;
        }
        boolean deletedThere = true;
        if (result instanceof SaveResult.Failed f && !GONE_ON_DELETE.contains(firstCode(f))) {
            if (SalesforceFailures.isTransient(f)) {
                run.outcomes.put(link.taskId(), new PushOutcome.Retry("Salesforce busy"));
                return;
            }
            // Refused for good: the Sales Connect deletion stands and is reported; Salesforce keeps its task.
            conflicts.rejected(userId, link.taskId(), sfId, f.errors(), run.now);
            deletedThere = false;
        }
        // Stamped after the call: a Salesforce version of a later second is an undelete, never a late message. When
        // Salesforce's task is deleted (by this call or before it), the stamp also bounds that deletion's
        // SystemModstamp, so a live version of the same second can be checked against Salesforce.
        Instant after = clock.instant();
        deletions.tombstoneLink(link, Origin.SALES_CONNECT, sfId, after, deletedThere ? after : null);
        run.accepted |= deletedThere;
        run.done(link.taskId());
    }

    // ---- creates ----

    private void creates(Run run, List<Action> actions) {
        List<PreparedCreate> prepared = new ArrayList<>();
        List<PreparedCreate> fresh = new ArrayList<>();
        for (Action a : actions) {
            if (a instanceof RetryCreate r) {
                guarded(run, r.taskId(), () -> retryCreate(run, r).ifPresent(prepared::add));
            } else if (a instanceof Create c) {
                guarded(run, c.taskId(), () -> {
                    TaskMapper.Create body = TaskMapper.forCreate(c.task().fields(), run.user.sfUserId(),
                            run.user::statuses);
                    fresh.add(new PreparedCreate(c.task(), TaskLink.pendingCreate(run.user.userId(), c.taskId(),
                            run.user.identity(), run.now, body.salesforceAfter()), body));
                });
            }
        }
        // Written before the call: a retry or an echo then knows a create is (or was) in flight.
        Map<String, TaskLink> pending = saveAll(run, fresh.stream().map(PreparedCreate::link).toList());
        for (PreparedCreate c : fresh) {
            guarded(run, c.task().taskId(), () -> {
                TaskLink link = pending.get(c.task().taskId());
                prepared.add(c.withLink(link != null ? link : links.save(c.link())));
            });
        }
        for (int from = 0; from < prepared.size(); from += BATCH) {
            List<PreparedCreate> chunk = prepared.subList(from, Math.min(prepared.size(), from + BATCH));
            List<SaveResult> results = run.user.api().create(chunk.stream()
                    .map(p -> new SfWrite(p.task().taskId(), null, p.body().fields())).toList());
            // The usual outcome, every create made: their links leave PENDING_CREATE together.
            List<TaskLink> made = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                if (i < results.size() && results.get(i) instanceof SaveResult.Saved saved) {
                    made.add(chunk.get(i).link().relinked(SalesforceIds.to18(saved.id()),
                            chunk.get(i).body().salesforceAfter(), null));
                }
            }
            Map<String, TaskLink> linked = saveAll(run, made);
            for (int i = 0; i < chunk.size(); i++) {
                PreparedCreate p = chunk.get(i);
                SaveResult result = i < results.size() ? results.get(i) : null;
                if (linked.containsKey(p.task().taskId()) && result instanceof SaveResult.Saved saved) {
                    guarded(run, p.task().taskId(), () -> createLinked(run, p, SalesforceIds.to18(saved.id())));
                } else {
                    guarded(run, p.task().taskId(), () -> created(run, p, result));
                }
            }
        }
    }

    /**
     * {@link LinkStore#saveAll}, empty when it failed as a whole: each link is then saved alone (which settles any
     * the batch did save), so a store failure holds up only the tasks whose own save fails.
     */
    private Map<String, TaskLink> saveAll(Run run, List<TaskLink> batch) {
        if (batch.isEmpty()) {
            return Map.of();
        }
        try {
            return links.saveAll(batch);
        } catch (StoreException e) {
            LOG.info("batch link save failed, saving one by one: userId={} links={} error={}", run.user.userId(),
                    batch.size(), e.getClass().getSimpleName());
            return Map.of();
        }
    }

    /**
     * A create that may have reached Salesforce before (a lost response, a crash): adopt what it made, else create
     * again, claiming the link first so that two retries never create twice. A task of an earlier enabled period is
     * only adopted, never created now (no back-fill).
     */
    private Optional<PreparedCreate> retryCreate(Run run, RetryCreate r) {
        if (createInFlight(run, r.link())) {
            return Optional.empty();
        }
        Optional<SfTask> made = interruptedCreate(run, r.task(), r.link());
        if (made.isPresent()) {
            SfTask row = made.get();
            TaskLink adopted = saveLinked(r.link(), SalesforceIds.to18(row.id()), fromSalesforce(run, row),
                    row.systemModstamp());
            LOG.info("adopted an interrupted create: userId={} taskId={}", run.user.userId(), r.taskId());
            if (row.deleted()) {
                // Deleted in Salesforce since: that deletion wins; the task is not made again.
                deletions.goneInSalesforce(adopted, false, run.now, row.systemModstamp());
                run.done(r.taskId());
                return Optional.empty();
            }
            if (hasLocalChanges(r.task(), adopted)) {
                run.adopted.add(new Update(r.task(), adopted));
            } else {
                run.done(r.taskId());
            }
            return Optional.empty();
        }
        if (!Eligibility.pushable(run.user.settings(), Optional.empty(), r.task())) {
            links.delete(r.link());
            run.done(r.taskId());
            return Optional.empty();
        }
        TaskMapper.Create body = TaskMapper.forCreate(r.task().fields(), run.user.sfUserId(), run.user::statuses);
        // The claim: a concurrent retry of the same create loses this conditional write and does not create.
        TaskLink claimed = links.save(r.link().pendingAgain(run.now, body.salesforceAfter()));
        return Optional.of(new PreparedCreate(r.task(), claimed, body));
    }

    /**
     * The echo of this create (a person edited the new task at once, so it did not match the values sent) came before
     * the create's link and was imported as {@code sf-<id>}: that copy is removed (the sync's own deletion, never
     * pushed) and its link gives the id up, so this task links it; Salesforce's values reach it with the next merge.
     */
    private boolean dropImportedCopy(Run run, String sfId) {
        String copyId = SalesforceIds.importedTaskId(sfId);
        Optional<TaskLink> holder = links.findBySfId(run.user.orgId(), sfId);
        if (holder.isEmpty() || !holder.get().userId().equals(run.user.userId())
                || !holder.get().taskId().equals(copyId) || holder.get().state() != LinkState.LINKED) {
            return false;
        }
        Retry.onWriteConflict(() -> tasks.get(run.user.userId(), copyId)
                .filter(t -> Tombstones.live(t, run.now))
                .map(t -> tasks.save(Tombstones.of(t, Origin.SALESFORCE, run.now))));
        deletions.tombstoneLink(holder.get(), Origin.SALESFORCE, sfId, run.now);
        links.releaseSfId(holder.get());
        LOG.info("imported copy of our own create dropped: userId={}", run.user.userId());
        return true;
    }

    /** True (and the task deferred) while the create attempt that began at the link's pendingSince may be running. */
    private boolean createInFlight(Run run, TaskLink pending) {
        Instant begun = pending.pendingSince();
        if (begun == null || !run.now.isBefore(begun.plus(CREATE_WINDOW))) {
            return false;
        }
        run.outcomes.put(pending.taskId(), new PushOutcome.Defer("a create of this task may still be running",
                begun.plus(CREATE_WINDOW)));
        return true;
    }

    /** A create Salesforce made, its link LINKED now: the values Salesforce adjusted recorded, the task done. */
    private void createLinked(Run run, PreparedCreate p, String sfId) {
        run.accepted = true;
        conflicts.adjusted(run.user.userId(), p.task().taskId(), sfId, p.body().adjustments(), run.now);
        run.done(p.task().taskId());
    }

    private void created(Run run, PreparedCreate p, SaveResult result) {
        String userId = run.user.userId();
        String taskId = p.task().taskId();
        if (result instanceof SaveResult.Saved saved) {
            String sfId = SalesforceIds.to18(saved.id());
            try {
                saveLinked(p.link(), sfId, p.body().salesforceAfter(), null);
            } catch (WriteConflictException e) {
                // The echo of this create may have adopted the link first: same task, same Salesforce id is fine.
                TaskLink now = links.get(userId, taskId).orElseThrow(() -> e);
                if (now.state() != LinkState.LINKED || !SalesforceIds.same(now.sfId(), sfId)) {
                    if (!dropImportedCopy(run, sfId)) {
                        throw e;
                    }
                    saveLinked(now, sfId, p.body().salesforceAfter(), null);
                }
            }
            createLinked(run, p, sfId);
        } else if (result instanceof SaveResult.Failed f) {
            if (SalesforceFailures.isTransient(f)) {
                run.outcomes.put(taskId, new PushOutcome.Retry("Salesforce busy"));
                return;
            }
            // Refused for good: no PENDING_CREATE stays behind (nothing was made); the next edit tries again.
            conflicts.rejected(userId, taskId, null, f.errors(), run.now);
            links.delete(p.link());
            run.done(taskId);
        } else {
            run.outcomes.put(taskId, new PushOutcome.Retry("no result from Salesforce"));
        }
    }

    /**
     * The task an interrupted create made: owned by the connected user, created within the attempt's window, linked to
     * nothing (or only to the copy its own echo imported meanwhile, untouched in Sales Connect), with exactly the
     * values the create sent. Anything else may be a person's own task, which is never taken. (A person who changes the
     * new task before the create's outcome is known makes it unrecognisable: without an external id on Task, the
     * create is then made again.)
     */
    private Optional<SfTask> interruptedCreate(Run run, ScTask task, TaskLink pending) {
        TaskFields want = pending.base() != null ? pending.base() : TaskMapper.normalize(task.fields()).fields();
        Instant begun = pending.pendingSince() != null ? pending.pendingSince() : run.now;
        Instant from = begun.minus(ADOPT_SLACK);
        Instant until = begun.plus(CREATE_WINDOW);
        List<SfTask> rows = TaskQueries.all(run.user.api(),
                new TaskQuery.RecentCreates(run.user.sfUserId(), from, until));
        for (SfTask row : rows) {
            if (row.createdDate() == null || row.createdDate().isAfter(until)
                    || !SalesforceIds.same(row.ownerId(), run.user.sfUserId()) || !unclaimed(run, row)) {
                continue;
            }
            if (fromSalesforce(run, row).equals(want)) {
                dropImportedCopy(run, SalesforceIds.to18(row.id()));
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /** Linked to no task, or only to the copy of it an echo imported for this user, never edited in Sales Connect. */
    private boolean unclaimed(Run run, SfTask row) {
        String sfId = SalesforceIds.to18(row.id());
        Optional<TaskLink> holder = links.findBySfId(run.user.orgId(), sfId);
        if (holder.isEmpty()) {
            return true;
        }
        TaskLink h = holder.get();
        return h.userId().equals(run.user.userId()) && h.taskId().equals(SalesforceIds.importedTaskId(sfId))
                && h.state() == LinkState.LINKED
                && tasks.get(h.userId(), h.taskId()).map(t -> t.changeOrigin() == Origin.SALESFORCE).orElse(true);
    }

    // ---- updates ----

    private void updates(Run run, List<Action> actions) {
        List<Action> toUpdate = new ArrayList<>();
        actions.stream().filter(a -> a instanceof Update || a instanceof Mend).forEach(toUpdate::add);
        toUpdate.addAll(run.adopted);
        if (toUpdate.isEmpty()) {
            return;
        }
        List<String> sfIds = toUpdate.stream()
                .map(a -> a instanceof Mend m ? m.sfId() : ((Update) a).link().sfId())
                .toList();
        Map<String, SfTask> rows = TaskQueries.byIds(run.user.api(), sfIds);
        List<PreparedUpdate> prepared = new ArrayList<>();
        for (Action a : toUpdate) {
            guarded(run, a.taskId(), () -> {
                Optional<Update> update = a instanceof Mend m ? mend(run, m, rows) : Optional.of((Update) a);
                update.flatMap(u -> prepareUpdate(run, u, rows.get(SalesforceIds.to18(u.link().sfId()))))
                        .ifPresent(prepared::add);
            });
        }
        for (int from = 0; from < prepared.size(); from += BATCH) {
            List<PreparedUpdate> chunk = prepared.subList(from, Math.min(prepared.size(), from + BATCH));
            List<SaveResult> results = run.user.api().update(chunk.stream()
                    .map(p -> new SfWrite(p.task().taskId(), p.link().sfId(), p.body().fields())).toList());
            for (int i = 0; i < chunk.size(); i++) {
                PreparedUpdate p = chunk.get(i);
                SaveResult result = i < results.size() ? results.get(i) : null;
                guarded(run, p.task().taskId(), () -> updated(run, p, result));
            }
        }
    }

    private Optional<Update> mend(Run run, Mend m, Map<String, SfTask> rows) {
        SfTask row = rows.get(SalesforceIds.to18(m.sfId()));
        boolean ours = row != null && !row.deleted() && SalesforceIds.same(row.ownerId(), run.user.sfUserId())
                && links.findBySfId(run.user.orgId(), m.sfId()).isEmpty();
        if (!ours) {
            // The Salesforce task is gone or belongs to someone else now: so does the imported copy.
            Retry.onWriteConflict(() -> tasks.get(run.user.userId(), m.taskId())
                    .filter(t -> Tombstones.live(t, run.now))
                    .map(t -> tasks.save(Tombstones.of(t, Origin.SALESFORCE, run.now))));
            run.done(m.taskId());
            return Optional.empty();
        }
        TaskLink link = links.save(TaskLink.linked(run.user.userId(), m.taskId(), run.user.identity(),
                SalesforceIds.to18(m.sfId()), fromSalesforce(run, row), row.systemModstamp(), 0));
        if (!hasLocalChanges(m.task(), link)) {
            run.done(m.taskId());
            return Optional.empty();
        }
        return Optional.of(new Update(m.task(), link));
    }

    private Optional<PreparedUpdate> prepareUpdate(Run run, Update u, SfTask row) {
        TaskLink link = u.link();
        ScTask task = u.task();
        if (row == null || row.deleted()) {
            deletions.goneInSalesforce(link, false, run.now, row == null ? null : row.systemModstamp());
            run.done(task.taskId());
            return Optional.empty();
        }
        if (!SalesforceIds.same(row.ownerId(), run.user.sfUserId())) {
            deletions.goneInSalesforce(link, true, run.now, row.systemModstamp());
            run.done(task.taskId());
            return Optional.empty();
        }
        boolean salesforceChanged = Freshness.of(row.systemModstamp(), link).isNew();
        TaskFields sfNow = salesforceChanged ? fromSalesforce(run, row) : link.base();
        Instant stamp = salesforceChanged ? row.systemModstamp() : link.sfModstamp();
        TaskFields scNow = TaskMapper.normalize(task.fields()).fields();
        ThreeWayMerge.Result merge = ThreeWayMerge.merge(link.base(), scNow, sfNow, task.updatedAt(),
                row.lastModifiedDate());
        TaskFields scMerged = overlay(task.fields(), merge.fromSalesforce(), sfNow, merge.merged());
        TaskMapper.Update body = TaskMapper.forUpdate(sfNow, scMerged, run.user::statuses);
        if (!body.salesConnectAfter().equals(task.fields())) {
            // Origin SALESFORCE: the stream must not push these values back as a new Sales Connect edit.
            tasks.save(task.edited(body.salesConnectAfter(), Origin.SALESFORCE, run.now));
        }
        conflicts.merged(task.userId(), task.taskId(), link.sfId(), merge.conflicts(),
                later(task.updatedAt(), row.lastModifiedDate()));
        if (body.nothingToSend()) {
            saveLinked(link, link.sfId(), body.salesforceAfter(), stamp);
            conflicts.adjusted(task.userId(), task.taskId(), link.sfId(), body.adjustments(), run.now);
            run.done(task.taskId());
            return Optional.empty();
        }
        return Optional.of(new PreparedUpdate(task, link, body, sfNow, stamp));
    }

    private void updated(Run run, PreparedUpdate p, SaveResult result) {
        String userId = run.user.userId();
        String taskId = p.task().taskId();
        String sfId = p.link().sfId();
        if (result instanceof SaveResult.Saved) {
            saveLinked(p.link(), sfId, p.body().salesforceAfter(), p.sfModstamp());
            conflicts.adjusted(userId, taskId, sfId, p.body().adjustments(), run.now);
            run.accepted = true;
            run.done(taskId);
        } else if (result instanceof SaveResult.Failed f) {
            if (f.hasCode("ENTITY_IS_DELETED")) {
                deletions.goneInSalesforce(p.link(), false, run.now);
                run.done(taskId);
            } else if (SalesforceFailures.isTransient(f)) {
                run.outcomes.put(taskId, new PushOutcome.Retry("Salesforce busy"));
            } else {
                // Refused for good: Sales Connect keeps its values; the base stays what Salesforce holds.
                conflicts.rejected(userId, taskId, sfId, f.errors(), run.now);
                saveLinked(p.link(), sfId, p.salesforceNow(), p.sfModstamp());
                run.done(taskId);
            }
        } else {
            run.outcomes.put(taskId, new PushOutcome.Retry("no result from Salesforce"));
        }
    }

    // ---- helpers ----

    private TaskLink saveLinked(TaskLink link, String sfId, TaskFields base, Instant sfModstamp) {
        return links.save(link.relinked(sfId, base, sfModstamp));
    }

    private static TaskFields fromSalesforce(Run run, SfTask row) {
        return TaskMapper.fromSalesforce(row, run.user::statuses);
    }

    /**
     * Sales Connect's fields after a merge: the fields Salesforce won taken over, then every field whose Salesforce
     * form still differs from the merged value set to it. That second step matters when a field's Salesforce form
     * depended on another: a subject over 255 characters lives on at the top of Salesforce's description, so when the
     * subject is replaced, that description becomes Sales Connect's notes; when the description no longer starts with
     * the full subject, the subject Salesforce holds (cut) becomes Sales Connect's.
     */
    static TaskFields overlay(TaskFields fields, Set<TaskFields.Field> take, TaskFields from, TaskFields merged) {
        TaskFields out = fields;
        for (TaskFields.Field f : take) {
            out = out.with(f, from.get(f));
        }
        TaskFields asSalesforceHolds = Deletions.normalizedOrAsIs(out);
        for (TaskFields.Field f : TaskFields.Field.values()) {
            if (!Objects.equals(asSalesforceHolds.get(f), merged.get(f))) {
                out = out.with(f, merged.get(f));
            }
        }
        // A long subject puts itself back at the top of the notes: when Salesforce's notes no longer hold it (a
        // person removed it there), Sales Connect takes Salesforce's form, cut subject included.
        return Deletions.normalizedOrAsIs(out).equals(merged) ? out : merged;
    }

    static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String firstCode(SaveResult.Failed f) {
        return f.errors().isEmpty() ? "" : f.errors().get(0).statusCode();
    }

    /**
     * Runs one task's step. Store failures and lost races make that task retry; bad task data is recorded and
     * never retried. Salesforce failures are about the org or connection, so they abort the run.
     */
    private void guarded(Run run, String taskId, Runnable step) {
        try {
            step.run();
        } catch (StoreException | WriteConflictException e) {
            LOG.warn("push step failed, will retry: userId={} taskId={} error={}", run.user.userId(), taskId,
                    e.getClass().getSimpleName());
            run.outcomes.put(taskId, new PushOutcome.Retry("store"));
        } catch (InvalidTaskException e) {
            conflicts.invalid(run.user.userId(), taskId, e.field(), e.getMessage(), run.now);
            run.done(taskId);
        }
    }

    /** Metrics of a push that went: ChangesApplied (ToSalesforce, by kind) and the lag from the task's write. */
    private void applied(Action a, PushOutcome outcome) {
        if (!(outcome instanceof PushOutcome.Done)) {
            return;
        }
        ScTask task = a instanceof Create c ? c.task()
                : a instanceof RetryCreate c ? c.task()
                : a instanceof Update u ? u.task()
                : a instanceof Mend m ? m.task()
                : a instanceof DeletePending d ? d.tombstone() : null;
        String kind = a instanceof Delete || a instanceof DeletePending ? "Delete"
                : a instanceof Update ? "Update" : "Create";
        Metrics.current().changeApplied(SyncMetrics.Direction.TO_SALESFORCE, kind);
        if (task != null && task.updatedAt() != null) {
            Metrics.current().changeLag(SyncMetrics.Direction.TO_SALESFORCE,
                    Duration.between(task.updatedAt(), clock.instant()));
        }
    }

    private static void deferAll(List<Action> actions, Map<String, PushOutcome> outcomes, PushOutcome.Defer defer) {
        actions.forEach(a -> outcomes.put(a.taskId(), defer));
    }

    private static Map<String, Long> summary(Map<String, PushOutcome> outcomes) {
        Map<String, Long> out = new LinkedHashMap<>();
        outcomes.values().forEach(o -> out.merge(o.getClass().getSimpleName(), 1L, Long::sum));
        return out;
    }
}
