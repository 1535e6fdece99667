package com.salesconnect.tasksync.bench.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentilesTest {

    @Test
    void p95OfTwentySamples_isTheNineteenthSmallest() {
        List<Long> samples = new ArrayList<>();
        for (long i = 1; i <= 20; i++) {
            samples.add(i * 10);
        }
        Collections.shuffle(samples);
        assertThat(Percentiles.nearestRank(samples, 0.95)).isEqualTo(190);
        assertThat(Percentiles.nearestRank(samples, 0.5)).isEqualTo(100);
    }

    @Test
    void fewSamples_theP95IsTheLargest() {
        assertThat(Percentiles.nearestRank(List.of(300L, 100L, 200L), 0.95)).isEqualTo(300);
        assertThat(Percentiles.nearestRank(List.of(42L), 0.95)).isEqualTo(42);
    }

    @Test
    void noSamples_isRefused() {
        assertThatThrownBy(() -> Percentiles.nearestRank(List.of(), 0.95)).isInstanceOf(IllegalArgumentException.class);
    }
}
