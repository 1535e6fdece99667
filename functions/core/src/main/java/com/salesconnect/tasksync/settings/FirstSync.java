package com.salesconnect.tasksync.settings;

import java.time.Instant;

/**
 * The first sync of the current enabled period.
 *
 * @param reEnable        true when sync had been enabled before (under any identity): every linked pair of the
 *                        connected identity is settled against Salesforce first (changes made while off or while
 *                        connected as another identity, deletions up to now)
 * @param linksSettled    true once those pairs were settled (a resumed first sync skips it)
 * @param settleAfter     the task id up to which the links were settled, while it runs; null before
 * @param cursor          last imported record, null before the first page
 * @param error           a short, user-safe reason when {@code state} is FAILED
 * @param leaseUntil      while RUNNING: the sweep running it holds it until then (one first sync per user at a
 *                        time); a lease whose holder died expires and another sweep resumes the work
 */
public record FirstSync(
        FirstSyncState state,
        int imported,
        Instant startedAt,
        Instant finishedAt,
        String error,
        ImportCursor cursor,
        boolean reEnable,
        boolean linksSettled,
        String settleAfter,
        Instant leaseUntil) {

    public static final FirstSync NONE = new FirstSync(FirstSyncState.NONE, 0, null, null, null, null, false, false,
            null, null);

    public static FirstSync queued(boolean reEnable) {
        return new FirstSync(FirstSyncState.QUEUED, 0, null, null, null, null, reEnable, false, null, null);
    }

    /** True while a live lease keeps other sweeps off this first sync. */
    public boolean leasedAt(Instant now) {
        return state == FirstSyncState.RUNNING && leaseUntil != null && leaseUntil.isAfter(now);
    }

    /** Running under a new lease; a queued one starts from scratch, a resumed one keeps its progress. */
    public FirstSync running(Instant now, Instant lease) {
        boolean fresh = state == FirstSyncState.QUEUED;
        return new FirstSync(FirstSyncState.RUNNING, fresh ? 0 : imported, fresh || startedAt == null ? now : startedAt,
                null, null, fresh ? null : cursor, reEnable, !fresh && linksSettled, fresh ? null : settleAfter,
                lease);
    }

    public FirstSync imported(ImportCursor after, int more) {
        return new FirstSync(state, imported + more, startedAt, finishedAt, error, after, reEnable, linksSettled,
                settleAfter, leaseUntil);
    }

    public FirstSync settledUpTo(String taskId) {
        return new FirstSync(state, imported, startedAt, finishedAt, error, cursor, reEnable, taskId == null,
                taskId, leaseUntil);
    }

    public FirstSync done(Instant at) {
        return new FirstSync(FirstSyncState.DONE, imported, startedAt, at, null, null, reEnable, linksSettled, null,
                null);
    }

    /** Progress is kept, so a retry resumes from the cursor. */
    public FirstSync failed(Instant at, String userSafeReason) {
        return new FirstSync(FirstSyncState.FAILED, imported, startedAt, at, userSafeReason, cursor, reEnable,
                linksSettled, settleAfter, null);
    }

    /** The lease given up (the work stopped before the end): the next sweep resumes at once. */
    public FirstSync released() {
        return new FirstSync(state, imported, startedAt, finishedAt, error, cursor, reEnable, linksSettled,
                settleAfter, null);
    }
}
