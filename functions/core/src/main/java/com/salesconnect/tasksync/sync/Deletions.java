package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.TaskStore;
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
        Retry.onWriteConflict(() -> {
            Optional<ScTask> task = tasks.get(link.userId(), link.taskId());
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
        tombstoneLink(link, Origin.SALESFORCE, link.sfId(), now);
    }

    /** Marks the link DELETED (keeping or setting its sfId so late Salesforce messages meet the tombstone). */
    void tombstoneLink(TaskLink link, Origin deletedBy, String sfId, Instant now) {
        Retry.onWriteConflict(() -> {
            TaskLink current = links.get(link.userId(), link.taskId()).orElse(link);
            if (current.state() == LinkState.DELETED) {
                return current;
            }
            TaskLink withId = sfId != null ? current.withSfId(sfId) : current;
            return links.save(Tombstones.of(withId, deletedBy, now));
        });
    }

    static TaskFields normalizedOrAsIs(TaskFields fields) {
        try {
            return TaskMapper.normalize(fields).fields();
        } catch (InvalidTaskException e) {
            return fields;
        }
    }
}
