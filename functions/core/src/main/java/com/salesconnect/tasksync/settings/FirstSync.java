package com.salesconnect.tasksync.settings;

import java.time.Instant;

/**
 * The first sync of the current enabled period.
 *
 * @param reEnable          true when sync had been enabled before: Salesforce deletions of the last 15 days
 *                          are applied as part of this first sync
 * @param deletionsApplied  true once those deletions were applied (resume skips them)
 * @param cursor            last imported record, null before the first page
 * @param error             a short, user-safe reason when {@code state} is FAILED
 */
public record FirstSync(
        FirstSyncState state,
        int imported,
        Instant startedAt,
        Instant finishedAt,
        String error,
        ImportCursor cursor,
        boolean reEnable,
        boolean deletionsApplied) {

    public static final FirstSync NONE = new FirstSync(FirstSyncState.NONE, 0, null, null, null, null, false, false);

    public static FirstSync queued(boolean reEnable) {
        return new FirstSync(FirstSyncState.QUEUED, 0, null, null, null, null, reEnable, false);
    }
}
