package com.salesconnect.tasksync.emulator.org;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** An org's daily API request allowance: a rolling 24-hour window on the emulator clock. */
public final class ApiUsageMeter {

    private static final Duration WINDOW = Duration.ofHours(24);

    /** Usage after a call: {@code used} calls of {@code limit} in the window. */
    public record Usage(long used, long limit) {
        public long remaining() {
            return Math.max(0, limit - used);
        }
    }

    private final Clock clock;
    private final Deque<Instant> calls = new ArrayDeque<>();
    private long limit;

    public ApiUsageMeter(Clock clock, long limit) {
        this.clock = clock;
        this.limit = limit;
    }

    /** Counts one call, or refuses it (empty result: REQUEST_LIMIT_EXCEEDED) when the window is full. */
    public synchronized java.util.Optional<Usage> tryCount() {
        Instant now = clock.instant();
        evict(now);
        if (calls.size() >= limit) {
            return java.util.Optional.empty();
        }
        calls.addLast(now);
        return java.util.Optional.of(new Usage(calls.size(), limit));
    }

    public synchronized Usage usage() {
        evict(clock.instant());
        return new Usage(calls.size(), limit);
    }

    public synchronized void setLimit(long newLimit) {
        if (newLimit < 0) {
            throw new IllegalArgumentException("a limit is not negative");
        }
        this.limit = newLimit;
    }

    /** When the oldest counted call leaves the window (and a refused caller may try again). */
    public synchronized Instant nextFreeSlot() {
        return calls.isEmpty() ? clock.instant() : calls.peekFirst().plus(WINDOW);
    }

    private void evict(Instant now) {
        Instant cutoff = now.minus(WINDOW);
        while (!calls.isEmpty() && !calls.peekFirst().isAfter(cutoff)) {
            calls.removeFirst();
        }
    }
}
