package com.salesconnect.tasksync.bench.report;

/**
 * What a figure must not exceed, or nothing ({@link #NONE}: the figure is for information).
 *
 * @param max the largest value that meets the target; NaN for none
 */
public record Target(double max) {

    public static final Target NONE = new Target(Double.NaN);

    public static Target atMost(double max) {
        if (Double.isNaN(max)) {
            throw new IllegalArgumentException("a target needs a number");
        }
        return new Target(max);
    }

    public boolean present() {
        return !Double.isNaN(max);
    }
}
