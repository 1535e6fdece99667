package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.salesforce.SfWrite;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.PendingPushStore;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.task.InvalidTaskException;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applies one Salesforce task version to Sales Connect (outbound messages and sweeps alike).
 *
 * <p>Rules, in order: a version not newer than the one applied (SystemModstamp) is ignored; a tombstoned Salesforce
 * id is never re-created; a version equal to the last synced values is an echo and only advances the link's
 * SystemModstamp; an unknown id is imported under a deterministic task id ({@code sf-<18-char id>}) unless it is
 * the answer to one of our own pending creates, which it then adopts; a known one is merged three-way, Sales
 * Connect is written with origin SALESFORCE (optimistic locking, retried on conflict), fields Sales Connect won
 * are pushed back, and the link's base and SystemModstamp move on. The Sales Connect task is written before the
 * link, so a redelivery after a crash in between converges.
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

    enum Result {
        IMPORTED, ADOPTED, MERGED, ECHO, STALE, DUPLICATE, TOMBSTONED, DELETED, OWNER_MOVED,
        SALES_CONNECT_DELETION_WINS, NO_USER, SYNC_OFF, DETACHED, NOTHING
    }

    private final TaskStore tasks;
    private final LinkStore links;
    private final PendingPushStore pendingPushes;
    private final ConflictRecorder conflicts;
    private final Deletions deletions;
    private final SalesforceFailures failures;
    private final Clock clock;

    SalesforceChangeApplier(TaskStore tasks, LinkStore links, PendingPushStore pendingPushes,
                            ConflictRecorder conflicts, SalesforceFailures failures, Clock clock) {
        this.tasks = tasks;
        this.links = links;
        this.pendingPushes = pendingPushes;
        this.conflicts = conflicts;
        this.deletions = new Deletions(tasks, links, conflicts);
        this.failures = failures;
        this.clock = clock;
    }

    /**
     * @param row    a complete, live Salesforce version (every mapped field, OwnerId, SystemModstamp)
     * @param owner  the user connected as the row's OwnerId, if any
     * @param users  loads other users (the previous owner's) for this piece of work
     */
    Result applyLive(String orgId, SfTask row, Optional<SyncUser> owner, SyncUsers users) {
        return Retry.onWriteConflict(() -> applyLiveOnce(orgId, row, owner, users));
    }

    /**
     * A Salesforce deletion: the linked Sales Connect task becomes a tombstone (origin SALESFORCE) and the link a
     * DELETED tombstone. Only links of {@code onlyUserId} are touched when it is given.
     */
    Result applyDeletion(String orgId, String sfId, String onlyUserId, SyncUsers users) {
        Instant now = clock.instant();
        Optional<TaskLink> found = links.findBySfId(orgId, SalesforceIds.to18(sfId));
        if (found.isEmpty()) {
            return Result.NOTHING;
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
            return Result.TOMBSTONED;
        }
        if (!linkUser.get().enabled()) {
            return Result.SYNC_OFF;
        }
        deletions.goneInSalesforce(link, false, now);
        return Result.DELETED;
    }

    private Result applyLiveOnce(String orgId, SfTask incoming, Optional<SyncUser> owner, SyncUsers users) {
        SfTask row = incoming;
        String sfId = SalesforceIds.to18(row.id());
        Optional<TaskLink> found = links.findBySfId(orgId, sfId);
        if (found.isEmpty()) {
            if (owner.isEmpty()) {
                return Result.NO_USER;
            }
            if (!owner.get().enabled()) {
                return Result.SYNC_OFF;
            }
            if (adoptPendingCreate(owner.get(), row)) {
                return Result.ADOPTED;
            }
            return importFor(owner.get(), row);
        }
        TaskLink link = found.get();
        Optional<SyncUser> linkUser = users.get(link.userId());
        if (linkUser.isEmpty() || !linkUser.get().owns(link)) {
            return detached(link, row, owner);
        }
        Freshness freshness = Freshness.of(row.systemModstamp(), link);
        if (freshness == Freshness.STALE) {
            return Result.STALE;
        }
        if (freshness == Freshness.DUPLICATE) {
            Optional<SfTask> current = sameSecondEdit(link, row, users);
            if (current.isEmpty()) {
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
        return switch (link.state()) {
            case DELETED -> tombstoned(user, link, row);
            // A PENDING_CREATE link has no Salesforce id yet, so no id lookup can return one.
            case PENDING_CREATE -> Result.NOTHING;
            case LINKED -> merge(user, link, row);
        };
    }

    /**
     * SystemModstamp has a one-second resolution, so two edits within the same second share it. A version with the
     * applied SystemModstamp but other values than the last synced ones is either such a second edit or an older
     * one delivered late (messages arrive out of order): the message cannot tell which, so Salesforce's current
     * record decides. Returns that record when it differs from the last synced values and is not older; empty when
     * this is a plain duplicate. When Salesforce cannot be asked now, the version is left to the sweep, which reads
     * the current record anyway.
     */
    private Optional<SfTask> sameSecondEdit(TaskLink link, SfTask row, SyncUsers users) {
        if (link.state() != LinkState.LINKED || link.base() == null) {
            return Optional.empty();
        }
        Optional<SyncUser> user = users.get(link.userId());
        if (user.isEmpty() || !user.get().enabled() || !SalesforceIds.same(row.ownerId(), user.get().sfUserId())
                || TaskMapper.fromSalesforce(row, user.get()::statuses).equals(link.base())) {
            return Optional.empty();
        }
        try {
            SfTask current = TaskQueries.byIds(user.get().api(), List.of(link.sfId())).get(link.sfId());
            if (current == null || current.systemModstamp() == null
                    || current.systemModstamp().isBefore(link.sfModstamp())
                    || TaskMapper.fromSalesforce(current, user.get()::statuses).equals(link.base())) {
                return Optional.empty();
            }
            return Optional.of(current);
        } catch (SalesforceException e) {
            LOG.info("same-second Salesforce edit left to the sweep: userId={} taskId={} failure={}",
                    link.userId(), link.taskId(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * The id belongs to a link of a previous connection identity: that link is never touched again. When the task's
     * owner syncs now, the detached link gives the id up and the task is imported for the owner.
     */
    private Result detached(TaskLink link, SfTask row, Optional<SyncUser> owner) {
        if (owner.isEmpty() || !owner.get().enabled()) {
            return Result.DETACHED;
        }
        links.releaseSfId(link);
        return importFor(owner.get(), row);
    }

    /**
     * Nothing re-creates a tombstoned task. A newer, edited version meeting a Sales Connect deletion is an edit the
     * deletion beat: it is recorded.
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

    private Result ownerMoved(TaskLink link, SfTask row, Optional<SyncUser> newOwner, SyncUsers users) {
        Instant now = clock.instant();
        boolean previousOwnerSyncing = users.get(link.userId()).map(SyncUser::enabled).orElse(false);
        if (link.state() != LinkState.DELETED && previousOwnerSyncing) {
            deletions.goneInSalesforce(link, true, now);
            LOG.info("task left its previous owner's list: userId={} taskId={}", link.userId(), link.taskId());
        }
        if (newOwner.isPresent() && newOwner.get().enabled() && !newOwner.get().userId().equals(link.userId())) {
            links.releaseSfId(link);
            return importFor(newOwner.get(), row);
        }
        return Result.OWNER_MOVED;
    }

    /**
     * The outbound message of our own create can arrive before the create's link is written: an unknown id whose
     * fields equal a PENDING_CREATE task's adopts that link instead of importing a copy.
     */
    private boolean adoptPendingCreate(SyncUser user, SfTask row) {
        List<TaskLink> pending = links.pendingCreates(user.userId());
        if (pending.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        TaskFields incoming = TaskMapper.fromSalesforce(row, user::statuses);
        for (TaskLink p : pending) {
            if (!user.owns(p)) {
                continue;
            }
            if (row.createdDate() != null && p.pendingSince() != null
                    && row.createdDate().isBefore(p.pendingSince().minus(TaskPusher.ADOPT_SLACK))) {
                continue;
            }
            Optional<ScTask> task = tasks.get(user.userId(), p.taskId()).filter(t -> Tombstones.live(t, now));
            if (task.isPresent() && incoming.equals(Deletions.normalizedOrAsIs(task.get().fields()))) {
                links.save(p.relinked(SalesforceIds.to18(row.id()), incoming, row.systemModstamp()));
                return true;
            }
        }
        return false;
    }

    /**
     * Imports under the deterministic id {@code sf-<id>}. Reached only when no link holds the Salesforce id, so an
     * existing tombstone of that id is one an owner change released: the task comes back to this user.
     */
    private Result importFor(SyncUser user, SfTask row) {
        Instant now = clock.instant();
        String sfId = SalesforceIds.to18(row.id());
        String taskId = SalesforceIds.importedTaskId(sfId);
        TaskFields fields = TaskMapper.fromSalesforce(row, user::statuses);
        Optional<ScTask> existing = tasks.get(user.userId(), taskId);
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
        long linkVersion = links.get(user.userId(), taskId).map(TaskLink::version).orElse(0L);
        links.save(TaskLink.linked(user.userId(), taskId, user.identity(), sfId, fields, row.systemModstamp(),
                linkVersion));
        return Result.IMPORTED;
    }

    private Result merge(SyncUser user, TaskLink link, SfTask row) {
        Instant now = clock.instant();
        TaskFields sfNow = TaskMapper.fromSalesforce(row, user::statuses);
        Optional<ScTask> current = tasks.get(user.userId(), link.taskId());
        if (current.isEmpty() || !Tombstones.live(current.get(), now)) {
            // Deleted in Sales Connect, deletion not pushed yet: it wins; the stream deletes it in Salesforce.
            DeletionRule.judge(Origin.SALES_CONNECT, sfNow, link.base())
                    .ifPresent(o -> conflicts.deletion(user.userId(), link.taskId(), link.sfId(), o,
                            TaskPusher.later(row.lastModifiedDate(), now)));
            return Result.SALES_CONNECT_DELETION_WINS;
        }
        if (EchoSuppression.changesNothing(sfNow, link)) {
            saveLinked(link, link.base(), row.systemModstamp());
            return Result.ECHO;
        }
        ScTask task = current.get();
        ThreeWayMerge.Result merge = ThreeWayMerge.merge(link.base(), Deletions.normalizedOrAsIs(task.fields()),
                sfNow, task.updatedAt(), row.lastModifiedDate());
        TaskFields scMerged = TaskPusher.overlay(task.fields(), merge.fromSalesforce(), sfNow);
        TaskMapper.Update pushBack = pushBackOf(user, task, sfNow, scMerged);
        TaskFields scAfter = pushBack != null ? pushBack.salesConnectAfter() : scMerged;
        if (!scAfter.equals(task.fields())) {
            tasks.save(task.edited(scAfter, Origin.SALESFORCE, now));
        }
        conflicts.merged(user.userId(), task.taskId(), link.sfId(), merge.conflicts(),
                TaskPusher.later(task.updatedAt(), row.lastModifiedDate()));
        TaskFields base = sfNow;
        if (pushBack != null && !pushBack.nothingToSend()) {
            base = pushBack(user, task, link, pushBack, sfNow, now);
            if (base == null) {
                return Result.DELETED;
            }
        }
        saveLinked(link, base, row.systemModstamp());
        return Result.MERGED;
    }

    private static TaskMapper.Update pushBackOf(SyncUser user, ScTask task, TaskFields sfNow, TaskFields scMerged) {
        try {
            return TaskMapper.forUpdate(sfNow, scMerged, user::statuses);
        } catch (InvalidTaskException e) {
            // Sales Connect holds values Salesforce cannot take (written outside this service): nothing goes back.
            return null;
        }
    }

    /**
     * Sends the fields Sales Connect won. Returns the new base (what Salesforce holds afterwards), or null when
     * Salesforce had deleted the task meanwhile. A push that cannot go now becomes a PendingPush; the message is
     * still acknowledged, since Sales Connect already holds the merged values.
     */
    private TaskFields pushBack(SyncUser user, ScTask task, TaskLink link, TaskMapper.Update body, TaskFields sfNow,
                                Instant now) {
        if (!user.connected() || failures.blocked(user.orgId())) {
            pending(user, task.taskId(), "Salesforce not reachable now", failures.blockedUntil(user.orgId()));
            return sfNow;
        }
        try {
            SaveResult result = user.api().update(List.of(new SfWrite(task.taskId(), link.sfId(), body.fields())))
                    .get(0);
            if (result instanceof SaveResult.Failed f) {
                if (f.hasCode("ENTITY_IS_DELETED")) {
                    deletions.goneInSalesforce(link, false, now);
                    return null;
                }
                if (SalesforceFailures.isTransient(f)) {
                    pending(user, task.taskId(), "Salesforce busy", now.plus(SalesforceFailures.DEFER));
                } else {
                    conflicts.rejected(user.userId(), task.taskId(), link.sfId(), f.errors(), now);
                }
                return sfNow;
            }
            conflicts.adjusted(user.userId(), task.taskId(), link.sfId(), body.adjustments(), now);
            return body.salesforceAfter();
        } catch (SalesforceException e) {
            SalesforceFailures.Handling h = failures.handle(user, e);
            pending(user, task.taskId(), h.reason(), h.notBefore());
            return sfNow;
        }
    }

    private void pending(SyncUser user, String taskId, String reason, Instant notBefore) {
        Instant now = clock.instant();
        pendingPushes.put(new PendingPush(user.userId(), taskId, 1, now, notBefore.isAfter(now) ? notBefore : now,
                reason));
    }

    private void saveLinked(TaskLink link, TaskFields base, Instant sfModstamp) {
        links.save(link.relinked(link.sfId(), base, sfModstamp));
    }
}
