package com.salesconnect.tasksync.bench.meter;

import java.util.Comparator;

/** Who asked ({@link Callers}) for what (the DynamoDB operation, e.g. {@code Query}). */
public record MeterKey(String caller, String operation) implements Comparable<MeterKey> {

    private static final Comparator<MeterKey> ORDER = Comparator.comparing(MeterKey::caller)
            .thenComparing(MeterKey::operation);

    @Override
    public int compareTo(MeterKey other) {
        return ORDER.compare(this, other);
    }
}
