package com.salesconnect.tasksync.local.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Polls until something holds, and says how long it took. */
final class Eventually {

    private Eventually() {
    }

    /** @return how long until {@code condition} held, or empty when it did not within {@code timeout} */
    static Optional<Duration> within(Duration timeout, Supplier<Boolean> condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            if (Boolean.TRUE.equals(condition.get())) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - start));
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
