package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.rules.ConnectionIdentity;
import com.salesconnect.tasksync.rules.Tombstones;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.PendingPushStore;
import com.salesconnect.tasksync.store.SfIdClaim;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.sync.SalesforceChangeApplier.Result;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Imports of Salesforce tasks no link holds, for {@link SalesforceChangeApplier}: under the deterministic task id
 * {@code sf-<18-char id>}, the Salesforce id claimed first (the pointer names its task), then the Sales Connect task,
 * then the link, so a redelivery after a crash in between converges. The fresh imports of an outbound message or a
 * first sync's page are claimed under the invocation's lease and written together ({@link ImportBatch},
 * {@link #importsBatched}); nobody completes or releases a claim whose lease is live. An import that died before its
 * link is completed here ({@link #completeInterruptedImport}) before anything else is applied to its id.
 */
final class SalesforceImports {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceImports.class);

    private final TaskStore tasks;
    private final LinkStore links;
    private final PendingPushStore pendingPushes;
    private final Clock clock;

    SalesforceImports(TaskStore tasks, LinkStore links, PendingPushStore pendingPushes, Clock clock) {
        this.tasks = tasks;
        this.links = links;
        this.pendingPushes = pendingPushes;
        this.clock = clock;
    }

    /**
     * For {@link com.salesconnect.tasksync.store.ReadAhead#prefetchRows}: each row's id and the task id its import
     * would get.
     */
    static Map<SalesforceId, TaskId> importTaskIds(Collection<SfTask> rows) {
        Map<SalesforceId, TaskId> out = new LinkedHashMap<>();
        for (SfTask row : rows) {
            SalesforceId sfId = SalesforceId.of(row.id());
            out.put(sfId, TaskId.importedFrom(sfId));
        }
        return out;
    }

    /**
     * Whether a live task without a link is what an import for {@code user} left, under the identity the user is
     * connected as now: the user syncs, in this org, and the task was imported under this identity (made after any
     * earlier identity was detached, or claimed for this one: see {@link ConnectionIdentity#importedUnder}).
     */
    boolean interruptedImportOfCurrentIdentity(String orgId, SyncUser user, ScTask task) {
        return user.enabled() && madeUnderCurrentIdentity(orgId, user, task, () -> claimedFor(user, task));
    }

    /** The Salesforce user whose connection claimed the imported {@code task}'s id in the user's org, or null. */
    private String claimedFor(SyncUser user, ScTask task) {
        String sfId = SalesforceIds.sfIdOfImported(task.taskId());
        return sfId == null ? null : links.claimedFor(user.org(), SalesforceId.of(sfId), user.id(),
                TaskId.of(task.taskId()));
    }

    private static boolean madeUnderCurrentIdentity(String orgId, SyncUser user, ScTask task,
                                                    Supplier<String> claimedFor) {
        return SalesforceIds.same(orgId, user.orgId()) && ConnectionIdentity.importedUnder(user.identity(),
                user.detached(), task.createdAt(), claimedFor);
    }

    /** A tombstone of the user's own deletion (not one the sync wrote for Salesforce), still alive. */
    private static boolean deletedByTheUser(ScTask task, Instant now) {
        return task.deleted() && !task.expiredAt(now) && task.changeOrigin() == Origin.SALES_CONNECT;
    }

    /**
     * Imports under the deterministic id {@code sf-<id>}. Reached only when no link holds the Salesforce id, so an
     * existing tombstone of that id is one an owner change released (the task comes back to this user), or one a
     * Sales Connect user made between an interrupted import's task and link writes: that deletion wins.
     */
    Result importFor(SyncUser user, SfTask row, SyncUsers users) {
        return importFor(user, row, users, true);
    }

    /**
     * A version last changed before the window of the period's first import (the 24 hours before sync was turned on
     * or the identity changed): that first sync left it out (SPEC §1.2), so a late or repeated message carrying it
     * (Salesforce redelivers for 24 hours; the task may have gone to another owner since) imports nothing either. A
     * later change of the task brings it, as for any task the first sync left out.
     */
    private static boolean beforeTheImportWindow(SyncUser user, SfTask row) {
        Instant changed = row.lastModifiedDate() != null ? row.lastModifiedDate() : row.systemModstamp();
        Optional<Instant> enabledAt = user.settings().enabledAt();
        return changed != null && enabledAt.isPresent()
                && changed.isBefore(enabledAt.get().minus(FirstSyncRun.FIRST_IMPORT_WINDOW));
    }

    /** @param deferrable whether a fresh import may wait for its batch's writes (inside {@link #importsBatched}) */
    private Result importFor(SyncUser user, SfTask row, SyncUsers users, boolean deferrable) {
        FirstSync first = user.settings().firstSync();
        if (first.reEnable() && !first.linksSettled()) {
            // A task of the user's from before may hold this Salesforce task under a link that gave its id up while
            // the user's sync was off (another user imported it meanwhile): importing it now would list it twice.
            // The first sync settles those links first, then imports what changed in the last 24 hours (this too).
            return Result.FIRST_SYNC_PENDING;
        }
        if (beforeTheImportWindow(user, row)) {
            return Result.STALE;
        }
        Instant now = clock.instant();
        String sfId = SalesforceIds.to18(row.id());
        String taskId = SalesforceIds.importedTaskId(sfId);
        TaskFields fields = TaskMapper.fromSalesforce(row, user::statuses);
        Optional<ScTask> existing = tasks.get(user.id(), TaskId.of(taskId));
        long linkVersion = links.get(user.id(), TaskId.of(taskId)).map(TaskLink::version).orElse(0L);
        TaskLink link = TaskLink.linked(user.userId(), taskId, user.identity(), sfId, fields, row.systemModstamp(),
                linkVersion);
        ImportBatch batch = users.imports();
        if (deferrable && batch.open() && existing.isEmpty() && linkVersion == 0) {
            // Nothing of the id here as last read: claimed under this work's lease, written with its batch.
            claimForImport(link, users);
            batch.add(new ImportBatch.Entry(user, row,
                    new ScTask(user.userId(), taskId, fields, now, now, 0L, Origin.SALESFORCE, null, null), link));
            if (batch.full()) {
                flushImports(users);
            }
            return Result.IMPORTED;
        }
        claimForImport(link, users);
        if (existing.isPresent() && Tombstones.blocks(existing.get(), now)
                && existing.get().changeOrigin() == Origin.SALES_CONNECT) {
            // Deleted in Sales Connect before this import's link was written (the stream had no link to push
            // the deletion with). The pending push goes first: with the link it deletes the task in Salesforce.
            PendingPushes.keep(pendingPushes, user.userId(), taskId, "deleted in Sales Connect during its import", now,
                    now);
            links.save(link);
            return Result.SALES_CONNECT_DELETION_WINS;
        }
        if (existing.isPresent() && Tombstones.live(existing.get(), now)) {
            // A crash between task and link: keep a Sales Connect edit made since; refresh our own older write.
            ScTask task = existing.get();
            if (task.changeOrigin() == Origin.SALESFORCE && !task.fields().equals(fields)) {
                tasks.save(task.edited(fields, Origin.SALESFORCE, now));
            }
        } else {
            long version = existing.map(ScTask::version).orElse(0L);
            tasks.save(new ScTask(user.userId(), taskId, fields, now, now, version, Origin.SALESFORCE, null, null));
        }
        links.saveClaimed(link);
        return Result.IMPORTED;
    }

    /**
     * Runs {@code work} (the rows of a first sync's page, the notifications of an outbound message) with its fresh
     * imports batched ({@link ImportBatch}), and writes them when it ends, also when it throws (the rows it decided
     * before are kept). Imports it could not write lose their lease, so a retry need not wait for it; work that
     * dies leaves them to their claims' leases.
     */
    <T> T importsBatched(SyncUsers users, Supplier<T> work) {
        ImportBatch batch = users.imports();
        batch.enter();
        T out;
        try {
            out = work.get();
        } catch (RuntimeException e) {
            if (batch.leave()) {
                try {
                    flushImports(users);
                } catch (RuntimeException flush) {
                    e.addSuppressed(flush);
                    letGo(batch, e);
                }
            }
            throw e;
        }
        if (batch.leave()) {
            try {
                flushImports(users);
            } catch (RuntimeException e) {
                letGo(batch, e);
                throw e;
            }
        }
        return out;
    }

    /**
     * The batch's unwritten imports keep their claims (an abandoned import is found from them) under a lease that
     * has ended, so a retry completes or redoes them at once. Best effort: the store just failed.
     */
    private void letGo(ImportBatch batch, RuntimeException cause) {
        for (ImportBatch.Entry e : batch.entries()) {
            try {
                links.claim(e.link(), batch.ended(clock.instant()));
            } catch (RuntimeException failed) {
                cause.addSuppressed(failed);
                return;
            }
        }
    }

    /** The batch holds an import of {@code sfId18}: it is written before anything else reads or changes that id. */
    void flushWhenWaiting(String sfId18, SyncUsers users) {
        if (users.imports().holds(sfId18)) {
            flushImports(users);
        }
    }

    /**
     * Writes the batch's imports: first reads again (consistently) whether a task or link of their ids appeared
     * since the reads they were decided on; those that are still fresh go out without conditions (tasks, then
     * links: a crash in between leaves claimed tasks without links, an abandoned import that is completed later),
     * the others are imported one by one with the usual conditional writes.
     */
    void flushImports(SyncUsers users) {
        ImportBatch batch = users.imports();
        if (batch.isEmpty()) {
            return;
        }
        List<ImportBatch.Entry> entries = batch.entries();
        Map<UserId, List<TaskId>> idsByUser = new LinkedHashMap<>();
        for (ImportBatch.Entry e : entries) {
            idsByUser.computeIfAbsent(e.user().id(), u -> new ArrayList<>()).add(TaskId.of(e.task().taskId()));
        }
        Set<String> taken = new HashSet<>();
        idsByUser.forEach((userId, taskIds) -> {
            tasks.getAll(userId, taskIds).keySet().forEach(t -> taken.add(userId.value() + "/" + t.value()));
            links.getAll(userId, taskIds).keySet().forEach(t -> taken.add(userId.value() + "/" + t.value()));
        });
        List<ImportBatch.Entry> fresh = new ArrayList<>();
        List<ImportBatch.Entry> late = new ArrayList<>();
        for (ImportBatch.Entry e : entries) {
            (taken.contains(e.task().userId() + "/" + e.task().taskId()) ? late : fresh).add(e);
        }
        if (!fresh.isEmpty()) {
            tasks.createAll(fresh.stream().map(ImportBatch.Entry::task).toList());
            links.saveClaimedAll(fresh.stream().map(ImportBatch.Entry::link).toList());
            batch.written(fresh);
        }
        for (ImportBatch.Entry e : late) {
            LOG.info("import found its task or link written meanwhile; imported on its own: userId={} taskId={}",
                    e.task().userId(), e.task().taskId());
            Retry.onWriteConflict(() -> importFor(e.user(), e.row(), users, false));
            batch.written(List.of(e));
        }
    }

    /**
     * Claims the Salesforce id before the task is written (the pointer names the task before anything else of the
     * import exists). When an earlier owner's interrupted import still holds the id, that import is completed (or
     * its empty claim released) and the conflict is thrown, so the retry applies the version to the completed link.
     */
    private void claimForImport(TaskLink link, SyncUsers users) {
        ImportBatch batch = users.imports();
        try {
            // While a batch is open or being written, every claim carries its lease: its own claims never stand in
            // its way.
            links.claim(link, batch.open() || !batch.isEmpty() ? batch.lease(clock.instant()) : null);
        } catch (WriteConflictException e) {
            completeInterruptedImport(link.orgId(), link.sfId(), users);
            throw e;
        }
    }

    /**
     * An import that claimed {@code sfId} and died before writing its link: its task (live, {@code sf-<id>}, made
     * under its user's current identity) gets the link the import meant to write, with the task's values as the
     * last synced ones, so the version at hand is applied to it as to any linked task (a task that went to another
     * owner leaves the list). A claim with no such task behind it (the import died before the task, the task was
     * deleted since, its user's sync is off or the user connected as another identity) is released.
     *
     * @return the completed link; empty when nothing was completed
     */
    Optional<TaskLink> completeInterruptedImport(String orgId, String sfId, SyncUsers users) {
        Optional<SfIdClaim> claim = links.claimOf(OrgId.of(orgId), SalesforceId.of(sfId));
        if (claim.isEmpty() || !claim.get().taskId().equals(SalesforceIds.importedTaskId(sfId))) {
            return Optional.empty();
        }
        String userId = claim.get().userId();
        String taskId = claim.get().taskId();
        if (links.get(claim.get().user(), claim.get().task()).isPresent()) {
            // A link of the task exists: a save that died between pointer and link, mended by saving again.
            return Optional.empty();
        }
        Instant now = clock.instant();
        // This work's own claims (its batch's) are never another's.
        if (claim.get().leasedToAnother(users.imports().claimant(), now)) {
            // A live import holds it and writes its task and link with its batch: its work, not ours. The change
            // at hand is tried again (a redelivery, the next sweep) once that import is written or abandoned.
            throw new WriteConflictException("Salesforce task " + sfId + " is being imported by another invocation");
        }
        Optional<SyncUser> user = users.get(userId);
        Optional<ScTask> stored = tasks.get(claim.get().user(), claim.get().task());
        if (user.isPresent() && stored.isPresent() && deletedByTheUser(stored.get(), now)
                && madeUnderCurrentIdentity(orgId, user.get(), stored.get(), claim.get()::sfUserId)) {
            // The user deleted the half-imported task, and no push took the deletion (sync turned off before the
            // stream got to it): the pair is remembered (LINKED, the task's tombstone beside it), so the deletion
            // reaches Salesforce when the user's sync runs, the re-enable's settling included, rather than being
            // forgotten with the tombstone.
            TaskLink completed = links.save(TaskLink.linked(userId, taskId, user.get().identity(), sfId,
                    Deletions.normalizedOrAsIs(stored.get().fields()), null, 0L));
            LOG.info("interrupted import completed for its deletion: userId={} taskId={}", userId, taskId);
            return Optional.of(completed);
        }
        Optional<ScTask> task = stored.filter(t -> Tombstones.live(t, now));
        if (user.isEmpty() || task.isEmpty() || !interruptedImportOfCurrentIdentity(orgId, user.get(), task.get())) {
            links.releaseSfId(TaskLink.pointerHeldBy(userId, taskId, orgId, sfId));
            return Optional.empty();
        }
        TaskLink completed = TaskLink.linked(userId, taskId, user.get().identity(), sfId,
                Deletions.normalizedOrAsIs(task.get().fields()), null, 0L);
        TaskLink saved = links.save(completed);
        LOG.info("interrupted import completed: userId={} taskId={}", userId, taskId);
        return Optional.of(saved);
    }
}
