package com.salesconnect.tasksync.runtime;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The time an invocation has left (Lambda's {@code Context.getRemainingTimeInMillis}). Work checks it before it
 * starts something that could outlive the invocation, so a function runs out of time only between steps, never in
 * the middle of one, and leaves what it did not start for a retry or the sweep.
 */
public interface Deadline {

    /** No limit: tests, the simulator, and callers with nothing to stop. */
    Deadline NONE = () -> Duration.ofDays(365);

    Duration remaining();

    /** True when at least {@code needed} is left. */
    default boolean allows(Duration needed) {
        return remaining().compareTo(needed) >= 0;
    }

    /** @param remainingMillis e.g. {@code context::getRemainingTimeInMillis} */
    static Deadline ofRemainingMillis(LongSupplier remainingMillis) {
        return () -> Duration.ofMillis(remainingMillis.getAsLong());
    }
}
