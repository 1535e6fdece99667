package com.salesconnect.tasksync.settings;

import java.time.Instant;

/**
 * Where the incremental sweep of a user stands, besides the SystemModstamp watermark.
 *
 * @param deletionsCheckedAt Salesforce's deletion log was read up to here (its {@code latestDateCovered})
 * @param updatesCheckedAt   Salesforce's list of updated ids was read up to here (owner changes away from the user)
 * @param settleAfter        while every linked pair is being settled because the deletion log could not cover a gap:
 *                           the task id up to which it got ("" when it started); null otherwise
 * @param settleStartedAt    when that started: the deletion log is read from there on once it ends
 */
public record SweepState(Instant deletionsCheckedAt, Instant updatesCheckedAt, String settleAfter,
                         Instant settleStartedAt) {

    public static final SweepState NONE = new SweepState(null, null, null, null);

    public boolean settling() {
        return settleAfter != null;
    }

    /** Settling every linked pair from the first, begun {@code at}; the logs' checkpoints stay until it ends. */
    public SweepState settlingFrom(Instant at) {
        return new SweepState(deletionsCheckedAt, updatesCheckedAt, "", at);
    }
}
