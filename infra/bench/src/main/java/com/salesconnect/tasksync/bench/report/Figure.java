package com.salesconnect.tasksync.bench.report;

import java.util.Objects;

/**
 * One measured figure of a phase.
 *
 * @param phase      the phase that measured it ({@code import}, {@code creates}, ...)
 * @param name       what it is, e.g. "Salesforce calls per task"
 * @param value      the measured value; NaN when it could not be measured
 * @param unit       e.g. {@code s}, {@code calls/task}, {@code MiB}; empty for a plain number
 * @param decimals   how many decimals the table shows
 * @param target     what it must not exceed, or {@link Target#NONE}
 * @param lowerBound true when the real value is at least {@code value} (the wait for it ran out of time)
 * @param note       what the counters say about it (which calls dominate, what was left unfinished); may be empty
 */
public record Figure(String phase, String name, double value, String unit, int decimals, Target target,
                     boolean lowerBound, String note) {

    public Figure {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(target, "target");
        note = note == null ? "" : note;
    }

    public static Figure of(String phase, String name, double value, String unit, int decimals, Target target) {
        return new Figure(phase, name, value, unit, decimals, target, false, "");
    }

    public static Figure info(String phase, String name, double value, String unit, int decimals) {
        return of(phase, name, value, unit, decimals, Target.NONE);
    }

    /** A figure whose phase could not measure it; with a target it counts as missed. */
    public static Figure notMeasured(String phase, String name, String unit, Target target, String why) {
        return new Figure(phase, name, Double.NaN, unit, 0, target, false, why);
    }

    public Figure withNote(String newNote) {
        return new Figure(phase, name, value, unit, decimals, target, lowerBound, newNote);
    }

    /** The real value is at least this one: the wait for it stopped there. */
    public Figure atLeast() {
        return new Figure(phase, name, value, unit, decimals, target, true, note);
    }

    public boolean measured() {
        return !Double.isNaN(value);
    }

    public Status status() {
        if (!target.present()) {
            return Status.INFO;
        }
        if (!measured() || lowerBound) {
            // A lower bound shows at most that the target was not met in the time waited.
            return Status.MISSED;
        }
        return value <= target.max() + 1e-9 ? Status.MET : Status.MISSED;
    }
}
