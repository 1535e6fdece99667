package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.task.SfTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Settles every linked pair of a user against Salesforce's current records: after a re-enable (changes made while
 * sync was off, on either side, whatever their age) and when Salesforce's deletion log cannot tell what was deleted
 * (a gap longer than it keeps, or records purged from it). The user's links are read in pages in task-id order;
 * the Salesforce records of a page come from one {@code queryAll} by id (deleted rows included; a record that is
 * not returned was hard deleted, or the user can no longer see it: either way it leaves the user's list). The
 * Salesforce side is applied like any other change (merge, owner change, deletion); then the Sales Connect side is
 * pushed (edits and deletions made while sync was off). Deletions on either side win (SPEC §3). Tombstoned pairs
 * are read too: a task undeleted in Salesforce meanwhile comes back.
 */
final class LinkReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(LinkReconciler.class);

    /** Links per page: one queryAll by id each. */
    static final int PAGE = TaskQueries.MAX_IDS;

    private final SyncStores stores;
    private final SalesforceChangeApplier applier;
    private final TaskPusher pusher;
    private final Clock clock;

    LinkReconciler(SyncStores stores, SalesforceChangeApplier applier, TaskPusher pusher, Clock clock) {
        this.stores = stores;
        this.applier = applier;
        this.pusher = pusher;
        this.clock = clock;
    }

    /** What a run got to: the task id to continue after (null when every link was settled), pairs settled. */
    record Progress(String after, int settled) {
    }

    /**
     * Settles the user's links after {@code after} (null: from the first), page by page.
     *
     * @param saveProgress called after each page with the task id to continue after; false stops the run (sync
     *                     was turned off meanwhile), the progress kept
     */
    Progress run(SyncUser user, SyncUsers users, String after, Predicate<String> saveProgress) {
        String cursor = after;
        int settled = 0;
        while (true) {
            Page<TaskLink> page = stores.links().forUser(user.userId(), cursor, PAGE);
            // Linked pairs, and deleted ones still remembered (a Salesforce undelete since brings the task back).
            List<TaskLink> linked = page.items().stream()
                    .filter(l -> user.owns(l) && l.sfId() != null
                            && (l.state() == LinkState.LINKED || l.state() == LinkState.DELETED))
                    .toList();
            settled += settle(user, users, linked);
            if (page.items().isEmpty() || page.nextCursor() == null) {
                return new Progress(null, settled);
            }
            cursor = page.items().get(page.items().size() - 1).taskId();
            if (!saveProgress.test(cursor)) {
                return new Progress(cursor, settled);
            }
        }
    }

    /**
     * Settles one LINKED pair of {@code user} against {@code row}, Salesforce's current record (null: hard deleted,
     * or no longer visible). The pair is judged as the link holds it, even when another task holds the Salesforce id
     * now (the task went to another owner who syncs): then it only leaves this user's list.
     */
    SalesforceChangeApplier.Result settle(SyncUser user, SyncUsers users, TaskLink link, SfTask row) {
        Optional<TaskLink> holder = stores.links().findBySfId(user.orgId(), SalesforceIds.to18(link.sfId()));
        boolean ours = holder.isPresent() && holder.get().taskId().equals(link.taskId())
                && holder.get().userId().equals(link.userId());
        if (link.state() == LinkState.DELETED) {
            // Still deleted, or someone else's now: nothing to settle. Live again and ours: an undelete.
            if (row == null || row.deleted() || !ours) {
                return SalesforceChangeApplier.Result.TOMBSTONED;
            }
            return applier.applyLive(user.orgId(), row, Optional.of(user), users);
        }
        if (row == null || row.deleted()) {
            // Missing from queryAll: hard deleted (recycle bin emptied) or no longer visible to this user.
            return ours ? applier.applyDeletion(user.orgId(), link.sfId(), row == null ? null : row.systemModstamp(),
                    user.userId(), users)
                    : applier.goneFromThisUser(user, link, false);
        }
        if (!ours && !SalesforceIds.same(row.ownerId(), user.sfUserId())) {
            return applier.goneFromThisUser(user, link, true);
        }
        Optional<SyncUser> owner = stores.connections().userForOwner(user.orgId(), row.ownerId()).flatMap(users::get);
        return applier.applyLive(user.orgId(), row, owner, users);
    }

    private int settle(SyncUser user, SyncUsers users, List<TaskLink> linked) {
        if (linked.isEmpty()) {
            return 0;
        }
        Map<String, SfTask> rows = TaskQueries.byIds(user.api(), linked.stream().map(TaskLink::sfId).toList());
        int changed = 0;
        for (TaskLink link : linked) {
            SalesforceChangeApplier.Result result = settle(user, users, link,
                    rows.get(SalesforceIds.to18(link.sfId())));
            if (result != SalesforceChangeApplier.Result.DUPLICATE && result != SalesforceChangeApplier.Result.STALE) {
                changed++;
            }
        }
        // Sales Connect's side: edits and deletions made while Salesforce's side was not watched. The pusher reads
        // each task and link again, so pairs the Salesforce side just settled send nothing.
        List<String> taskIds = new ArrayList<>(linked.stream().map(TaskLink::taskId).toList());
        Instant now = clock.instant();
        pusher.push(user, taskIds, true).forEach((taskId, outcome) -> {
            if (outcome instanceof PushOutcome.Defer defer) {
                stores.pendingPushes().put(new PendingPush(user.userId(), taskId, 1, now, defer.notBefore(),
                        defer.reason()));
            } else if (outcome instanceof PushOutcome.Retry retry) {
                LOG.info("reconciliation push left to the sweep: userId={} taskId={} reason={}", user.userId(),
                        taskId, retry.reason());
                stores.pendingPushes().put(new PendingPush(user.userId(), taskId, 1, now,
                        now.plus(SalesforceFailures.DEFER), retry.reason()));
            }
        });
        return changed;
    }
}
