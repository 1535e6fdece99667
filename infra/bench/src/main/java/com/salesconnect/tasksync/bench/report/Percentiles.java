package com.salesconnect.tasksync.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of latency samples by nearest rank (the p95 of 20 samples is the 19th smallest). */
public final class Percentiles {

    private Percentiles() {
    }

    public static long nearestRank(List<Long> samples, double percentile) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        if (percentile <= 0 || percentile > 1) {
            throw new IllegalArgumentException("a percentile is in (0, 1]");
        }
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percentile * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }
}
