package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.task.InvalidTaskException;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The state of one push of one user's tasks: its time, each task's outcome, what the phases hand on. */
final class PushRun {

    private static final Logger LOG = LoggerFactory.getLogger(PushRun.class);

    final SyncUser user;
    final Instant now;
    final Map<String, PushOutcome> outcomes;
    /** Interrupted creates adopted by the create phase that still carry Sales Connect edits: the update phase's. */
    final List<PushAction.Update> adopted = new ArrayList<>();
    /** Tasks whose create call has started (it may have reached Salesforce whatever its outcome). */
    final Set<String> createsSent = new HashSet<>();
    /** Salesforce accepted at least one write of this run (for the sync health). */
    boolean accepted;
    private final ConflictRecorder conflicts;

    PushRun(SyncUser user, Instant now, Map<String, PushOutcome> outcomes, ConflictRecorder conflicts) {
        this.user = user;
        this.now = now;
        this.outcomes = outcomes;
        this.conflicts = conflicts;
    }

    void done(String taskId) {
        outcomes.put(taskId, PushOutcome.DONE);
    }

    void retry(String taskId, String reason) {
        outcomes.put(taskId, new PushOutcome.Retry(reason));
    }

    /** A Salesforce row's values in Sales Connect's form, with the org's task statuses. */
    TaskFields fromSalesforce(SfTask row) {
        return TaskMapper.fromSalesforce(row, user::statuses);
    }

    /**
     * Runs one task's step. Store failures and lost races make that task retry; bad task data is recorded and
     * never retried. Salesforce failures are about the org or connection, so they abort the run.
     */
    void guarded(String taskId, Runnable step) {
        try {
            step.run();
        } catch (StoreException | WriteConflictException e) {
            LOG.warn("push step failed, will retry: userId={} taskId={} error={}", user.userId(), taskId,
                    e.getClass().getSimpleName());
            retry(taskId, "store");
        } catch (InvalidTaskException e) {
            conflicts.invalid(user.userId(), taskId, e.field(), e.getMessage(), now);
            done(taskId);
        }
    }

    /**
     * {@link #guarded} for a step of many tasks at once (a batched store write): when it fails, each of them is
     * retried.
     *
     * @return whether the step ran through
     */
    boolean guardedAll(List<String> taskIds, Runnable step) {
        try {
            step.run();
            return true;
        } catch (StoreException | WriteConflictException e) {
            LOG.warn("push step failed, will retry: userId={} tasks={} error={}", user.userId(), taskIds.size(),
                    e.getClass().getSimpleName());
            taskIds.forEach(taskId -> retry(taskId, "store"));
            return false;
        }
    }
}
