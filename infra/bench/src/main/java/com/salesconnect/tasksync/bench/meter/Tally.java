package com.salesconnect.tasksync.bench.meter;

/**
 * Requests sent, calls failed, estimated read and write capacity units, and the calls' summed duration as the
 * caller saw it (how long the engine took to answer: moto's time, not DynamoDB's).
 */
public record Tally(long requests, long failures, double readUnits, double writeUnits, long calls, long millis) {

    public static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0);

    public Tally plus(Tally o) {
        return new Tally(requests + o.requests, failures + o.failures, readUnits + o.readUnits,
                writeUnits + o.writeUnits, calls + o.calls, millis + o.millis);
    }

    public Tally minus(Tally o) {
        return new Tally(requests - o.requests, failures - o.failures, readUnits - o.readUnits,
                writeUnits - o.writeUnits, calls - o.calls, millis - o.millis);
    }

    /** Mean duration of one call in milliseconds (0 without calls). */
    public double meanMillis() {
        return calls == 0 ? 0 : (double) millis / calls;
    }
}
