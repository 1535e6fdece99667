package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.rules.Tombstones;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.settings.SweepState;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.OrgProbe;
import com.salesconnect.tasksync.store.ReadAhead;
import com.salesconnect.tasksync.store.SfIdClaim;
import com.salesconnect.tasksync.task.SfTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A user's sweep after the first sync: what Salesforce changed or deleted since the last sweep, read once per org
 * where a probe covers it, applied as outbound messages are; the safety net under messages and change events.
 */
final class IncrementalSweep {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalSweep.class);

    private final SyncStores stores;
    private final ReadAhead reads;
    private final SalesforceChangeApplier applier;
    private final LinkReconciler reconciler;
    private final OrgProbes probes;
    private final OrgReads orgReads;
    private final PeriodSettings settings;
    private final Clock clock;

    IncrementalSweep(SyncStores stores, ReadAhead reads, SalesforceChangeApplier applier, LinkReconciler reconciler,
                     OrgProbes probes, OrgReads orgReads, PeriodSettings settings, Clock clock) {
        this.stores = stores;
        this.reads = reads;
        this.applier = applier;
        this.reconciler = reconciler;
        this.probes = probes;
        this.orgReads = orgReads;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Three reads of Salesforce: the ids updated since the last sweep (a linked task whose owner changed to someone
     * else no longer shows in the owner's query) and the deletion log (hard deletions too), then the owner's tasks
     * changed since the watermark (queryAll: edits and soft deletions); without an org probe, the three in one call
     * ({@link SalesforceApi#ownChanges}). The watermark never passes the updated ids'
     * {@code latestDateCovered}: a SystemModstamp is set when a transaction starts and seen when it commits, and
     * Salesforce covers only what no running transaction can still add to. Linked ids among the first two reads that
     * the third did not return are read again by id. When the deletion log cannot reach back to the last sweep (a
     * connection broken for longer than it keeps, a recycle bin emptied), every linked pair is settled instead, over
     * as many sweeps as it takes; so too, after the owner's query, when a settle was asked for
     * ({@link SettingsService#requestReconciliation}).
     */
    SweepResult run(SyncUser user, SyncUsers users, Instant tickAt) {
        SyncSettings current = user.settings();
        SweepState sweep = current.sweep();
        if (sweep.settling() && !sweep.settleAfter().isEmpty()) {
            return settleAll(user, users, sweep, 0);
        }
        Instant now = clock.instant();
        Instant watermark = current.watermark();
        Instant fallback = OrgProbes.since(current);
        SalesforceApi api = user.api();
        Instant updatesChecked = OrgProbes.updatesChecked(current);
        Instant deletionsChecked = OrgProbes.deletionsChecked(current);
        Instant updatedFrom = updatesChecked.minus(SweepService.OVERLAP);
        Instant deletedFrom = deletionsChecked.minus(SweepService.OVERLAP);
        OrgProbe latest = orgReads.latestProbe(user.orgId()).orElse(null);
        Optional<OrgProbe> probe = probes.usableFor(latest, current, tickAt);
        if (probe.isEmpty()) {
            // What this container read a moment ago may predate this tick's probe: judge the latest one.
            latest = orgReads.latestProbeNow(user.orgId()).orElse(null);
            probe = probes.usableFor(latest, current, tickAt);
        }
        Instant since = fallback.minus(SweepService.OVERLAP);
        TaskQuery changedSince = new TaskQuery.ChangedSince(user.sfUserId(), since);
        SalesforceApi.UpdatedRecords updated;
        SalesforceApi.DeletedRecords deleted;
        SalesforceApi.QueryPage firstPage = null;
        if (probe.isPresent()) {
            OrgProbe p = probe.get();
            updated = new SalesforceApi.UpdatedRecords(p.updatedIds(), p.updatesCovered());
            deleted = new SalesforceApi.DeletedRecords(p.deletedIds().stream()
                    .map(id -> new SalesforceApi.DeletedRecord(id, null)).toList(), p.earliestDeletionAvailable(),
                    p.deletionsCovered());
        } else {
            probes.offer(user, latest);
            // Both logs and the query's first page in one call (one composite request).
            SalesforceApi.OwnChanges own = api.ownChanges(updatedFrom, deletedFrom, now, changedSince.soql(),
                    changedSince.includeDeleted());
            updated = own.updated();
            deleted = own.deleted();
            firstPage = own.firstPage();
        }
        boolean gap = deleted.earliestDateAvailable() != null && deletedFrom.isBefore(deleted.earliestDateAvailable());

        Instant covered = updated.latestDateCovered();
        Instant newest = watermark;
        int applied = 0;
        Set<String> seen = new HashSet<>();
        // Nothing changed in the whole org since before this user's checks: its own query would find nothing.
        boolean quiet = probe.isPresent() && probe.get().quiet();
        SalesforceApi.QueryPage page = quiet ? null
                : firstPage != null ? firstPage : TaskQueries.firstPage(api, changedSince);
        while (page != null) {
            // The page's rows were read before this: one read of the user's pending creates serves all of them.
            users.newBatchOfRows();
            try {
                reads.prefetchRows(user.org(), user.id(), SalesforceImports.importTaskIds(page.records()));
                for (SfTask row : page.records()) {
                    seen.add(SalesforceIds.to18(row.id()));
                    SalesforceChangeApplier.Result r = row.deleted()
                            ? applier.applyDeletion(user.orgId(), row.id(), row.systemModstamp(), user.userId(), users)
                            : applier.applyLive(user.orgId(), row, RowOwner.of(user), users);
                    if (r != SalesforceChangeApplier.Result.DUPLICATE && r != SalesforceChangeApplier.Result.STALE) {
                        applied++;
                    }
                    Instant stamp = covered != null && row.systemModstamp().isAfter(covered) ? covered
                            : row.systemModstamp();
                    newest = TaskPusher.later(newest, stamp);
                }
            } finally {
                reads.clear();
                users.endBatchOfRows();
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
        Set<String> candidates = new LinkedHashSet<>();
        if (!gap && !sweep.settling()) {
            deleted.deletedRecords().forEach(d -> candidates.add(SalesforceIds.to18(d.id())));
            updated.ids().forEach(id -> candidates.add(SalesforceIds.to18(id)));
            candidates.removeAll(seen);
        }
        // Before a settle or a recheck (more work, which may stop) the pages' progress is saved on its own; otherwise
        // with the logs' checkpoints, in one write.
        boolean progressFirst = gap || sweep.settling() || !candidates.isEmpty();
        if (progressFirst && !saveWatermark(user, watermark, newest)) {
            return new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
        }
        if (gap) {
            LOG.info("Salesforce's deletion log does not reach back to the last sweep: settling every linked pair:"
                    + " userId={}", user.userId());
            SweepState settling = sweep.settlingFrom(now);
            if (settings.update(user, s -> s.withSweep(settling)).isEmpty()) {
                return new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
            }
            return settleAll(user, users, settling, applied);
        }
        if (sweep.settling()) {
            // A settle asked for (the operator's resync, one a first sync kept) begins after this read of the user's
            // own changes since the watermark: it moves the logs' checkpoints up to when it was asked for, and a task
            // without a link that changed before then (made, undeleted, given to the user) is found by nothing else.
            return settleAll(user, users, sweep, applied);
        }
        applied += recheck(user, users, candidates);
        SweepState next = new SweepState(TaskPusher.later(sweep.deletionsCheckedAt(), deleted.latestDateCovered()),
                TaskPusher.later(sweep.updatesCheckedAt(), covered), null, null);
        Instant pulled = progressFirst ? null : watermarkMove(watermark, newest);
        // A settle asked for meanwhile (the operator's resync) stays asked for: it re-reads the logs when it ends.
        if ((pulled != null || !next.equals(sweep)) && settings.update(user, s -> {
            SyncSettings moved = pulled == null ? s : withWatermark(s, pulled);
            return moved.sweep().settling() ? moved : moved.withSweep(next);
        }).isEmpty()) {
            return new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
        }
        return new SweepResult(SweepResult.Kind.INCREMENTAL, applied, 0);
    }

    /**
     * Behind a DELETED link a live task is only left by a restore (an undelete) that died before its link: the pair
     * is settled like a linked one (the task goes when Salesforce's task is gone or another owner's now).
     */
    private boolean restoreLeftItsTask(SyncUser user, TaskLink link) {
        return link.state() == LinkState.DELETED && stores.tasks().get(user.id(), link.task())
                .filter(t -> Tombstones.live(t, clock.instant())).isPresent();
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
            Optional<SfIdClaim> claim = stores.links().claimOf(user.org(), SalesforceId.of(sfId))
                    .filter(c -> c.userId().equals(user.userId()));
            if (claim.isEmpty()) {
                continue;
            }
            Optional<TaskLink> link = stores.links().get(user.id(), claim.get().task());
            boolean held = link.isPresent() && user.owns(link.get()) && sfId.equals(link.get().sfId());
            if (held && (link.get().state() == LinkState.LINKED || restoreLeftItsTask(user, link.get()))) {
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
            TaskLink link = stores.links().findBySfId(user.org(), SalesforceId.of(sfId)).orElse(null);
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
                RowOwner owner = row.ownerId() == null ? RowOwner.NOBODY
                        : stores.connections().userForOwner(user.org(), SalesforceId.of(row.ownerId()))
                                .flatMap(users::get).map(RowOwner::of).orElse(RowOwner.NOBODY);
                applier.applyLive(user.orgId(), row, owner, users);
            }
            applied++;
        }
        return applied;
    }

    /**
     * Continues settling every linked pair; when done, the deletion log is read again from when it began. STOPPED
     * while pairs remain (or the user turned sync off), with the {@code applied} changes of this run.
     */
    private SweepResult settleAll(SyncUser user, SyncUsers users, SweepState settling, int applied) {
        LinkReconciler.Progress progress = reconciler.run(user, users,
                settling.settleAfter().isEmpty() ? null : settling.settleAfter(),
                after -> settings.update(user, s -> s.withSweep(new SweepState(s.sweep().deletionsCheckedAt(),
                        s.sweep().updatesCheckedAt(), after, s.sweep().settleStartedAt()))).isPresent());
        if (progress.after() != null) {
            return new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
        }
        Instant from = settling.settleStartedAt();
        boolean saved = settings.update(user, s -> s.withSweep(new SweepState(from, from, null, null))).isPresent();
        return saved ? new SweepResult(SweepResult.Kind.INCREMENTAL, applied + progress.settled(), 0)
                : new SweepResult(SweepResult.Kind.STOPPED, applied, 0);
    }

    /** Saves a watermark that moved; false when the user turned sync off meanwhile. */
    private boolean saveWatermark(SyncUser user, Instant previous, Instant newest) {
        Instant move = watermarkMove(previous, newest);
        return move == null || settings.update(user, s -> withWatermark(s, move)).isPresent();
    }

    /** The watermark the pages reached, or null where they moved it nowhere (no row, or none newer). */
    private static Instant watermarkMove(Instant previous, Instant newest) {
        return newest == null || newest.equals(previous) ? null : newest;
    }

    /** The settings with their watermark moved up to {@code reached}, never back. */
    private static SyncSettings withWatermark(SyncSettings settings, Instant reached) {
        return settings.withWatermark(TaskPusher.later(settings.watermark(), reached));
    }
}
