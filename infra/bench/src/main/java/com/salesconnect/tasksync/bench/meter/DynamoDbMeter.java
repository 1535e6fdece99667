package com.salesconnect.tasksync.bench.meter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the DynamoDB requests of a run by caller (a function, the Sales Connect stand-in, the benchmark's observer)
 * and operation: requests sent (retries included: each is a request DynamoDB serves and bills), calls that failed,
 * and the capacity units they would consume on AWS ({@link Capacity}). Fed by {@link MeteringInterceptor}.
 */
public final class DynamoDbMeter {

    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();

    /**
     * One finished SDK call: {@code attempts} HTTP requests, failed or not, its capacity estimate, and how long it
     * took in all.
     */
    public void record(String caller, String operation, int attempts, boolean failed, Capacity capacity,
                       long millis) {
        Counter c = counters.computeIfAbsent(new MeterKey(caller, operation), k -> new Counter());
        c.requests.add(attempts);
        c.calls.increment();
        c.millis.add(millis);
        if (failed) {
            c.failures.increment();
        }
        c.readUnits.add(capacity.readUnits());
        c.writeUnits.add(capacity.writeUnits());
    }

    public MeterSnapshot snapshot() {
        Map<MeterKey, Tally> copy = new java.util.TreeMap<>();
        counters.forEach((k, c) -> copy.put(k, new Tally(c.requests.sum(), c.failures.sum(), c.readUnits.sum(),
                c.writeUnits.sum(), c.calls.sum(), c.millis.sum())));
        return new MeterSnapshot(copy);
    }

    private static final class Counter {
        final LongAdder requests = new LongAdder();
        final LongAdder failures = new LongAdder();
        final DoubleAdder readUnits = new DoubleAdder();
        final DoubleAdder writeUnits = new DoubleAdder();
        final LongAdder calls = new LongAdder();
        final LongAdder millis = new LongAdder();
    }
}
