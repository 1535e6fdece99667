package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.salesforce.ConnectionBrokenException;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.SalesforceRequestException;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.ImportCursor;
import com.salesconnect.tasksync.settings.SweepState;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.OrgProbe;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.ReadAhead;
import com.salesconnect.tasksync.store.SfIdClaim;
import com.salesconnect.tasksync.task.SfTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The reconciliation sweep (the reconciliation-sweep function): the scheduled fan-out over enabled users, and per
 * user the first sync after enabling or else an incremental catch-up, then the retry of pending pushes.
 *
 * <p>First sync: on a re-enable, Salesforce deletions of the last 15 days are applied first; then every task owned
 * by the connected Salesforce user and modified since 24 hours before enabling is imported (any due date, or
 * none), in (SystemModstamp, Id) keyset pages whose cursor and progress are saved after each page, so a crash
 * resumes where it stopped. Incremental: one {@code queryAll} for the owner's tasks changed since the watermark
 * (minus an overlap; duplicates are harmless), live rows applied like outbound messages, deleted rows as
 * deletions. Work stops early, progress saved, when the user turns sync off meanwhile.
 */
public final class SweepService {

    private static final Logger LOG = LoggerFactory.getLogger(SweepService.class);

    /** Users per fan-out event (EventBridge PutEvents takes 10 entries a call). */
    public static final int FAN_OUT_BATCH = 10;
    static final int ENABLED_USERS_PAGE = 100;
    /** SystemModstamp is set when a transaction starts but becomes visible at commit: re-read a little. */
    static final Duration OVERLAP = Duration.ofMinutes(2);
    static final Duration FIRST_IMPORT_WINDOW = Duration.ofHours(24);
    /** SOQL's largest page: a first import of N tasks costs N / 2,000 queries. */
    static final int IMPORT_PAGE = 2_000;
    /** The longest a first sync's lease lasts (the function's own limit); it is given up when the work stops. */
    static final Duration MAX_LEASE = Duration.ofMinutes(15);
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    static final Duration FAILED_RETRY_AFTER = Duration.ofHours(1);
    static final int MAX_PUSH_ATTEMPTS = 20;
    static final Duration FIRST_BACKOFF = Duration.ofMinutes(5);
    static final Duration MAX_BACKOFF = Duration.ofHours(6);

    private final SyncStores stores;
    private final SalesforceApiFactory apis;
    private final SyncEventPublisher events;
    private final Clock clock;
    private final TaskStatusCache statusCache;
    private final SalesforceFailures failures;
    private final SalesforceChangeApplier applier;
    private final ReadAhead reads;
    private final TaskPusher pusher;
    private final ConflictRecorder conflicts;
    private final SettingsService settings;
    private final LinkReconciler reconciler;
    private final OrgProbes probes;
    private final ChangeEventPace pace;

    public SweepService(SyncStores stores, SalesforceApiFactory apis, SyncEventPublisher events, Clock clock) {
        this(stores, apis, events, clock, ApiBudget.DEFAULT_CEILING);
    }

    /** @param apiBudgetCeiling the sync's share of each org's daily API limit it keeps under (see {@link ApiBudget}) */
    public SweepService(SyncStores stores, SalesforceApiFactory apis, SyncEventPublisher events, Clock clock,
                        double apiBudgetCeiling) {
        this(stores, apis, events, clock, apiBudgetCeiling, ChangeEventPace.DEFAULT);
    }

