package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.rules.DeletionRule;
import com.salesconnect.tasksync.rules.EchoSuppression;
import com.salesconnect.tasksync.rules.Freshness;
import com.salesconnect.tasksync.rules.ThreeWayMerge;
import com.salesconnect.tasksync.rules.Tombstones;
import com.salesconnect.tasksync.runtime.LogFields;
import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.PendingPushStore;
import com.salesconnect.tasksync.store.ReadAhead;
import com.salesconnect.tasksync.store.TaskStore;
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
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Applies one Salesforce task version to Sales Connect (outbound messages and sweeps alike).
 *
 * <p>Rules, in order: a version not newer than the one applied (SystemModstamp) is ignored; a tombstoned Salesforce
 * id is never re-created; a version equal to the last synced values is an echo and only advances the link's
 * SystemModstamp; an unknown id is imported under a deterministic task id ({@code sf-<18-char id>}) unless it is
 * the answer to one of our own pending creates, which it then adopts; a known one is merged three-way, Sales
 * Connect is written with origin SALESFORCE (optimistic locking, retried on conflict), fields Sales Connect won
 * are pushed back, and the link's base and SystemModstamp move on. Imports, and the completion of an import that
 * died half-way, are {@link SalesforceImports}'.
 *
 * <p><b>Owner changes.</b> Tasks are routed by OwnerId to the Sales Connect user connected as that owner. When a
 * linked task's owner moves from user A to user B, it leaves A's list (A's task becomes a tombstone written with
 * origin SALESFORCE, the link a DELETED tombstone; nothing is deleted in Salesforce) and, if B has sync on, it is
 * imported for B: A's tombstone then releases the Salesforce id so B's link can take it. If B has no sync, A's
 * tombstone keeps the id so late messages for A stay ignored; B's first sync or sweep finds the task later and
 * takes it over the same way. While A's sync is off, A's list is not touched (sync off stops both directions);
 * A's next push of that task notices the new owner and removes it then.
 */
