package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.settings.ImportCursor;
import com.salesconnect.tasksync.settings.SweepState;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.ReadAhead;
import com.salesconnect.tasksync.task.SfTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A user's first sync after enabling: on a re-enable, every linked pair changed while sync was off and every
 * Salesforce deletion up to now is settled first; then every task owned by the connected Salesforce user and
 * modified since 24 hours before enabling is imported (any due date, or none), in (SystemModstamp, Id) keyset pages
 * whose cursor and progress are saved after each page, so a crash resumes where it stopped. One first sync per user
 * at a time: it runs under a lease that lasts as long as the invocation can.
 */
final class FirstSyncRun {

    private static final Logger LOG = LoggerFactory.getLogger(FirstSyncRun.class);

    static final Duration FIRST_IMPORT_WINDOW = Duration.ofHours(24);
    /** SOQL's largest page: a first import of N tasks costs N / 2,000 queries. */
    static final int IMPORT_PAGE = 2_000;
    /** The longest a first sync's lease lasts (the function's own limit); it is given up when the work stops. */
    static final Duration MAX_LEASE = Duration.ofMinutes(15);
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final ReadAhead reads;
    private final SalesforceChangeApplier applier;
    private final LinkReconciler reconciler;
    private final PeriodSettings settings;
    private final Clock clock;

    FirstSyncRun(ReadAhead reads, SalesforceChangeApplier applier, LinkReconciler reconciler,
                 PeriodSettings settings, Clock clock) {
        this.reads = reads;
        this.applier = applier;
        this.reconciler = reconciler;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Takes the first sync's lease (another sweep holding a live one wins: {@code FIRST_SYNC_RUNNING}), settles the
     * linked pairs on a re-enable, imports, and reports DONE.
     */
    SweepResult run(SyncUser user, SyncUsers users, Deadline deadline) {
        Instant now = clock.instant();
        Duration left = deadline.remaining();
        Instant lease = now.plus(left.compareTo(MAX_LEASE) < 0 ? left : MAX_LEASE).plus(LEASE_MARGIN);
        boolean[] busy = {false};
        Optional<SyncSettings> running = settings.update(user, s -> {
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
                    settings.update(user, s -> s.withFirstSync(s.firstSync().settledUpTo(after))).isPresent());
            applied += settled.settled();
            Optional<SyncSettings> linksSettled = settled.after() != null ? Optional.empty()
                    : settings.update(user, s -> s.withFirstSync(s.firstSync().settledUpTo(null)));
            if (linksSettled.isEmpty()) {
                return new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
            }
            // The import below runs with the links settled (an import is held back until then, SPEC §3).
            leased = user.withSettings(linksSettled.get());
        }
        Imported imported = importPages(user, leased, users, state.cursor());
        applied += imported.rows();
        return imported.stopped() ? new SweepResult(SweepResult.Kind.STOPPED, applied, 0) : done(user, state, applied);
    }

    /** Rows applied by an import, and whether it stopped because the user turned sync off meanwhile. */
    private record Imported(int rows, boolean stopped) {
    }

    /** The import, page after page from {@code cursor}. */
    private Imported importPages(SyncUser user, SyncUser leased, SyncUsers users, ImportCursor cursor) {
        Instant since = user.settings().enabledAt().orElseThrow().minus(FIRST_IMPORT_WINDOW);
        int applied = 0;
        while (true) {
            SalesforceApi.QueryPage page = TaskQueries.firstPage(user.api(),
                    new TaskQuery.ImportPage(user.sfUserId(), since, cursor, IMPORT_PAGE));
            List<SfTask> rows = page.records();
            users.newBatchOfRows();
            try {
                reads.prefetchRows(user.org(), user.id(), SalesforceImports.importTaskIds(rows));
                // The page's fresh imports are written together (the cursor below moves only after them).
                applier.importsBatched(users, () -> {
                    for (SfTask row : rows) {
                        applier.applyLive(user.orgId(), row, RowOwner.of(leased), users);
                    }
                    return rows.size();
                });
            } finally {
                reads.clear();
            }
            applied += rows.size();
            ImportCursor next = rows.isEmpty() ? cursor : cursorAfter(rows.get(rows.size() - 1));
            if (rows.size() >= IMPORT_PAGE && next.equals(cursor)) {
                throw new IllegalStateException("import page made no progress");
            }
            int pageSize = rows.size();
            if (settings.update(user, s -> s.withFirstSync(s.firstSync().imported(next, pageSize))).isEmpty()) {
                return new Imported(applied, true);
            }
            cursor = next;
            // Salesforce may answer with a smaller batch than the LIMIT (done=false then): the next keyset query
            // continues from the cursor, which also survives the query locator's expiry and a crash.
            if (page.done() && rows.size() < IMPORT_PAGE) {
                return new Imported(applied, false);
            }
        }
    }

    private SweepResult done(SyncUser user, FirstSync state, int applied) {
        Instant enabledAt = user.settings().enabledAt().orElseThrow();
        Instant watermark = enabledAt.minus(SweepService.OVERLAP);
        // Re-enable: every pair was settled after the first sync began. First enable: the stream may have linked
        // tasks since sync was turned on, and Salesforce may have deleted (even hard deleted) or given away some of
        // them before the first sync began: the logs are read from the enable on.
        Instant checkedFrom = state.reEnable() ? state.startedAt() : enabledAt;
        // A fresh reconciliation asked for meanwhile (SettingsService#requestReconciliation) is kept, from its first
        // pair: this run imported Salesforce's side only.
        Optional<SyncSettings> done = settings.update(user, s -> s.withFirstSync(s.firstSync().done(clock.instant()))
                .withWatermark(watermark)
                .withSweep(s.sweep().settling()
                        ? new SweepState(checkedFrom, checkedFrom, "", s.sweep().settleStartedAt())
                        : new SweepState(checkedFrom, checkedFrom, null, null)));
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
}
