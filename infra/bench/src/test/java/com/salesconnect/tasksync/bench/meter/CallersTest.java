package com.salesconnect.tasksync.bench.meter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallersTest {

    @Test
    void threadNames_sayWhoCalled() {
        assertThat(Callers.of("lambda-TaskStreamOutboundFunction-12")).isEqualTo("TaskStreamOutboundFunction");
        assertThat(Callers.of("http-3")).isEqualTo(Callers.APP);
        assertThat(Callers.of("bench-observer-main")).isEqualTo(Callers.OBSERVER);
        assertThat(Callers.of("rule-SweepRule")).isEqualTo(Callers.OTHER);
        assertThat(Callers.of("lambda-")).isEqualTo(Callers.OTHER);
    }
}
