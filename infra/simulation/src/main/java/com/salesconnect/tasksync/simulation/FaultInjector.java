package com.salesconnect.tasksync.simulation;

import com.salesconnect.tasksync.store.StoreException;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fires the one fault armed on the current invocation at its moment, and counts every fault that happened. Store
 * decorators and the simulated Salesforce report each call here. Invocations run inside another one (the concurrent
 * invocation of {@link FaultKind#CONCURRENT_INVOCATION}, the platform's own catch-up) run without faults.
 */
public final class FaultInjector {

    /** What a Salesforce call must do, decided before it runs. */
    public enum SfAction {
        NONE, FAIL_5XX, TIME_OUT, LIMIT, INVALID_SESSION, LOCK_ALL, LOCK_ONE, LOSE_RESPONSE, CRASH_AFTER
    }

    private final Map<FaultKind, Long> counts = new EnumMap<>(FaultKind.class);
    private final Map<FaultKind.Target, Integer> seen = new EnumMap<>(FaultKind.Target.class);
    private Fault armed;
    private boolean fired;
    private int depth;
    private Runnable concurrent;
    private boolean trace;
    private final StringBuilder log;

    public FaultInjector(StringBuilder log) {
        this.log = log;
    }

    public void trace(boolean on) {
        this.trace = on;
    }

    /** Starts an invocation with {@code fault} armed (null: none). */
    public void arm(Fault fault, Runnable concurrentInvocation) {
        this.armed = fault;
        this.fired = false;
        this.concurrent = concurrentInvocation;
        seen.clear();
    }

    public void disarm() {
        armed = null;
        concurrent = null;
    }

    /** Runs {@code work} as an invocation inside the current one: no fault fires in it. */
    public <T> T nested(Supplier<T> work) {
        depth++;
        try {
            return work.get();
        } finally {
            depth--;
        }
    }

    public void nested(Runnable work) {
        nested(() -> {
            work.run();
            return null;
        });
    }

    public boolean fired() {
        return fired;
    }

    public Map<FaultKind, Long> counts() {
        return counts;
    }

    /** A line for the trace (what Salesforce refused, for instance). */
    public void note(String line) {
        if (trace) {
            log.append("      . ").append(line).append('\n');
        }
    }

    /** Counts a platform fault (delivery anomaly) that happened. */
    public void count(FaultKind kind) {
        counts.merge(kind, 1L, Long::sum);
        if (trace) {
            log.append("      ! ").append(kind).append('\n');
        }
    }

    // ---------------------------------------------------------------- store calls

    public void beforeStoreCall(String what, boolean write) {
        if (!active()) {
            return;
        }
        boolean anyHit = bump(FaultKind.Target.ANY_CALL);
        boolean callHit = bump(FaultKind.Target.STORE_CALL);
        boolean writeHit = write && bump(FaultKind.Target.STORE_WRITE);
        FaultKind k = armed.kind();
        if (k == FaultKind.OUT_OF_TIME && anyHit) {
            fire(what);
            throw new SimulatedCrash("out of time before " + what);
        }
        if (k == FaultKind.STORE_UNAVAILABLE && callHit) {
            fire(what);
            throw new StoreException("injected: DynamoDB unavailable at " + what);
        }
        if (k == FaultKind.CONCURRENT_INVOCATION && writeHit && concurrent != null) {
            fire(what);
            Runnable other = concurrent;
            nested(other);
        }
    }

    public void afterStoreWrite(String what) {
        if (!active()) {
            return;
        }
        if (armed.kind() == FaultKind.CRASH_AFTER_STORE_WRITE && count(FaultKind.Target.STORE_WRITE) == armed.at()) {
            fire(what);
            throw new SimulatedCrash("crash after " + what);
        }
    }

    // ---------------------------------------------------------------- Salesforce calls

    public SfAction beforeSalesforceCall(String op, boolean write) {
        if (!active()) {
            return SfAction.NONE;
        }
        boolean anyHit = bump(FaultKind.Target.ANY_CALL);
        boolean callHit = bump(FaultKind.Target.SF_CALL);
        boolean writeHit = write && bump(FaultKind.Target.SF_WRITE);
        String what = "salesforce " + op;
        switch (armed.kind()) {
            case OUT_OF_TIME -> {
                if (anyHit) {
                    fire(what);
                    throw new SimulatedCrash("out of time before " + what);
                }
            }
            case SF_5XX -> {
                if (callHit) {
                    fire(what);
                    return SfAction.FAIL_5XX;
                }
            }
            case SF_TIMEOUT_BEFORE_COMMIT -> {
                if (callHit) {
                    fire(what);
                    return SfAction.TIME_OUT;
                }
            }
            case SF_REQUEST_LIMIT -> {
                if (callHit) {
                    fire(what);
                    return SfAction.LIMIT;
                }
            }
            case SF_INVALID_SESSION -> {
                if (callHit) {
                    fire(what);
                    return SfAction.INVALID_SESSION;
                }
            }
            case CRASH_AFTER_SF_CALL -> {
                if (callHit) {
                    fire(what);
                    return SfAction.CRASH_AFTER;
                }
            }
            case SF_LOCK_ROW -> {
                if (writeHit) {
                    fire(what);
                    return SfAction.LOCK_ALL;
                }
            }
            case SF_LOCK_ONE_RECORD -> {
                if (writeHit) {
                    fire(what);
                    return SfAction.LOCK_ONE;
                }
            }
            case SF_TIMEOUT_AFTER_COMMIT -> {
                if (writeHit) {
                    fire(what);
                    return SfAction.LOSE_RESPONSE;
                }
            }
            default -> {
                // a store or event fault: not this call's business
            }
        }
        return SfAction.NONE;
    }

    // ---------------------------------------------------------------- events

    public boolean publishFails() {
        if (!active()) {
            return false;
        }
        boolean hit = bump(FaultKind.Target.EVENT);
        if (armed.kind() == FaultKind.EVENT_PUBLISH_FAILED && hit) {
            fire("event publish");
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- helpers

    private boolean active() {
        return depth == 0 && armed != null && !fired;
    }

    private boolean bump(FaultKind.Target target) {
        int n = seen.merge(target, 1, Integer::sum);
        return armed.kind().target() == target && n == armed.at();
    }

    private int count(FaultKind.Target target) {
        return seen.getOrDefault(target, 0);
    }

    private void fire(String where) {
        fired = true;
        counts.merge(armed.kind(), 1L, Long::sum);
        if (trace) {
            log.append("      ! fault ").append(armed).append(" at ").append(where).append('\n');
        }
    }
}
