package com.salesconnect.tasksync.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The hold of an import that claimed a Salesforce id and writes its task and link later, together with others (one
 * batch request for many imports instead of two conditional writes each). Until {@link #until()} (no later than the
 * claiming invocation can live) nobody else completes, releases or claims the id: only the claimant writes its task.
 *
 * @param claimant the claiming piece of work (unique per invocation)
 * @param until    when the claimant is dead for sure, so its claim is an abandoned one like any other
 */
public record ClaimLease(String claimant, Instant until) {

    public ClaimLease {
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(until, "until");
        if (claimant.isBlank()) {
            throw new IllegalArgumentException("a claimant is named");
        }
    }

    /** Whether the lease still keeps everyone but {@code claimant} (null: anyone) away at {@code now}. */
    public boolean keepsAway(String claimant, Instant now) {
        return until.isAfter(now) && !this.claimant.equals(claimant);
    }
}
