package com.salesconnect.tasksync.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulator's clock: a base clock plus an offset that tests (and the admin API) move forward or set.
 * {@link #fixed(Instant)} stands still until moved; {@link #system()} follows real time from where it was set.
 */
public final class MutableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    private MutableClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    /** A clock that shows {@code start} until it is advanced or set. */
    public static MutableClock fixed(Instant start) {
        return new MutableClock(Clock.fixed(start, ZoneOffset.UTC), new AtomicReference<>(Duration.ZERO));
    }

    /** Real (UTC) time, plus whatever it has been advanced by. */
    public static MutableClock system() {
        return new MutableClock(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO));
    }

    public void advance(Duration by) {
        Objects.requireNonNull(by, "by");
        offset.updateAndGet(o -> o.plus(by));
    }

    public void set(Instant now) {
        Objects.requireNonNull(now, "now");
        offset.set(Duration.between(base.instant(), now));
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    /** The same moving time seen from another zone: the offset is shared with the result. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new MutableClock(base.withZone(zone), offset);
    }
}
