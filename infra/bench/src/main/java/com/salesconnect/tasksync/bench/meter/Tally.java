package com.salesconnect.tasksync.bench.meter;

/** Requests sent, calls failed, and estimated read and write capacity units. */
public record Tally(long requests, long failures, double readUnits, double writeUnits) {

    public static final Tally ZERO = new Tally(0, 0, 0, 0);

    public Tally plus(Tally o) {
        return new Tally(requests + o.requests, failures + o.failures, readUnits + o.readUnits,
                writeUnits + o.writeUnits);
    }

    public Tally minus(Tally o) {
        return new Tally(requests - o.requests, failures - o.failures, readUnits - o.readUnits,
                writeUnits - o.writeUnits);
    }
}