final class SalesforceChangeApplier {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceChangeApplier.class);
    /** How long a restore keeps its link's tombstone before it relinks the pair (see {@code restore}). */
    static final Duration PINNED = Duration.ofDays(365);

    enum Result {
        IMPORTED, ADOPTED, MERGED, ECHO, STALE, DUPLICATE, TOMBSTONED, DELETED, OWNER_MOVED,
        SALES_CONNECT_DELETION_WINS, RESTORED, NO_USER, SYNC_OFF, DETACHED, NOTHING,
        /** Not imported now: the owner's links from before are not settled yet; their first sync imports it. */
        FIRST_SYNC_PENDING
    }

    /** Results after which the owner's Sales Connect holds this Salesforce version (for the sync health). */
    private static final Set<Result> IN_SYNC = EnumSet.of(Result.IMPORTED, Result.ADOPTED, Result.MERGED, Result.ECHO,
            Result.DUPLICATE, Result.DELETED, Result.OWNER_MOVED, Result.RESTORED);

    private final ReadAhead reads;
    private final TaskStore tasks;
    private final LinkStore links;
    private final PendingPushStore pendingPushes;
    private final ConflictRecorder conflicts;
    private final Deletions deletions;
    private final TaskPusher pusher;
    private final SyncMarks marks;
    private final SalesforceImports imports;
    private final CreateEchoes createEchoes;
    private final Clock clock;

    /** Reads tasks and links through {@code reads}, as {@code pusher} does. */
    SalesforceChangeApplier(ReadAhead reads, PendingPushStore pendingPushes,
                            ConflictRecorder conflicts, TaskPusher pusher, SyncMarks marks, Clock clock) {
        this.reads = reads;
        this.tasks = reads.tasks();
        this.links = reads.links();
        this.pendingPushes = pendingPushes;
        this.conflicts = conflicts;
        this.deletions = new Deletions(tasks, links, conflicts);
        this.pusher = pusher;
        this.marks = marks;
        this.imports = new SalesforceImports(tasks, links, pendingPushes, clock);
        this.createEchoes = new CreateEchoes(tasks, links, this::pushLocalChanges, clock);
        this.clock = clock;
    }

    /** Runs {@code work} with its fresh imports batched ({@link SalesforceImports#importsBatched}). */
    <T> T importsBatched(SyncUsers users, Supplier<T> work) {
        return imports.importsBatched(users, work);
    }

    /** Writes the imports batched so far ({@link SalesforceImports#flushImports}). */
    void flushImports(SyncUsers users) {
        imports.flushImports(users);
    }

    /**
     * The applier of a function that only receives Salesforce's changes (outbound messages, change events): its
     * push-backs go through its own pusher, both reading through {@code reads}; it never writes a connection.
     */
    static SalesforceChangeApplier forInbound(SyncStores stores, ReadAhead reads,
                                              SalesforceFailures failures, Clock clock) {
        ConflictRecorder conflicts = new ConflictRecorder(stores.conflicts());
        SyncMarks marks = new SyncMarks(stores.health(), clock);
        return new SalesforceChangeApplier(reads, stores.pendingPushes(), conflicts,
                new TaskPusher(reads, stores.pendingPushes(), conflicts, failures, marks, clock), marks, clock);
    }

    /**
     * @param row    a complete, live Salesforce version (every mapped field, OwnerId, SystemModstamp)
     * @param owner  the user connected as the row's OwnerId, or nobody
     * @param users  loads other users (the previous owner's) for this piece of work
     */
    Result applyLive(String orgId, SfTask row, RowOwner owner, SyncUsers users) {
        String sfId = SalesforceIds.to18(row.id());
        try (LogFields.Scope ignored = LogFields.with(LogFields.ORG_ID, orgId, LogFields.SF_ID, sfId,
                LogFields.CHANGE_ID, LogFields.sfChange(sfId, row.systemModstamp()))) {
            Result result = AppliedChanges.fromSalesforce(
                    Retry.onWriteConflict(() -> applyLiveOnce(orgId, row, owner, users)), row.systemModstamp(), clock);
            if (owner instanceof RowOwner.Connected c && IN_SYNC.contains(result)) {
                marks.pulled(c.user().userId());
            }
            return result;
        }
    }


    /** A version read from a notification that left out null fields (null in {@code task}), and its owner. */
    record Partial(String key, SfTask task, SyncUser owner) {
    }

    /**
     * The keys of the partial versions that hold exactly what the sync holds for their tasks of their owners: the
     * values of a LINKED pair, or the values a pending create of the owner sent (the echo of that create, come
     * before its link). Reads no Salesforce record; the ids without a link are read again all together.
     */
    Set<String> heldAlready(String orgId, List<Partial> partials, SyncUsers users) {
        Set<String> held = new HashSet<>();
        Map<Partial, TaskFields> unlinked = new LinkedHashMap<>();
        for (Partial p : partials) {
            Optional<TaskFields> incoming = echoCandidate(p);
            if (incoming.isEmpty()) {
                continue;
            }
            Optional<TaskLink> link = links.findBySfId(OrgId.of(orgId), SalesforceId.of(p.task().id()));
            if (link.isPresent()) {
                if (unchangedPair(link.get(), incoming.get(), p.owner())) {
                    held.add(p.key());
                }
            } else if (users.pendingCreates(p.owner().userId(), createEchoes::pendingCreates).stream()
                    .anyMatch(pc -> p.owner().owns(pc) && incoming.get().equals(pc.base())
                            && (pc.sfId() == null || SalesforceIds.same(pc.sfId(), p.task().id())))) {
                held.add(p.key());
            } else {
                unlinked.put(p, incoming.get());
            }
        }
        // A create may have written its link after the look-ups above and before its marker was read: those ids are
        // read again (a few batch reads), and what was read is kept for the application that follows.
        Map<SalesforceId, TaskLink> fresh = reads.rereadAllBySfId(OrgId.of(orgId),
                unlinked.keySet().stream().map(p -> SalesforceId.of(p.task().id())).toList());
        unlinked.forEach((p, incoming) -> {
            TaskLink link = fresh.get(SalesforceId.of(p.task().id()));
            if (link != null && unchangedPair(link, incoming, p.owner())) {
                held.add(p.key());
            }
        });
        return held;
    }

    /** The partial version's values when it could be an echo of the owner's: its owner syncs and owns it. */
    private static Optional<TaskFields> echoCandidate(Partial p) {
        SyncUser owner = p.owner();
        if (!owner.enabled() || p.task().seriesMaster() || !SalesforceIds.same(p.task().ownerId(), owner.sfUserId())) {
            return Optional.empty();
        }
        try {
            return Optional.of(TaskMapper.fromSalesforce(p.task(), owner::statuses));
        } catch (SalesforceException e) {
            return Optional.empty(); // the org's statuses cannot be read now: the version is read and applied as usual
        }
    }

    private static boolean unchangedPair(TaskLink link, TaskFields incoming, SyncUser owner) {
        return link.state() == LinkState.LINKED && link.userId().equals(owner.userId()) && owner.owns(link)
                && EchoSuppression.changesNothing(incoming, link);
    }

    /**
     * A Salesforce deletion: the linked Sales Connect task becomes a tombstone (origin SALESFORCE) and the link a
     * DELETED tombstone. Only links of {@code onlyUserId} are touched when it is given.
     */
    Result applyDeletion(String orgId, String sfId, String onlyUserId, SyncUsers users) {
        return applyDeletion(orgId, sfId, null, onlyUserId, users);
    }

    /** @param sfDeletedAt the deleted row's SystemModstamp, when the deletion was read as a row (else null) */
    Result applyDeletion(String orgId, String sfId, Instant sfDeletedAt, String onlyUserId, SyncUsers users) {
        String sfId18 = SalesforceIds.to18(sfId);
        try (LogFields.Scope ignored = LogFields.with(LogFields.ORG_ID, orgId, LogFields.SF_ID, sfId18,
                LogFields.CHANGE_ID, LogFields.sfChange(sfId18, sfDeletedAt))) {
            return AppliedChanges.fromSalesforce(applyDeletionOnce(orgId, sfId, sfDeletedAt, onlyUserId, users),
                    sfDeletedAt, clock);
        }
    }

    private Result applyDeletionOnce(String orgId, String sfId, Instant sfDeletedAt, String onlyUserId,
                                     SyncUsers users) {
        Instant now = clock.instant();
        imports.flushWhenWaiting(SalesforceIds.to18(sfId), users);
        Optional<TaskLink> found = links.findBySfId(OrgId.of(orgId), SalesforceId.of(sfId));
        if (found.isEmpty()) {
            found = imports.completeInterruptedImport(orgId, SalesforceIds.to18(sfId), users);
        }
        if (found.isEmpty()) {
            return onlyUserId == null ? Result.NOTHING : importWithoutLink(orgId, sfId, sfDeletedAt, onlyUserId, users);
        }
        TaskLink link = found.get();
        if (onlyUserId != null && !onlyUserId.equals(link.userId())) {
            return Result.NOTHING;
        }
        Optional<SyncUser> linkUser = users.get(link.userId());
        if (linkUser.isEmpty() || !linkUser.get().owns(link)) {
            return Result.DETACHED;
        }
        if (link.state() == LinkState.DELETED) {
            return linkUser.get().enabled()
                    ? interruptedRestore(linkUser.get(), link).orElse(Result.TOMBSTONED) : Result.TOMBSTONED;
        }
        if (!linkUser.get().enabled()) {
            return Result.SYNC_OFF;
        }
        deletions.goneInSalesforce(link, false, now, sfDeletedAt);
        return Result.DELETED;
    }

    /**
     * A deletion of a task {@code userId} owned, that no link holds: an import that wrote the task and died before
     * its link (made under the identity connected now) leaves the task behind; it goes too, and a DELETED link
     * tombstone keeps late versions of the id from bringing it back.
     */
    private Result importWithoutLink(String orgId, String sfId, Instant sfDeletedAt, String userId, SyncUsers users) {
        Optional<SyncUser> user = users.get(userId);
        String id18 = SalesforceIds.to18(sfId);
        String taskId = SalesforceIds.importedTaskId(id18);
        Instant now = clock.instant();
        Optional<ScTask> task = tasks.get(UserId.of(userId), TaskId.of(taskId)).filter(t -> Tombstones.live(t, now));
        if (user.isEmpty() || task.isEmpty()
                || !imports.interruptedImportOfCurrentIdentity(orgId, user.get(), task.get())
                || links.get(UserId.of(userId), TaskId.of(taskId)).isPresent()) {
            return Result.NOTHING;
        }
        TaskLink orphan = TaskLink.linked(userId, taskId, user.get().identity(), id18,
                Deletions.normalizedOrAsIs(task.get().fields()), sfDeletedAt, 0L);
        deletions.goneInSalesforce(orphan, false, now, sfDeletedAt);
        LOG.info("task of an interrupted import removed after its deletion in Salesforce: userId={} taskId={}",
                userId, taskId);
        return Result.DELETED;
    }

    /**
     * A LINKED pair of {@code user} whose Salesforce id another task holds now: Salesforce deleted it, or gave it to
     * someone else (who took it over): it leaves this user's list; nothing happens in Salesforce.
     *
     * @param sfStamp the SystemModstamp of the version that showed it (null when the record is gone)
     */
    Result goneFromThisUser(SyncUser user, TaskLink link, boolean ownerMoved, Instant sfStamp) {
        if (!user.enabled()) {
            return Result.SYNC_OFF;
        }
        deletions.goneInSalesforce(link, ownerMoved, clock.instant(), sfStamp);
        return ownerMoved ? Result.OWNER_MOVED : Result.DELETED;
    }

    /**
     * {@code holder} holds a Salesforce id that belongs to an older link of the task's owner: the id is given up, and
     * the holder's task leaves its user's list (written on Salesforce's behalf, never pushed) while its pair is
     * attached; a pair of an identity its user left is detached and stays as it is (SPEC §3).
     */
    void takeBack(TaskLink holder, Instant now, SyncUsers users) {
        if (users.get(holder.userId()).map(u -> u.owns(holder)).orElse(false)) {
            deletions.goneInSalesforce(holder, true, now);
        }
        links.get(holder.user(), holder.task()).ifPresent(links::releaseSfId);
    }

    private Result applyLiveOnce(String orgId, SfTask incoming, RowOwner owner, SyncUsers users) {
        if (incoming.seriesMaster()) {
            // The template of a recurring series: its occurrences are the tasks (each synced on its own).
            return Result.NOTHING;
        }
        SfTask row = incoming;
        String sfId = SalesforceIds.to18(row.id());
        imports.flushWhenWaiting(sfId, users);
        Optional<TaskLink> found = links.findBySfId(OrgId.of(orgId), SalesforceId.of(sfId));
        if (found.isEmpty() && owner.syncing().isEmpty()) {
            // Not for an owner who syncs: an import for an earlier owner that died before its link may be behind.
            found = imports.completeInterruptedImport(orgId, sfId, users);
        }
        if (found.isEmpty()) {
            if (!(owner instanceof RowOwner.Connected c)) {
                return Result.NO_USER;
            }
            if (!c.user().enabled()) {
                return Result.SYNC_OFF;
            }
            Optional<TaskLink> recorded = createEchoes.recordedCreate(c.user(), row, users);
            if (recorded.isPresent()) {
                return merge(c.user(), recorded.get(), row);
            }
            if (createEchoes.adoptPendingCreate(c.user(), row, users)) {
                return Result.ADOPTED;
            }
            return imports.importFor(c.user(), row, users);
        }
        TaskLink link = found.get();
        Optional<SyncUser> linkUser = users.get(link.userId());
        if (linkUser.isEmpty() || !linkUser.get().owns(link)) {
            return detached(link, row, owner, users);
        }
        Freshness freshness = Freshness.of(row.systemModstamp(), link);
        if (freshness == Freshness.STALE) {
            putAppliedValuesBack(linkUser.get(), link);
            return Result.STALE;
        }
        if (freshness == Freshness.DUPLICATE && givenToAnotherSyncingUser(link, row, owner)) {
            // The previous owner's copy left already (e.g. its push found the new owner), with this version's stamp:
            // the new owner still gets the task.
            return ownerMoved(link, row, owner, users);
        }
        // A live version in the second of the last one applied to a DELETED link may be an undelete made within
        // that second: the DELETED branch below asks Salesforce (undeletedInTheDeletionsSecond), never a shortcut.
        if (freshness == Freshness.DUPLICATE && link.state() != LinkState.DELETED) {
            Optional<SfTask> current = sameSecondEdit(link, row, owner, users);
            if (current.isEmpty()) {
                putAppliedValuesBack(linkUser.get(), link);
                return Result.DUPLICATE;
            }
            row = current.get();
        }
        // Moved = the row's owner is no longer the Salesforce user the link's Sales Connect user is connected as
        // (not merely routed elsewhere, e.g. when two Sales Connect users share one Salesforce login).
        if (!SalesforceIds.same(row.ownerId(), linkUser.get().sfUserId())) {
            return ownerMoved(link, row, owner, users);
        }
        SyncUser user = linkUser.get();
        if (!user.enabled()) {
            return Result.SYNC_OFF;
        }
        SfTask version = row;
        return switch (link.state()) {
            case DELETED -> Tombstones.madeAfterDeletion(link, version.systemModstamp())
                    ? restore(user, link, version)
                    : undeletedInTheDeletionsSecond(user, link, version)
                            .map(current -> restore(user, link, current))
                            .or(() -> interruptedRestore(user, link))
                            .orElseGet(() -> tombstoned(user, link, version));
            // A PENDING_CREATE link has no Salesforce id yet, so no id lookup can return one.
            case PENDING_CREATE -> Result.NOTHING;
            case LINKED -> merge(user, link, row);
        };
    }

    /**
     * SystemModstamp has a one-second resolution, so two edits within the same second share it. A version with the
     * applied SystemModstamp but other values (or another owner) than the last synced ones is either such a second
     * edit or an older one delivered late (messages arrive out of order): the message cannot tell which, so
     * Salesforce's current record decides. Returns that record when it differs from what was applied and is not
     * older, or when it is what was applied but the task holds this version's own write without its link; empty
     * when this is a plain duplicate. When Salesforce cannot be asked now, the version is left to the
     * sweep, which reads the current record anyway.
     */
    private Optional<SfTask> sameSecondEdit(TaskLink link, SfTask row, RowOwner owner, SyncUsers users) {
        if (link.state() != LinkState.LINKED || link.base() == null) {
            return Optional.empty();
        }
        Optional<SyncUser> user = users.get(link.userId());
        if (user.isEmpty() || sameAsApplied(row, link, user.get())) {
            return Optional.empty();
        }
        // Asked as the link's user; when that one cannot (sync off, connection broken) and the version names another
        // owner who syncs in the org, as that owner (the task may have been given to them within the second).
        Optional<SyncUser> reader = user.filter(u -> u.enabled() && u.connected())
                .or(() -> owner.syncing().filter(o -> o.connected() && !o.userId().equals(link.userId())
                        && SalesforceIds.same(o.orgId(), link.orgId())));
        if (reader.isEmpty()) {
            return Optional.empty();
        }
        try {
            SfTask current = TaskQueries.byIds(reader.get().api(), List.of(link.sfId())).get(link.sfId());
            if (current == null || current.systemModstamp() == null
                    || current.systemModstamp().isBefore(link.sfModstamp())) {
                return Optional.empty();
            }
            if (sameAsApplied(current, link, user.get())) {
                // This version lost to the applied one, but it may have written its task before its link write
                // conflicted with that one's (two versions of one second, two invocations): the current record,
                // merged, puts the applied values back over it.
                return taskWithOwnWrite(user.get(), link).map(t -> current);
            }
            return Optional.of(current);
        } catch (SalesforceException e) {
            LOG.info("same-second Salesforce edit left to the sweep: userId={} taskId={} failure={}",
                    link.userId(), link.taskId(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * A live version stamped in the same second as the Salesforce deletion a tombstone recorded is either a late
     * message about the version before it or an undelete made within that second: SystemModstamp cannot order them,
     * so Salesforce's current record decides. It is read after the tombstone was, so a live record owned by the
     * link's user was undeleted after the deletion; a deleted one means the version was late. Only when the task is
     * known to have been deleted in Salesforce (a deletion made there, or one the sync pushed, which records
     * {@code sfDeletedAt}); a Sales Connect deletion Salesforce refused leaves the record live, and stays. Empty when
     * Salesforce cannot be asked now: the sweep reads the record again anyway.
     */
    private Optional<SfTask> undeletedInTheDeletionsSecond(SyncUser user, TaskLink link, SfTask row) {
        Instant deletion = link.sfDeletedAt() != null ? link.sfDeletedAt() : link.deletedAt();
        boolean deletedThere = link.deletedBy() == Origin.SALESFORCE || link.sfDeletedAt() != null;
        if (!deletedThere || deletion == null || row.systemModstamp() == null
                || !row.systemModstamp().truncatedTo(ChronoUnit.SECONDS)
                .equals(deletion.truncatedTo(ChronoUnit.SECONDS))) {
            return Optional.empty();
        }
        try {
            SfTask current = TaskQueries.byIds(user.api(), List.of(link.sfId())).get(link.sfId());
            if (current == null || current.deleted() || !SalesforceIds.same(current.ownerId(), user.sfUserId())) {
                return Optional.empty();
            }
            LOG.info("undeleted in the second of its deletion: userId={} taskId={}", link.userId(), link.taskId());
            return Optional.of(current);
        } catch (SalesforceException e) {
            LOG.info("same-second undelete check left to the sweep: userId={} taskId={} failure={}",
                    link.userId(), link.taskId(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * A restore writes the task, then the link: one that died in between leaves a live task (its last change from
     * Salesforce) behind a DELETED link, which no later version would touch. Salesforce's current record settles it:
     * live and the user's, the restore is finished; otherwise the task goes again. Empty when there is nothing of the
     * kind, or Salesforce cannot be asked now (the next delivery or sweep tries again).
     */
    private Optional<Result> interruptedRestore(SyncUser user, TaskLink link) {
        return interruptedRestore(user, link, null, false);
    }

    /**
     * As {@link #interruptedRestore(SyncUser, TaskLink)} with Salesforce's current record already read
     * ({@code current}, null when queryAll did not return it).
     */
    Optional<Result> interruptedRestore(SyncUser user, TaskLink link, SfTask current) {
        return interruptedRestore(user, link, current, true);
    }

    private Optional<Result> interruptedRestore(SyncUser user, TaskLink link, SfTask known, boolean read) {
        Instant now = clock.instant();
        Optional<ScTask> task = tasks.get(user.id(), link.task());
        if (link.sfId() == null || task.isEmpty() || !Tombstones.live(task.get(), now)) {
            return Optional.empty();
        }
        SfTask current = known;
        if (!read) {
            try {
                current = TaskQueries.byIds(user.api(), List.of(link.sfId())).get(SalesforceIds.to18(link.sfId()));
            } catch (SalesforceException e) {
                LOG.info("interrupted restore left for later: userId={} taskId={} failure={}", link.userId(),
                        link.taskId(), e.getClass().getSimpleName());
                return Optional.empty();
            }
        }
        boolean live = current != null && !current.deleted() && SalesforceIds.same(current.ownerId(), user.sfUserId());
        if (live && task.get().changeOrigin() == Origin.SALESFORCE) {
            return Optional.of(restore(user, link, current));
        }
        if (live) {
            // The user edited the restored task since: Salesforce's values become the last synced ones and the
            // user's edits go to Salesforce (merged three-way by the pusher).
            TaskLink relinked = links.save(link.relinked(link.sfId(), TaskMapper.fromSalesforce(current,
                    user::statuses), current.systemModstamp()));
            pushLocalChanges(user, relinked);
            return Optional.of(Result.RESTORED);
        }
        // Deleted in Salesforce again (or gone from this user): the deletion wins over edits made since, recorded.
        deletions.goneInSalesforce(link, false, now, current == null ? null : current.systemModstamp());
        LOG.info("interrupted restore undone: userId={} taskId={}", link.userId(), link.taskId());
        return Optional.of(Result.DELETED);
    }

    /** A tombstone of one user's copy, and the version belongs to another user who syncs, as that user's identity. */
    private static boolean givenToAnotherSyncingUser(TaskLink link, SfTask row, RowOwner owner) {
        return link.state() == LinkState.DELETED && owner.syncing()
                .filter(o -> !o.userId().equals(link.userId()) && SalesforceIds.same(row.ownerId(), o.sfUserId()))
                .isPresent()
                && !SalesforceIds.same(row.ownerId(), link.sfUserId());
    }

    /** Owned by the link's user, with the values last synced: nothing in it was not applied already. */
    private static boolean sameAsApplied(SfTask row, TaskLink link, SyncUser user) {
        return SalesforceIds.same(row.ownerId(), user.sfUserId())
                && TaskMapper.fromSalesforce(row, user::statuses).equals(link.base());
    }

    /**
     * The id belongs to a link of a previous connection identity: that link is never touched again. When the task's
     * owner syncs now, the detached link gives the id up and the task is imported for the owner.
     */
    private Result detached(TaskLink link, SfTask row, RowOwner owner, SyncUsers users) {
        Optional<SyncUser> syncing = owner.syncing();
        if (syncing.isEmpty()) {
            return Result.DETACHED;
        }
        SyncUser user = syncing.get();
        if (user.userId().equals(link.userId()) && SalesforceIds.same(link.orgId(), user.orgId())
                && link.state() == LinkState.LINKED) {
            // Given to the Salesforce user this user is connected as now: the same Sales Connect task syncs again
            // (merged three-way from the values last synced), rather than a second copy being imported.
            links.save(takenOver(link, user));
            return applyLiveOnce(link.orgId(), row, owner, users);
        }
        links.releaseSfId(link);
        return imports.importFor(user, row, users);
    }

    /**
     * {@code link} taken over by {@code user}'s current identity, to be saved. A copy the user deleted while it was
     * detached deleted nothing in Salesforce (SPEC §3): the pair comes back as a tombstone dated at that deletion, so
     * a Salesforce version made after it (the task given to the user since) brings the task into the list, an older
     * one (the user deleted the copy after that) changes nothing, and nothing goes to Salesforce. Changes the user
     * made to a live copy while it was detached were never pushed (the stream met a detached link), and a version of
     * Salesforce's that changed nothing they hold is an echo to the merge: a pending push, written before the link is
     * taken over, sends them, merged by the pusher with Salesforce's current record.
     */
    private TaskLink takenOver(TaskLink link, SyncUser user) {
        TaskLink attached = link.reattached(user.identity());
        Optional<ScTask> copy = tasks.get(link.user(), link.task());
        if (copy.isPresent() && copy.get().deleted() && copy.get().changeOrigin() == Origin.SALES_CONNECT) {
            return Tombstones.of(attached, Origin.SALES_CONNECT, copy.get().deletedAt());
        }
        Instant now = clock.instant();
        copy.filter(task -> Tombstones.live(task, now) && PushPlanner.hasLocalChanges(task, attached))
                .ifPresent(task -> pendingPushes.putIfAbsent(new PendingPush(user.userId(), task.taskId(), 0, now,
                        now, "changed while its pair was detached")));
        return attached;
    }

    /**
     * A version made before the deletion, delivered late, never re-creates the task. Newer than what was applied, it
     * is an edit the Sales Connect deletion beat: that is recorded.
     */
    private Result tombstoned(SyncUser user, TaskLink link, SfTask row) {
        if (link.deletedBy() == Origin.SALES_CONNECT) {
            TaskFields incoming = TaskMapper.fromSalesforce(row, user::statuses);
            DeletionRule.judge(Origin.SALES_CONNECT, incoming, link.base())
                    .ifPresent(o -> conflicts.deletion(user.userId(), link.taskId(), link.sfId(), o,
                            TaskPusher.later(row.lastModifiedDate(), link.deletedAt())));
        }
        return Result.TOMBSTONED;
    }

    private Result ownerMoved(TaskLink link, SfTask row, RowOwner newOwner, SyncUsers users) {
        Instant now = clock.instant();
        boolean previousOwnerSyncing = users.get(link.userId()).map(SyncUser::enabled).orElse(false);
        // Behind a DELETED link a live task is only left by a restore that died before its link: it goes too.
        boolean listed = link.state() != LinkState.DELETED
                || tasks.get(link.user(), link.task()).filter(t -> Tombstones.live(t, now)).isPresent();
        if (listed && previousOwnerSyncing) {
            // The version that showed the new owner dates the tombstone: a later one (the task given back) restores.
            deletions.goneInSalesforce(link, true, now, row.systemModstamp());
            LOG.info("task left its previous owner's list: userId={} taskId={}", link.userId(), link.taskId());
        }
        Optional<SyncUser> importer = newOwner.syncing().filter(o -> !o.userId().equals(link.userId()));
        if (importer.isPresent()) {
            links.releaseSfId(link);
            return imports.importFor(importer.get(), row, users);
        }
        return Result.OWNER_MOVED;
    }

    /**
     * A version Salesforce made after the deletion the tombstone recorded: the task was undeleted (or came back to
     * this owner). It comes back in Sales Connect under its own task id, with its link (SPEC §3).
     */
    private Result restore(SyncUser user, TaskLink tombstone, SfTask row) {
        Instant now = clock.instant();
        TaskFields fields = TaskMapper.fromSalesforce(row, user::statuses);
        Optional<ScTask> existing = tasks.get(user.id(), tombstone.task());
        if (existing.isPresent() && changedInSalesConnectSince(existing.get(), tombstone)) {
            return relinkUnderTheUsersChange(user, tombstone, row, existing.get(), now);
        }
        // The task is written before its link: a restore that dies in between leaves a live task behind a DELETED
        // link, which the next delivery finishes (interruptedRestore). Until then the link's tombstone must outlive
        // its 15 days (sync may be turned off before any delivery): without it the pair is forgotten, and the task
        // would be imported again beside the restored one. Kept PINNED first; relinking ends the pin.
        TaskLink link = tombstone.expiresAt() == null || tombstone.state() != LinkState.DELETED ? tombstone
                : links.save(tombstone.withExpiry(now.plus(PINNED)));
        if (existing.isPresent() && Tombstones.live(existing.get(), now)) {
            if (!existing.get().fields().equals(fields)) {
                tasks.save(existing.get().edited(fields, Origin.SALESFORCE, now));
            }
        } else {
            long version = existing.map(ScTask::version).orElse(0L);
            Instant createdAt = existing.map(ScTask::createdAt).orElse(now);
            Instant updatedAt = existing.map(ScTask::updatedAt).orElse(now);
            tasks.save(new ScTask(user.userId(), link.taskId(), fields, createdAt, updatedAt, version,
                    Origin.SALESFORCE, null, null));
        }
        links.save(link.relinked(link.sfId(), fields, row.systemModstamp()));
        LOG.info("task restored after an undelete in Salesforce: userId={} taskId={}", user.userId(), link.taskId());
        return Result.RESTORED;
    }

    /**
     * The user changed or deleted the task after its link's tombstone: only a restore that died before its link
     * leaves the task in the list behind a DELETED link, and the stream pushes nothing for such a link.
     */
    private static boolean changedInSalesConnectSince(ScTask task, TaskLink tombstone) {
        Instant changed = task.deleted() ? task.deletedAt() : task.updatedAt();
        return task.changeOrigin() == Origin.SALES_CONNECT && tombstone.deletedAt() != null && changed != null
                && changed.isAfter(tombstone.deletedAt()) && tombstone.base() != null && tombstone.sfId() != null;
    }

    /**
     * Finishes the restore under the user's later change: a pending push first (the change, a deletion too, goes to
     * Salesforce with the sweep's retry: the stream saw a DELETED link), then the pair linked again on its last
     * synced values, then Salesforce's version merged as any concurrent change is (a deletion wins over it).
     */
    private Result relinkUnderTheUsersChange(SyncUser user, TaskLink link, SfTask row, ScTask task, Instant now) {
        pendingPushes.putIfAbsent(new PendingPush(user.userId(), task.taskId(), 0, now, now,
                "changed in Sales Connect after an undelete in Salesforce"));
        TaskLink relinked = links.save(link.relinked(link.sfId(), link.base(), link.sfModstamp()));
        LOG.info("restore finished under a later change in Sales Connect: userId={} taskId={}", user.userId(),
                link.taskId());
        return merge(user, relinked, row);
    }

    private Result merge(SyncUser user, TaskLink link, SfTask row) {
        Instant now = clock.instant();
        TaskFields sfNow = TaskMapper.fromSalesforce(row, user::statuses);
        Optional<ScTask> current = tasks.get(user.id(), link.task());
        if (current.isPresent() && current.get().deleted() && current.get().changeOrigin() == Origin.SALESFORCE) {
            // The sync removed it on Salesforce's behalf and stopped before its link followed; Salesforce holds it,
            // owned by this user, now: it comes back.
            return restore(user, link, row);
        }
        if (current.isEmpty() || !Tombstones.live(current.get(), now)) {
            // Deleted in Sales Connect, deletion not pushed yet: it wins; the stream (or the pending push its failure
            // left) deletes it in Salesforce.
            DeletionRule.judge(Origin.SALES_CONNECT, sfNow, link.base())
                    .ifPresent(o -> conflicts.deletion(user.userId(), link.taskId(), link.sfId(), o,
                            TaskPusher.later(row.lastModifiedDate(), now)));
            return Result.SALES_CONNECT_DELETION_WINS;
        }
        ScTask task = current.get();
        TaskFields scNow = Deletions.normalizedOrAsIs(task.fields());
        boolean ownWrite = ownWriteWithoutItsLink(task, scNow, link);
        if (!ownWrite && EchoSuppression.changesNothing(sfNow, link)) {
            saveLinked(link, link.base(), row.systemModstamp());
            return Result.ECHO;
        }
        if (ownWrite) {
            scNow = link.base(); // no local change: the merge below writes Salesforce's values over the stale ones
        }
        ThreeWayMerge.Result merge = ThreeWayMerge.merge(link.base(), scNow, sfNow, task.updatedAt(),
                row.lastModifiedDate());
        TaskFields scMerged = PushUpdates.overlay(task.fields(), merge.fromSalesforce(), sfNow, merge.merged());
        Optional<PendingPush> intent = Optional.empty();
        if (!merge.fromSalesConnect().isEmpty()) {
            // Write-ahead: the task below carries Sales Connect values Salesforce does not have yet, under origin
            // SALESFORCE (the stream must not push them as a new edit); the pending push says they are still to go.
            intent = pendingPushes.putIfAbsent(new PendingPush(user.userId(), task.taskId(), 0, now,
                    now.plus(OutboundSync.SAFETY_NET), "push in flight"));
        }
        if (!scMerged.equals(task.fields())) {
            tasks.save(task.edited(scMerged, Origin.SALESFORCE, now));
        }
        conflicts.merged(user.userId(), task.taskId(), link.sfId(), merge.conflicts(),
                TaskPusher.later(task.updatedAt(), row.lastModifiedDate()));
        // The base is what Salesforce holds in this version. Fields Sales Connect won still differ from it: they go
        // to Salesforce through the pusher, which reads Salesforce's current record first (this version may be
        // old) and merges again, so a later Salesforce edit is never overwritten blindly.
        TaskLink linked = saveLinked(link, sfNow, row.systemModstamp());
        if (!merge.fromSalesConnect().isEmpty() && pushLocalChanges(user, linked)) {
            intent.ifPresent(pendingPushes::remove);
        }
        return Result.MERGED;
    }

    /**
     * True when the task differs from the last synced values only because the sync wrote a Salesforce version into
     * it and died before that version's link (task and link are two writes): the task's last change came from
     * Salesforce, and no pending push says it holds Sales Connect values still to go (every write that leaves such
     * values under origin SALESFORCE stores a pending push first). Then nothing in it is a person's edit, and a
     * newer Salesforce version replaces it whole, rather than the older one winning as a "local" change.
     */
    private boolean ownWriteWithoutItsLink(ScTask task, TaskFields scNow, TaskLink link) {
        if (task.changeOrigin() != Origin.SALESFORCE || link.base() == null || scNow.equals(link.base())) {
            return false;
        }
        boolean pending = pendingPushes.forUser(task.user()).stream()
                .anyMatch(p -> p.taskId().equals(task.taskId()));
        if (!pending) {
            LOG.info("own write found without its link: userId={} taskId={}", task.userId(), task.taskId());
        }
        return !pending;
    }

    /**
     * A version older than the link's may have written its task after the newer version's link (its reads came
     * first; its own link write then conflicted): the task holds that write, which no later version touches when
     * none comes. The link's values, the newest applied, go back over it (see {@link #ownWriteWithoutItsLink}).
     */
    private void putAppliedValuesBack(SyncUser user, TaskLink link) {
        if (link.state() != LinkState.LINKED || link.base() == null || !user.enabled()) {
            return; // sync off: nothing is applied; the re-enable reads the record again and puts them back then
        }
        taskWithOwnWrite(user, link).ifPresent(task -> {
            TaskFields back = PushUpdates.overlay(task.fields(), Set.of(), link.base(), link.base());
            tasks.save(task.edited(back, Origin.SALESFORCE, clock.instant()));
            LOG.info("applied values put back over an older version's write: userId={} taskId={}", link.userId(),
                    link.taskId());
        });
    }

    /** The link's live task when it holds a write of the sync's own that the link does not reflect. */
    private Optional<ScTask> taskWithOwnWrite(SyncUser user, TaskLink link) {
        Instant now = clock.instant();
        return tasks.get(user.id(), link.task())
                .filter(t -> Tombstones.live(t, now))
                .filter(t -> ownWriteWithoutItsLink(t, Deletions.normalizedOrAsIs(t.fields()), link));
    }

    /** Pushes the pair's Sales Connect values; true when they reached Salesforce (or needed nothing). */
    private boolean pushLocalChanges(SyncUser user, TaskLink link) {
        PushOutcome outcome = pusher.push(user, List.of(link.taskId()), true).getOrDefault(link.taskId(),
                PushOutcome.DONE);
        return PendingPushes.keepUnlessDone(pendingPushes, user.userId(), link.taskId(), outcome, clock.instant());
    }

    private TaskLink saveLinked(TaskLink link, TaskFields base, Instant sfModstamp) {
        return links.save(link.relinked(link.sfId(), base, sfModstamp));
    }
}
