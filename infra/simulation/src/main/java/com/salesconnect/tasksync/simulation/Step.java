package com.salesconnect.tasksync.simulation;

import java.util.Objects;

/**
 * One step of a schedule: what happens, the seed of every choice the step makes (which user, which task, which
 * values), and the fault armed on its invocation, if any. A step picks its task among those that exist when it runs,
 * so a schedule with steps removed (shrinking) still runs.
 */
record Step(StepKind kind, long seed, Fault fault) {

    Step {
        Objects.requireNonNull(kind, "kind");
    }

    /** {@code KIND seed [FAULT@k]}, the form traces and regression tests use. */
    @Override
    public String toString() {
        return kind + " " + Long.toHexString(seed) + (fault == null ? "" : " " + fault);
    }

    static Step parse(String line) {
        String[] parts = line.trim().split("\\s+");
        return new Step(StepKind.valueOf(parts[0]), Long.parseUnsignedLong(parts[1], 16),
                parts.length > 2 ? Fault.parse(parts[2]) : null);
    }
}
