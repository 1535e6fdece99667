package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.store.ChangeEventFlow;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the sweep slows for an org whose Salesforce change events flow (Event Relay): it becomes a safety net, run
 * once per {@code sweepInterval} instead of at every tick (its org probe too), while an event arrived within
 * {@code quietAfter} and no GAP came since. It runs at full pace again as soon as events stop or a GAP arrives (once
 * after a GAP even when events follow it at once).
 * Pending pushes are retried at every tick regardless (they cost calls only when there are some).
 */
public record ChangeEventPace(Duration sweepInterval, Duration quietAfter) {

    /** Template defaults: ChangeEventSweepMinutes 60, ChangeEventQuietHours 24. */
    public static final ChangeEventPace DEFAULT = new ChangeEventPace(Duration.ofMinutes(60), Duration.ofHours(24));

    public ChangeEventPace {
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(quietAfter, "quietAfter");
        if (sweepInterval.isNegative() || quietAfter.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /**
     * True when work last done at {@code last} need not be done again at {@code now}: events flow, it is within the
     * slow interval (a tick's slack included, so an hourly sweep is not pushed to the next tick), and it was done after
     * the last GAP (events arriving after a gap do not bring back what it lost: one run catches up first).
     */
    boolean notDueYet(ChangeEventFlow flow, Instant last, Instant now) {
        return doneWithin(flow, last, now, sweepInterval.minus(TICK_SLACK));
    }

    /** Events flow, {@code last} is within {@code window} before {@code now}, and after the last GAP. */
    private boolean doneWithin(ChangeEventFlow flow, Instant last, Instant now, Duration window) {
        return flow.flowing(now, quietAfter) && last != null && last.isAfter(now.minus(window))
                && (flow.gapAt() == null || last.isAfter(flow.gapAt()));
    }

    /**
     * True when a user's sweep need not run at {@code now}. Where the org's probe keeps the hour (a probe within the
     * slow interval and {@link #PROBE_WAIT}), it sets its users' hour too: a user sweeps at a tick whose probe it can
     * use (which costs no call while the org is quiet), and else waits, while its own hour is less than
     * {@link #PROBE_WAIT} overdue, for the next probe. Counted each from its own instant, the two came due at
     * different ticks (a user's log checkpoint is Salesforce's whole-minute coverage, earlier than the probe; ticks
     * drift from whole minutes), and a user due at a tick without a probe read its own logs, every hour from then on.
     * Without such a probe the user's own hour counts ({@link #notDueYet}).
     */
    boolean userNotDueYet(ChangeEventFlow flow, Instant checked, Instant probedAt, boolean probeUsable, Instant now) {
        if (probedAt == null || !probedAt.isAfter(now.minus(longestWait()))) {
            return notDueYet(flow, checked, now);
        }
        return !probeUsable && doneWithin(flow, checked, now, longestWait());
    }

    /**
     * The longest a user's safety-net sweep waits while events flow, from its last look at Salesforce's logs: its
     * hour and the wait for its org's probe ({@link #userNotDueYet}).
     */
    public Duration longestWait() {
        return sweepInterval.plus(PROBE_WAIT);
    }

    /** Less than one tick of the 5-minute schedule: the hourly run lands on the tick nearest the hour. */
    static final Duration TICK_SLACK = Duration.ofMinutes(2);
    /** How long past its own hour a user waits for its org's probe: three ticks (a probe that failed is retried). */
    static final Duration PROBE_WAIT = Duration.ofMinutes(15);
}
