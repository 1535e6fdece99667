package com.salesconnect.tasksync.salesforce;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Bounded exponential back-off with full jitter: before retry n (1-based) wait a random time in
 * [0, min(cap, base * 2^(n-1))]. Full jitter spreads the retries of many Lambda instances hitting the same
 * locked row or overloaded org instead of having them retry in lock step.
 *
 * @param maxAttempts total attempts, the first included
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap) {

    /** 3 attempts, 200 ms base, 2 s cap: at most about 0.6 s of waiting, well inside a Lambda's budget. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 <= base <= cap");
        }
    }

    /** The wait before retry number {@code retry} (1 for the second attempt). */
    public Duration delayBefore(int retry, RandomGenerator random) {
        long ceiling = ceilingMillis(retry);
        return Duration.ofMillis(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
    }

    /** The upper bound of {@link #delayBefore}: min(cap, base * 2^(retry-1)). */
    public long ceilingMillis(int retry) {
        int shift = Math.min(Math.max(retry - 1, 0), 30);
        long baseMillis = base.toMillis();
        long exponential = baseMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseMillis << shift;
        return Math.min(cap.toMillis(), exponential);
    }
}