    /** @param changeEventPace how an org's sweep slows while its change events flow */
    public SweepService(SyncStores stores, SalesforceApiFactory apis, SyncEventPublisher events, Clock clock,
                        double apiBudgetCeiling, ChangeEventPace changeEventPace) {
        this.pace = changeEventPace;
        this.stores = stores;
        this.apis = apis;
        this.events = events;
        this.clock = clock;
        this.statusCache = new TaskStatusCache(clock);
        this.failures = new SalesforceFailures(stores.orgLimits(), stores.connections(), clock, apiBudgetCeiling);
        this.conflicts = new ConflictRecorder(stores.conflicts());
        this.reads = new ReadAhead(stores.tasks(), stores.links());
        SyncMarks marks = new SyncMarks(stores.health(), clock);
        this.pusher = new TaskPusher(reads, stores.pendingPushes(), conflicts, failures,
                marks, clock);
        this.applier = new SalesforceChangeApplier(reads, stores.pendingPushes(), conflicts,
                pusher, marks, clock);
        this.settings = new SettingsService(stores.settings(), stores.connections(), events, clock);
        this.reconciler = new LinkReconciler(stores, applier, pusher, clock);
        this.probes = new OrgProbes(stores.orgProbes(), stores.orgLimits(), changeEventPace, clock);
    }

