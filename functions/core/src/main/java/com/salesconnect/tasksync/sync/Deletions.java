package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.rules.DeletionRule;
import com.salesconnect.tasksync.rules.Tombstones;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.task.InvalidTaskException;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskMapper;

import java.time.Instant;
import java.util.Optional;

/**
 * Applies a deletion to a linked pair, Sales Connect task first, then the link, each step re-reading what it
 * writes: a retry after a crash between the steps converges to the same tombstones.
 */
final class Deletions {

    private final TaskStore tasks;
    private final LinkStore links;
    private final ConflictRecorder conflicts;

    Deletions(TaskStore tasks, LinkStore links, ConflictRecorder conflicts) {
        this.tasks = tasks;
        this.links = links;
        this.conflicts = conflicts;
    }

    /**
     * The Salesforce task is gone for this user (deleted, or assigned to another owner): the Sales Connect task
     * becomes a tombstone written with origin SALESFORCE (so it is not pushed back) and the link a DELETED
     * tombstone. An unsynced Sales Connect edit loses, and that is recorded.
     */
    void goneInSalesforce(TaskLink link, boolean ownerMoved, Instant now) {
        goneInSalesforce(link, ownerMoved, now, null);
    }

    /** @param sfDeletedAt the deleted record's SystemModstamp, when the deletion was read from Salesforce */
    void goneInSalesforce(TaskLink link, boolean ownerMoved, Instant now, Instant sfDeletedAt) {
        Retry.onWriteConflict(() -> {
            Optional<ScTask> task = tasks.get(link.user(), link.task());
            if (task.isEmpty() || !Tombstones.live(task.get(), now)) {
                return null;
            }
            if (ownerMoved) {
                conflicts.ownerChanged(link.userId(), link.taskId(), link.sfId(), now);
            } else {
                DeletionRule.judge(Origin.SALESFORCE, normalizedOrAsIs(task.get().fields()), link.base())
                        .ifPresent(o -> conflicts.deletion(link.userId(), link.taskId(), link.sfId(), o, now));
            }
            return tasks.save(Tombstones.of(task.get(), Origin.SALESFORCE, now));
        });
        tombstoneLink(link, Origin.SALESFORCE, link.sfId(), now, sfDeletedAt);
    }

    /**
     * The sync removes a task on Salesforce's behalf, its link left as it is: a live task becomes a tombstone with
     * origin SALESFORCE, so the stream never pushes the deletion back.
     */
    void removeTask(String userId, String taskId, Instant now) {
        Retry.onWriteConflict(() -> tasks.get(UserId.of(userId), TaskId.of(taskId))
                .filter(t -> Tombstones.live(t, now))
                .map(t -> tasks.save(Tombstones.of(t, Origin.SALESFORCE, now))));
    }

    /**
     * A tombstone the sync wrote for Salesforce (a deletion, an owner change) whose link did not follow: the
     * invocation died between the two writes. The link becomes the DELETED tombstone it was meant to be, dated as the
     * removal (not now), so a version Salesforce made since, e.g. an undelete, is newer than it. Without this the pair
     * would look, once the task's tombstone expired, like a task a person deleted in Sales Connect.
     *
     * @return true when {@code task} is such a tombstone and {@code link} its LINKED link (now finished)
     */
    boolean followRemoval(TaskLink link, ScTask task, Instant now) {
        if (link.state() != LinkState.LINKED || !task.deleted() || task.changeOrigin() != Origin.SALESFORCE) {
            return false;
        }
        tombstoneLink(link, Origin.SALESFORCE, link.sfId(), task.deletedAt() != null ? task.deletedAt() : now);
        return true;
    }

    /**
     * Marks the link DELETED (keeping or setting its sfId so late Salesforce messages meet the tombstone). When
     * another task holds the sfId by now (the task went to an owner who syncs), the tombstone gives the id up.
     */
    void tombstoneLink(TaskLink link, Origin deletedBy, String sfId, Instant now) {
        tombstoneLink(link, deletedBy, sfId, now, null);
    }

    void tombstoneLink(TaskLink link, Origin deletedBy, String sfId, Instant now, Instant sfDeletedAt) {
        Retry.onWriteConflict(() -> {
            TaskLink current = links.get(link.user(), link.task()).orElse(link);
            if (current.state() == LinkState.DELETED) {
                if (sfDeletedAt != null && current.sfDeletedAt() == null && deletedBy == Origin.SALESFORCE
                        && current.deletedBy() == Origin.SALESFORCE) {
                    // The stream finished this removal's link first (followRemoval): the deletion's own
                    // SystemModstamp, known only here, still goes on it.
                    return links.save(current.withSfDeletedAt(sfDeletedAt));
                }
                return current;
            }
            TaskLink withId = sfId != null ? current.withSfId(sfId) : current;
            if (withId.sfId() != null && heldByAnother(withId)) {
                withId = withId.withSfId(null);
            }
            try {
                return links.save(Tombstones.of(withId, deletedBy, now, sfDeletedAt));
            } catch (WriteConflictException e) {
                if (withId.sfId() == null || !claimedByAnother(withId)) {
                    throw e;
                }
                // Another owner's import claimed the id and has not written its link (or died before it): the
                // pointer is theirs, so the tombstone gives the id up as above (else this conflict never ends).
                return links.save(Tombstones.of(withId.withSfId(null), deletedBy, now, sfDeletedAt));
            }
        });
    }

    private boolean heldByAnother(TaskLink link) {
        return links.findBySfId(link.org(), link.salesforceId())
                .map(holder -> !holder.userId().equals(link.userId()) || !holder.taskId().equals(link.taskId()))
                .orElse(false);
    }

    /** The (orgId, sfId) pointer names another task, with or without a link (an import's claim). */
    private boolean claimedByAnother(TaskLink link) {
        return links.claimOf(link.org(), link.salesforceId())
                .map(holder -> !holder.names(link.userId(), link.taskId()))
                .orElse(false);
    }

    static TaskFields normalizedOrAsIs(TaskFields fields) {
        try {
            return TaskMapper.normalize(fields).fields();
        } catch (InvalidTaskException e) {
            return fields;
        }
    }
}
