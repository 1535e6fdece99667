package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A create whose outcome is unknown (a lost response, a crash after the call): whether an attempt may still be
 * running, and the task it made in Salesforce, if it made one. Task has no external id, so the task is recognised
 * by owner, creation time and exactly the values the create sent.
 */
final class InterruptedCreates {

    private static final Logger LOG = LoggerFactory.getLogger(InterruptedCreates.class);

    /** How far before the push began an interrupted create may be dated (clock skew between us and Salesforce). */
    static final Duration ADOPT_SLACK = Duration.ofMinutes(1);
    /**
     * The longest a create call can take, retries included (bounded by the Salesforce client's time-outs): a task an
     * interrupted create made is dated within this window after the attempt began, and no retry starts before it
     * closed, so two attempts never run at once.
     */
    static final Duration CREATE_WINDOW = Duration.ofMinutes(2);

    private final TaskStore tasks;
    private final LinkStore links;
    private final Deletions deletions;

    InterruptedCreates(TaskStore tasks, LinkStore links, Deletions deletions) {
        this.tasks = tasks;
        this.links = links;
        this.deletions = deletions;
    }

    /**
     * Whether a task created at {@code created} may be what the create attempt that began at {@code begun} made:
     * dated from {@link #ADOPT_SLACK} before the attempt to {@link #CREATE_WINDOW} after it.
     */
    static boolean withinAttempt(Instant created, Instant begun) {
        return !created.isBefore(begun.minus(ADOPT_SLACK)) && !created.isAfter(begun.plus(CREATE_WINDOW));
    }

    /** True (and the task deferred) while the create attempt that began at the link's pendingSince may be running. */
    boolean inFlight(PushRun run, TaskLink pending) {
        Instant begun = pending.pendingSince();
        if (begun == null || !run.now.isBefore(begun.plus(CREATE_WINDOW))) {
            return false;
        }
        run.outcomes.put(pending.taskId(), new PushOutcome.Defer("a create of this task may still be running",
                begun.plus(CREATE_WINDOW)));
        return true;
    }

    /**
     * The task an interrupted create made: owned and created by the connected user (the sync's API user), created
     * within the attempt's window, linked to nothing (or only to the copy its own echo imported meanwhile, untouched in
     * Sales Connect), with exactly the values the create sent; none when the attempt was never sent
     * ({@link LinkStore#mayHaveBeenSent}). Anything else may be a person's own task, which is never taken. (A person
     * who changes the new task before the create's outcome is known makes it unrecognisable: without an external id
     * on Task, the create is then made again.)
     */
    Optional<SfTask> find(PushRun run, ScTask task, TaskLink pending) {
        if (!links.mayHaveBeenSent(pending)) {
            LOG.info("interrupted create was never sent: userId={} taskId={}", run.user.userId(), pending.taskId());
            return Optional.empty();
        }
        TaskFields want = pending.base() != null ? pending.base() : TaskMapper.normalize(task.fields()).fields();
        Instant begun = pending.pendingSince() != null ? pending.pendingSince() : run.now;
        Instant from = begun.minus(ADOPT_SLACK);
        Instant until = begun.plus(CREATE_WINDOW);
        List<SfTask> rows = TaskQueries.all(run.user.api(),
                new TaskQuery.RecentCreates(run.user.sfUserId(), from, until));
        for (SfTask row : rows) {
            if (row.createdDate() == null || !withinAttempt(row.createdDate(), begun)
                    || !SalesforceIds.same(row.ownerId(), run.user.sfUserId())
                    || !SalesforceIds.same(row.createdById(), run.user.sfUserId()) || !unclaimed(run, row)) {
                continue;
            }
            if (run.fromSalesforce(row).equals(want)) {
                dropImportedCopy(run, SalesforceIds.to18(row.id()));
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /**
     * The echo of this create (a person edited the new task at once, so it did not match the values sent) came before
     * the create's link and was imported as {@code sf-<id>}: that copy is removed (the sync's own deletion, never
     * pushed) and its link gives the id up, so this task links it; Salesforce's values reach it with the next merge.
     * Nothing when no such copy holds the id.
     */
    void dropImportedCopy(PushRun run, String sfId) {
        importedCopy(run, sfId).ifPresent(copy -> drop(run, copy));
    }

    /** The link of the copy {@code sfId}'s own message imported for this user ({@code sf-<id>}), holding the id. */
    Optional<TaskLink> importedCopy(PushRun run, String sfId) {
        String copyId = SalesforceIds.importedTaskId(sfId);
        return links.findBySfId(run.user.org(), SalesforceId.of(sfId))
                .filter(h -> h.names(run.user.userId(), copyId) && h.state() == LinkState.LINKED);
    }

    /** {@link #dropImportedCopy} of the copy {@link #importedCopy} found. */
    void drop(PushRun run, TaskLink copy) {
        deletions.removeTask(run.user.userId(), copy.taskId(), run.now);
        deletions.tombstoneLink(copy, Origin.SALESFORCE, copy.sfId(), run.now);
        links.releaseSfId(copy);
        LOG.info("imported copy of our own create dropped: userId={}", run.user.userId());
    }

    /** Linked to no task, or only to the copy of it an echo imported for this user, never edited in Sales Connect. */
    private boolean unclaimed(PushRun run, SfTask row) {
        String sfId = SalesforceIds.to18(row.id());
        Optional<TaskLink> holder = links.findBySfId(run.user.org(), SalesforceId.of(sfId));
        if (holder.isEmpty()) {
            return true;
        }
        TaskLink h = holder.get();
        return h.names(run.user.userId(), SalesforceIds.importedTaskId(sfId)) && h.state() == LinkState.LINKED
                && tasks.get(h.user(), h.task()).map(t -> t.changeOrigin() == Origin.SALESFORCE).orElse(true);
    }
}
