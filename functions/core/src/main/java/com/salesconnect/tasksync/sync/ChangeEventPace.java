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
        return flow.flowing(now, quietAfter) && last != null
                && last.isAfter(now.minus(sweepInterval).plus(TICK_SLACK))
                && (flow.gapAt() == null || last.isAfter(flow.gapAt()));
    }

    /** Less than one tick of the 5-minute schedule: the hourly run lands on the tick nearest the hour. */
    static final Duration TICK_SLACK = Duration.ofMinutes(2);
}
