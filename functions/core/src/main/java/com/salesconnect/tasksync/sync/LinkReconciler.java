package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.rules.Eligibility;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Settles every linked pair of a user against Salesforce's current records: after a re-enable (changes made while
 * sync was off, on either side, whatever their age) and when Salesforce's deletion log cannot tell what was deleted
 * (a gap longer than it keeps, or records purged from it), or when an operator asks for a fresh reconciliation
 * ({@code infra/ops} resync). The user's links are read in pages in task-id order;
 * the Salesforce records of a page come from one {@code queryAll} by id (deleted rows included; a record that is
 * not returned was hard deleted, or the user can no longer see it: either way it leaves the user's list). The
 * Salesforce side is applied like any other change (merge, owner change, deletion); then the Sales Connect side is
 * pushed (edits and deletions made while sync was off). Deletions on either side win (SPEC §3). Tombstoned pairs
 * are read too: a task undeleted in Salesforce meanwhile comes back. Last, the user's tasks without a link are
 * pushed: imports that died before their links, and tasks of the current period whose stream records were lost.
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
            Page<TaskLink> page = stores.links().forUser(user.id(), cursor, PAGE);
            // Linked pairs, and deleted ones still remembered (a Salesforce undelete since brings the task back).
            List<TaskLink> linked = page.items().stream()
                    .filter(l -> user.owns(l) && l.sfId() != null
                            && (l.state() == LinkState.LINKED || l.state() == LinkState.DELETED))
                    .toList();
            settled += settle(user, users, linked);
            if (page.items().isEmpty() || page.nextCursor() == null) {
                return new Progress(null, settled + mendUnlinkedImports(user) + pushUnlinkedCreates(user));
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
        Optional<TaskLink> holder = stores.links().findBySfId(user.org(), link.salesforceId());
        boolean ours = holder.isPresent() && holder.get().taskId().equals(link.taskId())
                && holder.get().userId().equals(link.userId());
        if (link.state() == LinkState.DELETED) {
            // Still deleted, or someone else's now: nothing to settle (but a restore that died before its link
            // leaves a live task behind, which goes). Live again and ours: an undelete.
            if (row == null || row.deleted() || (!ours && !backFromAnotherUser(user, holder.orElse(null), row))) {
                return ours ? applier.interruptedRestore(user, link, row)
                        .orElse(SalesforceChangeApplier.Result.TOMBSTONED) : SalesforceChangeApplier.Result.TOMBSTONED;
            }
            if (!ours) {
                // Live, this user's, and the id held by another user's link (the task went to them and came back
                // while this pair was tombstoned, e.g. deleted and undeleted): that one gives it back, as below.
                holder.ifPresent(h -> applier.takeBack(h, clock.instant(), users));
                stores.links().save(link);
            }
            return applier.applyLive(user.orgId(), row, RowOwner.of(user), users);
        }
        if (row == null || row.deleted()) {
            // Missing from queryAll: hard deleted (recycle bin emptied) or no longer visible to this user.
            return ours ? applier.applyDeletion(user.orgId(), link.sfId(), row == null ? null : row.systemModstamp(),
                    user.userId(), users)
                    : applier.goneFromThisUser(user, link, false, row == null ? null : row.systemModstamp());
        }
        if (!ours && !SalesforceIds.same(row.ownerId(), user.sfUserId())) {
            return applier.goneFromThisUser(user, link, true, row.systemModstamp());
        }
        if (!ours) {
            // The task is this user's again, but another link took its id meanwhile (an import made while this
            // user's sync was off, for this user or for the owner in between): that one gives it back, so the task
            // this user had all along stays the one synced, and no second copy remains.
            holder.ifPresent(h -> applier.takeBack(h, clock.instant(), users));
            if (holder.isEmpty()) {
                releaseAbandonedClaim(user, link);
            }
            stores.links().save(link);
        }
        RowOwner owner = row.ownerId() == null ? RowOwner.NOBODY
                : stores.connections().userForOwner(user.org(), SalesforceId.of(row.ownerId()))
                        .flatMap(users::get).map(RowOwner::of).orElse(RowOwner.NOBODY);
        return applier.applyLive(user.orgId(), row, owner, users);
    }

    /**
     * Another Sales Connect user's import claimed the id of this user's task and died before its link (that user was
     * connected as this identity while this user was not: one Salesforce login is connected to one account at a
     * time): the claim gives the id back, as a link would ({@link SalesforceChangeApplier#takeBack}); the task that
     * import wrote stays in that user's list, detached. A claim still leased to a running import is left to it, and
     * the save that follows fails until that import ends (the settle is tried again).
     */
    private void releaseAbandonedClaim(SyncUser user, TaskLink link) {
        stores.links().claimOf(user.org(), link.salesforceId())
                .filter(c -> !c.userId().equals(user.userId()) && !c.leasedToAnother(null, clock.instant()))
                .ifPresent(c -> stores.links().releaseSfId(TaskLink.pointerHeldBy(c.userId(), c.taskId(),
                        user.orgId(), link.sfId())));
    }

    /**
     * A live record owned by {@code user} whose id another Sales Connect user's link ({@code holder}, null when none)
     * holds: the task came back to this user. Not when nothing holds the id (an import's claim may), nor when a task
     * of this user holds it.
     */
    private static boolean backFromAnotherUser(SyncUser user, TaskLink holder, SfTask row) {
        return holder != null && !holder.userId().equals(user.userId())
                && SalesforceIds.same(row.ownerId(), user.sfUserId());
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
        push(user, linked.stream().map(TaskLink::taskId).toList());
        return changed;
    }

    /**
     * Imported tasks without a link: an import that wrote its task and died before its link, after which Salesforce's
     * task became invisible to every other path (hard deleted, or given to someone without sync). The pusher mends
     * each: links it again, or removes it when the Salesforce task is gone or another owner's. The user's imported
     * tasks and links are read side by side in task-id order, a page of each at a time.
     */
    private int mendUnlinkedImports(SyncUser user) {
        String prefix = SalesforceIds.IMPORTED_PREFIX;
        // Live ones, and ones a person deleted (the deletion reaches Salesforce).
        return pushUnlinked(user, cursor -> stores.tasks().listWithPrefix(user.id(), prefix, cursor, PAGE), prefix,
                linkId -> linkId.startsWith(prefix),
                t -> SalesforceIds.sfIdOfImported(t.taskId()) != null
                        && (!t.deleted() || t.changeOrigin() == Origin.SALES_CONNECT),
                "imported tasks without a link mended");
    }

    /**
     * Live tasks made in Sales Connect in the current period that have no link: their stream records never reached
     * task-stream-outbound (expired unread, so no pending push was stored). The pusher creates each as it would for
     * the stream record; tasks from before the period are never pushed ({@link Eligibility}), and a create already
     * under way has its PENDING_CREATE link.
     */
    private int pushUnlinkedCreates(SyncUser user) {
        return pushUnlinked(user, cursor -> stores.tasks().list(user.id(), cursor, PAGE), null, linkId -> true,
                t -> SalesforceIds.sfIdOfImported(t.taskId()) == null && Eligibility.pushable(user.settings(), t),
                "tasks made in Sales Connect without a link pushed");
    }

    /**
     * Pushes the tasks {@code taskPages} gives (in task-id order, a page after a cursor) that {@code wanted} accepts
     * and no link of the user names. The links are read side by side, from {@code linksFrom} (null: the first) while
     * {@code linksGoOn} accepts the last one read, a page at a time.
     */
    private int pushUnlinked(SyncUser user, Function<String, Page<ScTask>> taskPages, String linksFrom,
                             Predicate<String> linksGoOn, Predicate<ScTask> wanted, String what) {
        String taskCursor = null;
        String linkCursor = linksFrom;
        boolean linksDone = false;
        Set<String> linked = new HashSet<>();
        int pushed = 0;
        while (true) {
            Page<ScTask> tasks = taskPages.apply(taskCursor);
            if (tasks.items().isEmpty()) {
                return pushed;
            }
            String last = tasks.items().get(tasks.items().size() - 1).taskId();
            while (!linksDone && (linkCursor == null || linkCursor.compareTo(last) < 0)) {
                Page<TaskLink> links = stores.links().forUser(user.id(), linkCursor, PAGE);
                for (TaskLink l : links.items()) {
                    linked.add(l.taskId());
                    linkCursor = l.taskId();
                }
                linksDone = links.items().isEmpty() || links.nextCursor() == null || !linksGoOn.test(linkCursor);
            }
            List<String> unlinked = tasks.items().stream()
                    .filter(t -> !linked.contains(t.taskId()) && wanted.test(t))
                    .map(ScTask::taskId)
                    .toList();
            if (!unlinked.isEmpty()) {
                LOG.info(what + ": userId={} tasks={}", user.userId(), unlinked.size());
                push(user, unlinked);
                pushed += unlinked.size();
            }
            linked.removeIf(id -> id.compareTo(last) <= 0);
            if (tasks.nextCursor() == null) {
                return pushed;
            }
            taskCursor = last;
        }
    }

    /** Pushes the tasks; what cannot go now is left to the sweep's pending pushes. */
    private void push(SyncUser user, List<String> taskIds) {
        Instant now = clock.instant();
        pusher.push(user, new ArrayList<>(taskIds), true).forEach((taskId, outcome) -> {
            if (outcome instanceof PushOutcome.Retry retry) {
                LOG.info("reconciliation push left to the sweep: userId={} taskId={} reason={}", user.userId(),
                        taskId, retry.reason());
            }
            PendingPushes.keepUnlessDone(stores.pendingPushes(), user.userId(), taskId, outcome, now);
        });
    }
}
