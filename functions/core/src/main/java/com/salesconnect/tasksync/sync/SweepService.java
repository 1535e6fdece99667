package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.salesforce.ConnectionBrokenException;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.salesforce.SalesforceRequestException;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.ImportCursor;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.task.SfTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    static final int IMPORT_PAGE = 200;
    static final Duration FAILED_RETRY_AFTER = Duration.ofHours(1);
    static final int MAX_PUSH_ATTEMPTS = 20;
    static final Duration FIRST_BACKOFF = Duration.ofMinutes(5);
    static final Duration MAX_BACKOFF = Duration.ofHours(6);
    private static final int MAX_DELETED_WINDOWS = 30;

    private final SyncStores stores;
    private final SalesforceApiFactory apis;
    private final SyncEventPublisher events;
    private final Clock clock;
    private final TaskStatusCache statusCache;
    private final SalesforceFailures failures;
    private final SalesforceChangeApplier applier;
    private final TaskPusher pusher;
    private final ConflictRecorder conflicts;
    private final SettingsService settings;

    public SweepService(SyncStores stores, SalesforceApiFactory apis, SyncEventPublisher events, Clock clock) {
        this.stores = stores;
        this.apis = apis;
        this.events = events;
        this.clock = clock;
        this.statusCache = new TaskStatusCache(clock);
        this.failures = new SalesforceFailures(stores.orgLimits(), stores.connections(), clock);
        this.conflicts = new ConflictRecorder(stores.conflicts());
        this.applier = new SalesforceChangeApplier(stores.tasks(), stores.links(), stores.pendingPushes(), conflicts,
                failures, clock);
        this.pusher = new TaskPusher(stores.tasks(), stores.links(), conflicts, failures, clock);
        this.settings = new SettingsService(stores.settings(), stores.connections(), events, clock);
    }

    /** Publishes one sweep request per enabled user, in events of {@value #FAN_OUT_BATCH}; returns the count. */
    public int fanOut(Instant scheduledAt) {
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
        LOG.info("sweep fan-out: users={} scheduledAt={}", total, scheduledAt);
        return total;
    }

    public SweepResult runForUser(String userId) {
        SyncUsers users = new SyncUsers(stores.settings(), stores.connections(), apis, statusCache);
        Optional<SyncUser> found = users.get(userId);
        if (found.isPresent() && (!found.get().identitySettled() || found.get().settings().identity() == null)) {
            // A connect to another identity that stopped before its settings followed (or settings from before
            // identities were recorded): settle now, then work on the settled state.
            settings.settleIdentity(userId, found.get().identity());
            users = new SyncUsers(stores.settings(), stores.connections(), apis, statusCache);
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
        if (firstSync.state() == FirstSyncState.FAILED && !firstSyncDue) {
            return SweepResult.of(SweepResult.Kind.FIRST_SYNC_FAILED);
        }
        try {
            SweepResult pulled = firstSyncDue ? firstSync(user, users) : incremental(user, users);
            if (pulled.kind() == SweepResult.Kind.STOPPED) {
                return pulled;
            }
            return new SweepResult(pulled.kind(), pulled.changesApplied(), retryPendingPushes(user));
        } catch (SalesforceException e) {
            SalesforceFailures.Handling h = failures.handle(user, e);
            boolean permanent = e instanceof ConnectionBrokenException || e instanceof SalesforceRequestException;
            if (firstSyncDue && permanent) {
                updateSettings(user, s -> withFirstSync(s, failed(s.firstSync(), h.reason())));
                return SweepResult.of(SweepResult.Kind.FIRST_SYNC_FAILED);
            }
            return SweepResult.of(SweepResult.Kind.INCOMPLETE);
        }
    }

    private boolean firstSyncDue(FirstSync f) {
        return switch (f.state()) {
            case QUEUED, RUNNING -> true;
            case FAILED -> f.finishedAt() == null || !f.finishedAt().plus(FAILED_RETRY_AFTER).isAfter(clock.instant());
            case NONE, DONE -> false;
        };
    }

    // ---- first sync ----

    private SweepResult firstSync(SyncUser user, SyncUsers users) {
        Instant now = clock.instant();
        Optional<SyncSettings> running = updateSettings(user, s -> {
            FirstSync f = s.firstSync();
            boolean fresh = f.state() == FirstSyncState.QUEUED;
            return withFirstSync(s, new FirstSync(FirstSyncState.RUNNING, fresh ? 0 : f.imported(),
                    fresh || f.startedAt() == null ? now : f.startedAt(), null, null, fresh ? null : f.cursor(),
                    f.reEnable(), f.deletionsApplied()));
        });
        if (running.isEmpty()) {
            return SweepResult.of(SweepResult.Kind.STOPPED);
        }
        FirstSync state = running.get().firstSync();
        int applied = 0;
        if (state.reEnable() && !state.deletionsApplied()) {
            applied += applyRecentDeletions(user, users);
            running = updateSettings(user, s -> withFirstSync(s, withDeletionsApplied(s.firstSync())));
            if (running.isEmpty()) {
                return SweepResult.of(SweepResult.Kind.STOPPED);
            }
        }
        Instant enabledAt = user.settings().enabledAt().orElseThrow();
        Instant since = enabledAt.minus(FIRST_IMPORT_WINDOW);
        ImportCursor cursor = running.get().firstSync().cursor();
        while (true) {
            List<SfTask> rows = TaskQueries.firstPage(user.api(),
                    new TaskQuery.ImportPage(user.sfUserId(), since, cursor, IMPORT_PAGE)).records();
            for (SfTask row : rows) {
                applier.applyLive(user.orgId(), row, Optional.of(user), users);
            }
            applied += rows.size();
            ImportCursor next = rows.isEmpty() ? cursor : cursorAfter(rows.get(rows.size() - 1));
            if (rows.size() >= IMPORT_PAGE && next.equals(cursor)) {
                throw new IllegalStateException("import page made no progress");
            }
            ImportCursor saved = next;
            int pageSize = rows.size();
            running = updateSettings(user, s -> withFirstSync(s, progressed(s.firstSync(), saved, pageSize)));
            if (running.isEmpty()) {
                return new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
            }
            cursor = next;
            if (rows.size() < IMPORT_PAGE) {
                break;
            }
        }
        Instant watermark = enabledAt.minus(OVERLAP);
        Optional<SyncSettings> done = updateSettings(user, s -> {
            FirstSync f = s.firstSync();
            return s.withFirstSync(new FirstSync(FirstSyncState.DONE, f.imported(), f.startedAt(), clock.instant(),
                    null, null, f.reEnable(), f.deletionsApplied())).withWatermark(watermark);
        });
        if (done.isEmpty()) {
            return new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
        }
        LOG.info("first sync done: userId={} imported={}", user.userId(), done.get().firstSync().imported());
        return new SweepResult(SweepResult.Kind.FIRST_SYNC_DONE, applied, 0);
    }

    /** Salesforce deletions of the last 15 days (its recycle-bin window), for a re-enable. */
    private int applyRecentDeletions(SyncUser user, SyncUsers users) {
        Instant end = clock.instant();
        Instant start = end.minus(Tombstones.TTL);
        SalesforceApi api = user.api();
        int applied = 0;
        for (int window = 0; window < MAX_DELETED_WINDOWS; window++) {
            SalesforceApi.DeletedRecords deleted = api.getDeleted(start, end);
            for (SalesforceApi.DeletedRecord record : deleted.deletedRecords()) {
                if (applier.applyDeletion(user.orgId(), record.id(), user.userId(), users)
                        == SalesforceChangeApplier.Result.DELETED) {
                    applied++;
                }
            }
            Instant covered = deleted.latestDateCovered();
            // Salesforce may cover less than asked for; continue from where it stopped, in whole minutes.
            if (covered == null || !covered.isAfter(start) || !covered.isBefore(end.minus(Duration.ofMinutes(1)))) {
                break;
            }
            start = covered;
        }
        LOG.info("recent Salesforce deletions applied: userId={} deleted={}", user.userId(), applied);
        return applied;
    }

    private static ImportCursor cursorAfter(SfTask row) {
        return new ImportCursor(row.systemModstamp(), SalesforceIds.to18(row.id()));
    }

    private static FirstSync progressed(FirstSync f, ImportCursor cursor, int pageSize) {
        return new FirstSync(f.state(), f.imported() + pageSize, f.startedAt(), f.finishedAt(), f.error(), cursor,
                f.reEnable(), f.deletionsApplied());
    }

    /** Progress is kept, so the retry after {@link #FAILED_RETRY_AFTER} resumes from the cursor. */
    private FirstSync failed(FirstSync f, String userSafeReason) {
        return new FirstSync(FirstSyncState.FAILED, f.imported(), f.startedAt(), clock.instant(), userSafeReason,
                f.cursor(), f.reEnable(), f.deletionsApplied());
    }

    private static FirstSync withDeletionsApplied(FirstSync f) {
        return new FirstSync(f.state(), f.imported(), f.startedAt(), f.finishedAt(), f.error(), f.cursor(),
                f.reEnable(), true);
    }

    // ---- incremental ----

    private SweepResult incremental(SyncUser user, SyncUsers users) {
        Instant watermark = user.settings().watermark();
        Instant since = (watermark != null ? watermark : user.settings().enabledAt().orElseThrow()).minus(OVERLAP);
        SalesforceApi api = user.api();
        SalesforceApi.QueryPage page = TaskQueries.firstPage(api, new TaskQuery.ChangedSince(user.sfUserId(), since));
        Instant newest = watermark;
        int applied = 0;
        while (true) {
            for (SfTask row : page.records()) {
                SalesforceChangeApplier.Result r = row.deleted()
                        ? applier.applyDeletion(user.orgId(), row.id(), user.userId(), users)
                        : applier.applyLive(user.orgId(), row, Optional.of(user), users);
                if (r != SalesforceChangeApplier.Result.DUPLICATE && r != SalesforceChangeApplier.Result.STALE) {
                    applied++;
                }
                newest = TaskPusher.later(newest, row.systemModstamp());
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
        return new SweepResult(SweepResult.Kind.INCREMENTAL, applied, 0);
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
        Map<String, PushOutcome> outcomes = pusher.push(user, due.stream().map(PendingPush::taskId).toList());
        for (PendingPush p : due) {
            PushOutcome outcome = outcomes.getOrDefault(p.taskId(), PushOutcome.DONE);
            if (outcome instanceof PushOutcome.Done) {
                stores.pendingPushes().remove(p.userId(), p.taskId());
                continue;
            }
            String reason = outcome instanceof PushOutcome.Defer d
                    ? d.reason()
                    : ((PushOutcome.Retry) outcome).reason();
            int attempts = p.attempts() + 1;
            if (attempts > MAX_PUSH_ATTEMPTS) {
                conflicts.gaveUp(p.userId(), p.taskId(), reason, now);
                stores.pendingPushes().remove(p.userId(), p.taskId());
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

    private static SyncSettings withFirstSync(SyncSettings s, FirstSync f) {
        return s.withFirstSync(f);
    }
}
