package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.task.Origin;

import java.time.Instant;
import java.util.List;

/**
 * What the Settings page's "Sync health" shows: when the sync last succeeded each way, the changes waiting for
 * Salesforce and why, the tasks the user has to edit, and the latest conflicts with the side that won. Every text is
 * meant for the user; nothing secret (no tokens, no instance URL).
 *
 * @param lastPushedAt  the last push Salesforce accepted (Sales Connect to Salesforce); null before the first
 * @param lastPulledAt  the last time Salesforce's changes were applied or a sweep found nothing new; null before
 * @param waiting       changes waiting for Salesforce, one entry per reason, the one that needs the user first
 * @param waitingMore   true when more changes wait than were counted (the counts are lower bounds)
 * @param problems      tasks Salesforce did not take, newest first: each is fixed by editing the task
 * @param conflicts     the latest conflicts, newest first
 */
public record SyncHealthView(
        Instant lastPushedAt,
        Instant lastPulledAt,
        List<Waiting> waiting,
        boolean waitingMore,
        List<Problem> problems,
        List<RecentConflict> conflicts) {

    public SyncHealthView {
        waiting = List.copyOf(waiting);
        problems = List.copyOf(problems);
        conflicts = List.copyOf(conflicts);
    }

    /** Why changes wait, in the order the page lists them (the ones the user can fix first). */
    public enum Reason {
        CONNECTION_BROKEN, LIMIT_REACHED, RETRYING
    }

    /** The one thing that fixes a problem. */
    public enum Action {
        /** Connect Salesforce again (the Settings page's connect route). */
        RECONNECT,
        /** Edit the task in Sales Connect, so it is sent again. */
        EDIT_TASK,
        /** Nothing: the sync goes on by itself. */
        NONE
    }

    public record Waiting(Reason reason, int count, String message, Action action) {
    }

    /** A task Salesforce did not take; {@code subject} null when the task could not be read. */
    public record Problem(String taskId, String subject, List<String> fields, String message, Instant at,
                          Action action) {

        public Problem {
            fields = List.copyOf(fields);
        }
    }

    /** One recorded conflict: the task, the fields (empty when a deletion met an edit), who won and why. */
    public record RecentConflict(String taskId, String subject, List<String> fields, Origin winner, String reason,
                                 Instant at) {

        public RecentConflict {
            fields = List.copyOf(fields);
        }
    }
}
