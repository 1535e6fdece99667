package com.salesconnect.tasksync.sync;

/**
 * Outcome of one change event: every record of it is durable (applied, or deliberately ignored), or left to the
 * sweep (which then runs at full pace).
 *
 * @param applied records that changed Sales Connect or a link
 * @param ignored duplicates, stale or echoed changes, tombstoned tasks, owners without sync, records no one here reads
 */
public record ChangeEventResult(Outcome outcome, int applied, int ignored) {

    public enum Outcome {
        /** The records were read (or, for a deletion, deleted) and applied. */
        APPLIED,
        /** A change this integration made itself (its client id in changeOrigin): acknowledged, no API call. */
        OWN_CHANGE,
        /** No Sales Connect user is connected to the event's org: dropped and counted. */
        NO_USER_IN_ORG,
        /** GAP_OVERFLOW (or a wildcard record id): the org's users are swept at full pace from the next tick. */
        SWEEP
    }
}
