package com.salesconnect.tasksync.sync;

/**
 * What one user's sweep did.
 *
 * @param changesApplied Salesforce rows applied (imported, merged, deleted, echoes)
 * @param pushesRetried  pending pushes tried again
 */
public record SweepResult(Kind kind, int changesApplied, int pushesRetried) {

    public enum Kind {
        SKIPPED_DISABLED,
        SKIPPED_NOT_CONNECTED,
        SKIPPED_ORG_BLOCKED,
        /** The org's API budget slows its sweeps down, and this user was swept within the slower interval. */
        SKIPPED_THROTTLED,
        /**
         * The org's change events flow (Event Relay): this user was swept within the slow interval, so only its
         * pending pushes were retried.
         */
        SKIPPED_EVENTS_FLOWING,
        /** The first sync finished now. */
        FIRST_SYNC_DONE,
        /** Another sweep holds the first sync's lease: it is running there. */
        FIRST_SYNC_RUNNING,
        /** The first sync failed (progress kept) and waits before it is tried again. */
        FIRST_SYNC_FAILED,
        /** The user turned sync off meanwhile: stopped early, progress saved. */
        STOPPED,
        INCREMENTAL,
        /** Salesforce was unavailable or limited: progress saved, the next sweep continues. */
        INCOMPLETE
    }

    static SweepResult of(Kind kind) {
        return new SweepResult(kind, 0, 0);
    }
}
