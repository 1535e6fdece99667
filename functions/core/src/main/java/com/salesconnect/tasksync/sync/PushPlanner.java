package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.rules.ConnectionIdentity;
import com.salesconnect.tasksync.rules.Eligibility;
import com.salesconnect.tasksync.rules.Tombstones;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.SfIdClaim;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskMapper;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides what a push does for one task from its stored state and its link: create, retry a create, update,
 * mend a lost import link, delete, or nothing (detached, eligible for nothing, already in sync).
 */
final class PushPlanner {

    private final TaskStore tasks;
    private final LinkStore links;
    private final Deletions deletions;

    PushPlanner(TaskStore tasks, LinkStore links, Deletions deletions) {
        this.tasks = tasks;
        this.links = links;
        this.deletions = deletions;
    }

    Optional<PushAction> plan(PushRun run, String taskId) {
        UserId userId = run.user.id();
        Optional<ScTask> task = tasks.get(userId, TaskId.of(taskId));
        Optional<TaskLink> link = links.get(userId, TaskId.of(taskId));
        boolean live = task.isPresent() && Tombstones.live(task.get(), run.now);
        if (link.isPresent()) {
            Stored stored = task.isEmpty() ? new Stored.Gone()
                    : live ? new Stored.Live(task.get()) : new Stored.Dead(task.get());
            return planLinked(run, stored, link.get());
        }
        String importedFrom = SalesforceIds.sfIdOfImported(taskId);
        if (!live) {
            return importedFrom == null ? Optional.empty()
                    : task.flatMap(tombstone -> deleteUnlinkedImport(run, tombstone, importedFrom));
        }
        if (importedFrom != null) {
            // Imported under the identity connected now and its link write lost: link it again. One imported under
            // a previous identity stays as it is (detached), unless the user came back to that identity.
            return importedUnderThisIdentity(run, task.get(), () -> links.claimedFor(run.user.org(),
                    SalesforceId.of(importedFrom), userId, TaskId.of(taskId)))
                    ? Optional.of(new PushAction.Mend(task.get(), importedFrom)) : Optional.empty();
        }
        if (!Eligibility.pushable(run.user.settings(), task.get())) {
            return Optional.empty();
        }
        TaskMapper.normalize(task.get().fields()); // bad data (a blank subject) is recorded by guarded(), not sent
        return Optional.of(new PushAction.Create(task.get()));
    }

    /** What the tasks table holds of a linked task: a live task, one deleted (or past its life), or nothing. */
    private sealed interface Stored {
        record Live(ScTask task) implements Stored {
        }

        record Dead(ScTask task) implements Stored {
        }

        record Gone() implements Stored {
        }
    }

    private Optional<PushAction> planLinked(PushRun run, Stored stored, TaskLink link) {
        if (!run.user.owns(link)) {
            // Made under a previous Salesforce identity: detached, kept in Sales Connect, never synced again.
            return Optional.empty();
        }
        return switch (link.state()) {
            case DELETED -> Optional.empty();
            case PENDING_CREATE -> Optional.of(stored instanceof Stored.Live l
                    ? new PushAction.RetryCreate(l.task(), link)
                    : new PushAction.DeletePending(link, stored instanceof Stored.Dead d ? d.task() : null));
            case LINKED -> {
                if (stored instanceof Stored.Dead d && deletions.followRemoval(link, d.task(), run.now)) {
                    // The sync removed the task on Salesforce's behalf (deleted or given to someone else there)
                    // and stopped before its link followed: finished now, never deleted in Salesforce.
                    yield Optional.empty();
                }
                if (!(stored instanceof Stored.Live l)) {
                    yield Optional.of(new PushAction.Delete(link));
                }
                yield hasLocalChanges(l.task(), link)
                        ? Optional.of(new PushAction.Update(l.task(), link)) : Optional.empty();
            }
        };
    }

    private static boolean importedUnderThisIdentity(PushRun run, ScTask task, Supplier<String> claimedFor) {
        return ConnectionIdentity.importedUnder(run.user.identity(), run.user.detached(), task.createdAt(),
                claimedFor);
    }

    /**
     * A person deleted an imported task whose import died before its link (sync on or off since): the deletion
     * wins, as for a linked pair (SPEC §3), and reaches Salesforce, unless another task holds the Salesforce id now
     * or the task belongs to a previous identity. The link the import meant to write is written first: the pair is
     * remembered beside the tombstone, so a deletion that cannot go now (connection broken, limit reached) still
     * goes after the tombstone's 15 days, and no later import brings the task back.
     */
    private Optional<PushAction> deleteUnlinkedImport(PushRun run, ScTask tombstone, String sfId) {
        if (!tombstone.deleted() || tombstone.changeOrigin() != Origin.SALES_CONNECT) {
            return Optional.empty();
        }
        Optional<SfIdClaim> claim = links.claimOf(run.user.org(), SalesforceId.of(sfId));
        boolean ours = claim.isPresent() && claim.get().names(run.user.userId(), tombstone.taskId());
        if (claim.isPresent() && !ours) {
            // Another task (its link, or another import's claim) holds the Salesforce id now: not this pair's.
            return Optional.empty();
        }
        if (!importedUnderThisIdentity(run, tombstone, () -> ours ? claim.get().sfUserId() : null)) {
            return Optional.empty();
        }
        return Optional.of(new PushAction.Delete(links.save(TaskLink.linked(run.user.userId(), tombstone.taskId(),
                run.user.identity(), SalesforceIds.to18(sfId), Deletions.normalizedOrAsIs(tombstone.fields()),
                null, 0L))));
    }

    /** Sales Connect differs from the last synced values (in the form Salesforce holds them). */
    static boolean hasLocalChanges(ScTask task, TaskLink link) {
        return link.base() == null || !TaskMapper.normalize(task.fields()).fields().equals(link.base());
    }
}
