package com.salesconnect.tasksync.simulation;

import java.util.SplittableRandom;

/**
 * The steps a schedule is made of, each with its weight (relative frequency) and whether a fault may be armed on
 * the invocation it makes. README.md lists them with what each does.
 */
enum StepKind {
    // Sales Connect users
    SC_CREATE(10, true),
    SC_EDIT(8, true),
    SC_COMPLETE(3, true),
    SC_REOPEN(2, true),
    SC_DELETE(4, true),
    // people in Salesforce
    SF_CREATE(8, false),
    SF_EDIT(8, false),
    SF_COMPLETE(3, false),
    SF_REOPEN(2, false),
    SF_DELETE(4, false),
    SF_UNDELETE(2, false),
    SF_HARD_DELETE(1, false),
    SF_CHANGE_OWNER(2, false),
    SF_SYSTEM_TOUCH(1, false),
    SF_OUTAGE(0.5, false),
    SF_SLOW(0.5, false),
    // settings and connections
    ENABLE(3, true),
    ENABLE_AT_WINDOW_EDGE(1, true),
    DISABLE(2, true),
    RECONNECT_SAME(1, true),
    RECONNECT_OTHER_USER(1, true),
    RECONNECT_OTHER_ORG(1, true),
    REVOKE_TOKEN(1, false),
    // the platform
    SWEEP_TICK(4, true),
    SWEEP_USER(3, true),
    DELIVER_EVENT(6, true),
    STREAM_BATCH(20, true),
    STREAM_STALL(0.2, false),
    OPERATOR_REDRIVE(0.5, true),
    DELIVER_MESSAGE(14, true),
    DROP_NOTIFICATION(1, false),
    DUPLICATE_MESSAGE(2, true),
    DELAY_MESSAGE(1, false),
    DELIVER_CHANGE_EVENT(6, true),
    // time
    CLOCK_MINUTES(3, false),
    CLOCK_HOURS(1, false),
    CLOCK_DAY(1, false),
    CLOCK_WEEKS(0.3, false);

    private final double weight;
    private final boolean faultable;

    StepKind(double weight, boolean faultable) {
        this.weight = weight;
        this.faultable = faultable;
    }

    double weight() {
        return weight;
    }

    boolean faultable() {
        return faultable;
    }

    private static final double TOTAL;

    static {
        double t = 0;
        for (StepKind k : values()) {
            t += k.weight;
        }
        TOTAL = t;
    }

    static StepKind pick(SplittableRandom rng) {
        double x = rng.nextDouble() * TOTAL;
        for (StepKind k : values()) {
            x -= k.weight;
            if (x < 0) {
                return k;
            }
        }
        return STREAM_BATCH;
    }

    /** Sales Connect user actions: their invocation writes one task, so only store faults make sense. */
    boolean userAction() {
        return this == SC_CREATE || this == SC_EDIT || this == SC_COMPLETE || this == SC_REOPEN || this == SC_DELETE;
    }
}