    /**
     * Probes each org that has a prober (one call per org: see {@link OrgProbes}), then publishes one sweep request
     * per enabled user, in events of {@value #FAN_OUT_BATCH}; returns the number of users.
     */
    public int fanOut(Instant scheduledAt) {
        int probed = probes.probeAll(() -> new SyncUsers(stores.settings(), stores.connections(), apis, statusCache,
                Deadline.NONE), failures);
        int total = 0;
        List<String> batch = new ArrayList<>(FAN_OUT_BATCH);
        String cursor = null;
        do {
            Page<String> page = stores.settings().enabledUsers(cursor, ENABLED_USERS_PAGE);
            for (String userId : page.items()) {
                batch.add(userId);
                total++;
                if (batch.size() == FAN_OUT_BATCH) {
                    events.sweepRequested(List.copyOf(batch), scheduledAt);
                    batch.clear();
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        if (!batch.isEmpty()) {
            events.sweepRequested(List.copyOf(batch), scheduledAt);
        }
        LOG.info("sweep fan-out: users={} orgsProbed={} scheduledAt={}", total, probed, scheduledAt);
        return total;
    }

    public SweepResult runForUser(String userId) {
        return runForUser(userId, Deadline.NONE);
    }

    /** The sweep of one user, within the invocation's {@code deadline} (progress is saved as it goes). */
    public SweepResult runForUser(String userId, Deadline deadline) {
        SyncUsers users = new SyncUsers(stores.settings(), stores.connections(), apis, statusCache, deadline);
        Optional<SyncUser> found = users.get(userId);
        if (found.isPresent() && (!found.get().identitySettled() || found.get().settings().identity() == null)) {
            // A connect to another identity that stopped before its settings followed (or settings from before
            // identities were recorded): settle now, then work on the settled state.
            settings.settleIdentity(userId, found.get().identity());
            users = new SyncUsers(stores.settings(), stores.connections(), apis, statusCache, deadline);
            found = users.get(userId);
        }
        if (found.isEmpty()) {
            boolean enabled = stores.settings().get(userId).map(SyncSettings::enabled).orElse(false);
            return SweepResult.of(enabled ? SweepResult.Kind.SKIPPED_NOT_CONNECTED : SweepResult.Kind.SKIPPED_DISABLED);
        }
        SyncUser user = found.get();
        if (!user.enabled()) {
            return SweepResult.of(SweepResult.Kind.SKIPPED_DISABLED);
        }
        if (!user.connected()) {
            return SweepResult.of(SweepResult.Kind.SKIPPED_NOT_CONNECTED);
        }
        if (failures.blocked(user.orgId())) {
            return SweepResult.of(SweepResult.Kind.SKIPPED_ORG_BLOCKED);
        }
        FirstSync firstSync = user.settings().firstSync();
        boolean firstSyncDue = firstSyncDue(firstSync);
        if (!firstSyncDue && !dueUnderBudget(user)) {
            return SweepResult.of(SweepResult.Kind.SKIPPED_THROTTLED);
        }
        if (firstSync.state() == FirstSyncState.FAILED && !firstSyncDue) {
            return SweepResult.of(SweepResult.Kind.FIRST_SYNC_FAILED);
        }
        if (firstSync.leasedAt(clock.instant())) {
            // Another sweep runs this user's first sync now (a tick during the SyncEnabled run): one at a time.
            return SweepResult.of(SweepResult.Kind.FIRST_SYNC_RUNNING);
        }
        boolean eventsFlow = !firstSyncDue && pace.notDueYet(stores.orgLimits().changeEvents(user.orgId()),
                user.settings().sweep().updatesCheckedAt(), clock.instant());
        try {
            SweepResult pulled = eventsFlow ? SweepResult.of(SweepResult.Kind.SKIPPED_EVENTS_FLOWING)
                    : firstSyncDue ? firstSync(user, users, deadline) : incremental(user, users);
            if (pulled.kind() == SweepResult.Kind.STOPPED || pulled.kind() == SweepResult.Kind.FIRST_SYNC_RUNNING) {
                return pulled;
            }
            return new SweepResult(pulled.kind(), pulled.changesApplied(), retryPendingPushes(user));
        } catch (SalesforceException e) {
            SalesforceFailures.Handling h = failures.handle(user, e);
            boolean permanent = e instanceof ConnectionBrokenException || e instanceof SalesforceRequestException;
            if (firstSyncDue && permanent) {
                updateSettings(user, s -> s.withFirstSync(s.firstSync().failed(clock.instant(), h.reason())));
                return SweepResult.of(SweepResult.Kind.FIRST_SYNC_FAILED);
            }
            if (firstSyncDue) {
                // Progress is saved; without the lease the next sweep resumes at once.
                updateSettings(user, s -> s.withFirstSync(s.firstSync().released()));
            }
            return SweepResult.of(SweepResult.Kind.INCOMPLETE);
        }
    }

    /**
     * Under a slowed pace (see {@link ApiBudget}) a user is swept once per the pace's interval, or whenever the org
     * was probed this tick (then the sweep reads nothing more of Salesforce unless the org changed). A first sync the
     * user asked for is never held back.
     */
    private boolean dueUnderBudget(SyncUser user) {
        ApiBudget.Throttle pace = failures.pace(user.orgId());
        if (!pace.throttled()) {
            return true;
        }
        Instant last = user.settings().sweep().updatesCheckedAt();
        return last == null || !last.isAfter(clock.instant().minus(pace.pace().interval()))
                || probes.probedRecently(user.orgId());
    }

    private boolean firstSyncDue(FirstSync f) {
        return switch (f.state()) {
            case QUEUED, RUNNING -> true;
            case FAILED -> f.finishedAt() == null || !f.finishedAt().plus(FAILED_RETRY_AFTER).isAfter(clock.instant());
            case NONE, DONE -> false;
        };
    }

    // ---- first sync ----

    /**
     * Takes the first sync's lease (another sweep holding a live one wins: {@code FIRST_SYNC_RUNNING}), settles the
     * linked pairs on a re-enable, imports, and reports DONE. The lease lasts as long as this invocation can.
     */
    private SweepResult firstSync(SyncUser user, SyncUsers users, Deadline deadline) {
        Instant now = clock.instant();
        Duration left = deadline.remaining();
        Instant lease = now.plus(left.compareTo(MAX_LEASE) < 0 ? left : MAX_LEASE).plus(LEASE_MARGIN);
        boolean[] busy = {false};
        Optional<SyncSettings> running = updateSettings(user, s -> {
            if (s.firstSync().leasedAt(now)) {
                busy[0] = true;
                return s;
            }
            return s.withFirstSync(s.firstSync().running(now, lease));
        });
        if (running.isEmpty()) {
            return SweepResult.of(SweepResult.Kind.STOPPED);
        }
        if (busy[0]) {
            return SweepResult.of(SweepResult.Kind.FIRST_SYNC_RUNNING);
        }
        FirstSync state = running.get().firstSync();
        // The work runs as the first sync holding its lease (the user as read at the start knows nothing of it).
        SyncUser leased = user.withSettings(running.get());
        int applied = 0;
        if (state.reEnable() && !state.linksSettled()) {
            // Re-enable: every pair changed on either side while sync was off, and every Salesforce deletion up to
            // now, is settled before DONE (SPEC §3).
            LinkReconciler.Progress settled = reconciler.run(leased, users, state.settleAfter(), after ->
                    updateSettings(user, s -> s.withFirstSync(s.firstSync().settledUpTo(after))).isPresent());
            applied += settled.settled();
            if (settled.after() != null
                    || updateSettings(user, s -> s.withFirstSync(s.firstSync().settledUpTo(null))).isEmpty()) {
                return new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
            }
        }
        Instant enabledAt = user.settings().enabledAt().orElseThrow();
        Instant since = enabledAt.minus(FIRST_IMPORT_WINDOW);
        ImportCursor cursor = state.cursor();
        while (true) {
            SalesforceApi.QueryPage page = TaskQueries.firstPage(user.api(),
                    new TaskQuery.ImportPage(user.sfUserId(), since, cursor, IMPORT_PAGE));
            List<SfTask> rows = page.records();
            users.newBatchOfRows();
            try {
                reads.prefetchRows(user.orgId(), user.userId(), SalesforceChangeApplier.importTaskIds(rows));
                for (SfTask row : rows) {
                    applier.applyLive(user.orgId(), row, Optional.of(leased), users);
                }
            } finally {
                reads.clear();
            }
            applied += rows.size();
            ImportCursor next = rows.isEmpty() ? cursor : cursorAfter(rows.get(rows.size() - 1));
            if (rows.size() >= IMPORT_PAGE && next.equals(cursor)) {
                throw new IllegalStateException("import page made no progress");
            }
            ImportCursor saved = next;
            int pageSize = rows.size();
            running = updateSettings(user, s -> s.withFirstSync(s.firstSync().imported(saved, pageSize)));
            if (running.isEmpty()) {
                return new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
            }
            cursor = next;
            // Salesforce may answer with a smaller batch than the LIMIT (done=false then): the next keyset query
            // continues from the cursor, which also survives the query locator's expiry and a crash.
            if (page.done() && rows.size() < IMPORT_PAGE) {
                break;
            }
        }
        Instant watermark = enabledAt.minus(OVERLAP);
        // Re-enable: every pair was settled after the first sync began. First enable: the stream may have linked
        // tasks since sync was turned on, and Salesforce may have deleted (even hard deleted) or given away some of
        // them before the first sync began: the logs are read from the enable on.
        Instant checkedFrom = state.reEnable() ? state.startedAt() : enabledAt;
        Optional<SyncSettings> done = updateSettings(user, s -> s.withFirstSync(s.firstSync().done(clock.instant()))
                .withWatermark(watermark)
                .withSweep(new SweepState(checkedFrom, checkedFrom, null, null)));
        if (done.isEmpty()) {
            return new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
        }
        FirstSync finished = done.get().firstSync();
        if (finished.startedAt() != null && finished.finishedAt() != null) {
            Metrics.current().firstSyncDuration(Duration.between(finished.startedAt(), finished.finishedAt()));
        }
        LOG.info("first sync done: userId={} imported={}", user.userId(), finished.imported());
        return new SweepResult(SweepResult.Kind.FIRST_SYNC_DONE, applied, 0);
    }

    private static ImportCursor cursorAfter(SfTask row) {
        return new ImportCursor(row.systemModstamp(), SalesforceIds.to18(row.id()));
    }

    // ---- incremental ----

    /**
     * Three reads of Salesforce: the ids updated since the last sweep (a linked task whose owner changed to someone
     * else no longer shows in the owner's query) and the deletion log (hard deletions too), then the owner's tasks
     * changed since the watermark (queryAll: edits and soft deletions). The watermark never passes the updated ids'
     * {@code latestDateCovered}: a SystemModstamp is set when a transaction starts and seen when it commits, and
     * Salesforce covers only what no running transaction can still add to. Linked ids among the first two reads that
     * the third did not return are read again by id. When the deletion log cannot reach back to the last sweep (a
     * connection broken for longer than it keeps, a recycle bin emptied), every linked pair is settled instead, over
     * as many sweeps as it takes.
     */
    private SweepResult incremental(SyncUser user, SyncUsers users) {
        SyncSettings settings = user.settings();
        SweepState sweep = settings.sweep();
        if (sweep.settling()) {
            return finish(settleAll(user, users, sweep), 0);
        }
        Instant now = clock.instant();
        Instant watermark = settings.watermark();
        Instant fallback = watermark != null ? watermark : settings.enabledAt().orElseThrow();
        SalesforceApi api = user.api();
        Instant updatesChecked = sweep.updatesCheckedAt() != null ? sweep.updatesCheckedAt() : fallback;
        Instant deletionsChecked = sweep.deletionsCheckedAt() != null ? sweep.deletionsCheckedAt() : fallback;
        Instant updatedFrom = updatesChecked.minus(OVERLAP);
        Instant deletedFrom = deletionsChecked.minus(OVERLAP);
        OrgProbe latest = probes.latest(user.orgId()).orElse(null);
        Optional<OrgProbe> probe = probes.usableFor(latest, updatedFrom, deletedFrom, updatesChecked,
                deletionsChecked);
        SalesforceApi.UpdatedRecords updated;
        SalesforceApi.DeletedRecords deleted;
        if (probe.isPresent()) {
            OrgProbe p = probe.get();
            updated = new SalesforceApi.UpdatedRecords(p.updatedIds(), p.updatesCovered());
            deleted = new SalesforceApi.DeletedRecords(p.deletedIds().stream()
                    .map(id -> new SalesforceApi.DeletedRecord(id, null)).toList(), p.earliestDeletionAvailable(),
                    p.deletionsCovered());
        } else {
            probes.offer(user, latest);
            updated = api.getUpdated(updatedFrom, now);
            deleted = api.getDeleted(deletedFrom, now);
        }
        boolean gap = deleted.earliestDateAvailable() != null && deletedFrom.isBefore(deleted.earliestDateAvailable());

        Instant since = fallback.minus(OVERLAP);
        Instant covered = updated.latestDateCovered();
        Instant newest = watermark;
        int applied = 0;
        Set<String> seen = new HashSet<>();
        // Nothing changed in the whole org since before this user's checks: its own query would find nothing.
        boolean quiet = probe.isPresent() && probe.get().quiet();
        SalesforceApi.QueryPage page = quiet ? null
                : TaskQueries.firstPage(api, new TaskQuery.ChangedSince(user.sfUserId(), since));
        while (page != null) {
            try {
                reads.prefetchRows(user.orgId(), user.userId(), SalesforceChangeApplier.importTaskIds(page.records()));
                for (SfTask row : page.records()) {
                    seen.add(SalesforceIds.to18(row.id()));
                    SalesforceChangeApplier.Result r = row.deleted()
                            ? applier.applyDeletion(user.orgId(), row.id(), row.systemModstamp(), user.userId(), users)
                            : applier.applyLive(user.orgId(), row, Optional.of(user), users);
                    if (r != SalesforceChangeApplier.Result.DUPLICATE && r != SalesforceChangeApplier.Result.STALE) {
                        applied++;
                    }
                    Instant stamp = covered != null && row.systemModstamp().isAfter(covered) ? covered
                            : row.systemModstamp();
                    newest = TaskPusher.later(newest, stamp);
                }
            } finally {
                reads.clear();
            }
            Optional<SalesforceApi.QueryPage> next = TaskQueries.nextPage(api, page);
            if (next.isEmpty()) {
                break;
            }
            if (!saveWatermark(user, watermark, newest)) {
                return new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
            }
            page = next.get();
        }
        if (!saveWatermark(user, watermark, newest)) {
            return new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
        }
        if (gap) {
            LOG.info("Salesforce's deletion log does not reach back to the last sweep: settling every linked pair:"
                    + " userId={}", user.userId());
            SweepState settling = new SweepState(sweep.deletionsCheckedAt(), sweep.updatesCheckedAt(), "", now);
            if (updateSettings(user, s -> s.withSweep(settling)).isEmpty()) {
                return new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
            }
            return finish(settleAll(user, users, settling), applied);
        }
        Set<String> candidates = new LinkedHashSet<>();
        deleted.deletedRecords().forEach(d -> candidates.add(SalesforceIds.to18(d.id())));
        updated.ids().forEach(id -> candidates.add(SalesforceIds.to18(id)));
        candidates.removeAll(seen);
        applied += recheck(user, users, candidates);
        SweepState next = new SweepState(later(sweep.deletionsCheckedAt(), deleted.latestDateCovered()),
                later(sweep.updatesCheckedAt(), covered), null, null);
        if (!next.equals(sweep) && updateSettings(user, s -> s.withSweep(next)).isEmpty()) {
            return new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
        }
        return new SweepResult(SweepResult.Kind.INCREMENTAL, applied, 0);
    }

    private static SweepResult finish(Optional<Integer> settled, int applied) {
        return settled.map(n -> new SweepResult(SweepResult.Kind.INCREMENTAL, applied + n, 0))
                .orElseGet(() -> new SweepResult(SweepResult.Kind.STOPPED, applied, 0));
    }

    /**
     * Reads again, through queryAll, the tasks among {@code sfIds} that are linked to this user, or that an import for
     * this user claimed and died before linking, and applies what Salesforce holds now: a deletion (also a hard one:
     * the row is gone) or a new version (another owner, or an undelete after a deletion).
     */
    private int recheck(SyncUser user, SyncUsers users, Set<String> sfIds) {
        List<String> linked = new ArrayList<>();
        List<String> interrupted = new ArrayList<>();
        for (String sfId : sfIds) {
            Optional<SfIdClaim> claim = stores.links().claimOf(user.orgId(), sfId)
                    .filter(c -> c.userId().equals(user.userId()));
            if (claim.isEmpty()) {
                continue;
            }
            Optional<TaskLink> link = stores.links().get(user.userId(), claim.get().taskId());
            if (link.isPresent() && link.get().state() == LinkState.LINKED && user.owns(link.get())
                    && sfId.equals(link.get().sfId())) {
                linked.add(sfId);
            } else if (link.isEmpty() && claim.get().taskId().equals(SalesforceIds.importedTaskId(sfId))) {
                interrupted.add(sfId);
            }
        }
        if (linked.isEmpty() && interrupted.isEmpty()) {
            return 0;
        }
        List<String> ids = new ArrayList<>(linked);
        ids.addAll(interrupted);
        Map<String, SfTask> rows = TaskQueries.byIds(user.api(), ids);
        int applied = 0;
        for (String sfId : linked) {
            TaskLink link = stores.links().findBySfId(user.orgId(), sfId).orElse(null);
            if (link == null) {
                continue;
            }
            SalesforceChangeApplier.Result r = reconciler.settle(user, users, link, rows.get(sfId));
            if (r != SalesforceChangeApplier.Result.DUPLICATE && r != SalesforceChangeApplier.Result.STALE) {
                applied++;
            }
        }
        for (String sfId : interrupted) {
            // The applier completes the import (or releases its claim) first, then applies the row to it.
            SfTask row = rows.get(sfId);
            if (row == null || row.deleted()) {
                applier.applyDeletion(user.orgId(), sfId, row == null ? null : row.systemModstamp(), user.userId(),
                        users);
            } else {
                Optional<SyncUser> owner = stores.connections().userForOwner(user.orgId(), row.ownerId())
                        .flatMap(users::get);
                applier.applyLive(user.orgId(), row, owner, users);
            }
            applied++;
        }
        return applied;
    }

    /** Continues settling every linked pair; when done, the deletion log is read again from when it began. */
    private Optional<Integer> settleAll(SyncUser user, SyncUsers users, SweepState settling) {
        LinkReconciler.Progress progress = reconciler.run(user, users,
                settling.settleAfter().isEmpty() ? null : settling.settleAfter(),
                after -> updateSettings(user, s -> s.withSweep(new SweepState(s.sweep().deletionsCheckedAt(),
                        s.sweep().updatesCheckedAt(), after, s.sweep().settleStartedAt()))).isPresent());
        if (progress.after() != null) {
            return Optional.empty();
        }
        Instant from = settling.settleStartedAt();
        boolean saved = updateSettings(user, s -> s.withSweep(new SweepState(from, from, null, null))).isPresent();
        return saved ? Optional.of(progress.settled()) : Optional.empty();
    }

    private static Instant later(Instant a, Instant b) {
        return TaskPusher.later(a, b);
    }

    /** Saves a watermark that moved; false when the user turned sync off meanwhile. */
    private boolean saveWatermark(SyncUser user, Instant previous, Instant newest) {
        if (newest == null || newest.equals(previous)) {
            return true;
        }
        return updateSettings(user, s -> s.withWatermark(TaskPusher.later(s.watermark(), newest))).isPresent();
    }

    // ---- pending pushes ----

    private int retryPendingPushes(SyncUser user) {
        Instant now = clock.instant();
        List<PendingPush> due = stores.pendingPushes().forUser(user.userId()).stream()
                .filter(p -> p.nextAttemptAt() == null || !p.nextAttemptAt().isAfter(now))
                .toList();
        if (due.isEmpty()) {
            return 0;
        }
        List<String> taskIds = due.stream().map(PendingPush::taskId).toList();
        Map<String, PushOutcome> outcomes;
        try {
            reads.prefetch(user.userId(), taskIds);
            outcomes = pusher.push(user, taskIds, false);
        } finally {
            reads.clear();
        }
        for (PendingPush p : due) {
            PushOutcome outcome = outcomes.getOrDefault(p.taskId(), PushOutcome.DONE);
            if (outcome instanceof PushOutcome.Done) {
                // Kept when it changed meanwhile: a newer failure asks for another push.
                stores.pendingPushes().remove(p);
                continue;
            }
            String reason = outcome instanceof PushOutcome.Defer d
                    ? d.reason()
                    : ((PushOutcome.Retry) outcome).reason();
            int attempts = p.attempts() + 1;
            if (attempts > MAX_PUSH_ATTEMPTS) {
                conflicts.gaveUp(p.userId(), p.taskId(), reason, now);
                stores.pendingPushes().remove(p);
                Metrics.current().pushGivenUp();
                LOG.warn("pending push given up: userId={} taskId={} attempts={}", p.userId(), p.taskId(), attempts);
                continue;
            }
            Instant next = now.plus(backoff(attempts));
            if (outcome instanceof PushOutcome.Defer d && d.notBefore().isAfter(next)) {
                next = d.notBefore();
            }
            stores.pendingPushes().put(new PendingPush(p.userId(), p.taskId(), attempts,
                    p.firstFailedAt() != null ? p.firstFailedAt() : now, next, reason));
        }
        return due.size();
    }

    static Duration backoff(int attempts) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 10));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    // ---- settings ----

    /**
     * Applies {@code change} to the freshly read settings, but only while the same enabled period lasts; empty
     * when the user turned sync off (or off and on again) meanwhile.
     */
    private Optional<SyncSettings> updateSettings(SyncUser user, UnaryOperator<SyncSettings> change) {
        Optional<Instant> period = user.settings().enabledAt();
        return Retry.onWriteConflict(() -> {
            Optional<SyncSettings> current = stores.settings().get(user.userId());
            if (current.isEmpty() || !current.get().enabled() || !current.get().enabledAt().equals(period)) {
                return Optional.empty();
            }
            return Optional.of(stores.settings().save(change.apply(current.get())));
        });
    }

}
