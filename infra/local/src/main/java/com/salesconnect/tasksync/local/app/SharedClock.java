package com.salesconnect.tasksync.local.app;

import com.salesconnect.tasksync.emulator.MutableClock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The one clock of a local run: the app, every function and the Salesforce emulator read it, so shifting it
 * (say 20 days back, to test the 15-day rules) moves all of them together. It runs at real speed, at an offset
 * from real time.
 */
public final class SharedClock {

    private final MutableClock clock = MutableClock.system();

    /** The clock to hand to the app, the functions and the emulator. */
    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** How far the clock is from real time, to the second (reading the two clocks takes a few microseconds). */
    public Duration offset() {
        long millis = Duration.between(Instant.now(), clock.instant()).toMillis();
        return Duration.ofSeconds(Math.round(millis / 1000.0));
    }

    /** Sets the clock to real time plus {@code offset} (negative: the past). */
    public void setOffset(Duration offset) {
        clock.set(Instant.now().plus(offset));
    }
}
