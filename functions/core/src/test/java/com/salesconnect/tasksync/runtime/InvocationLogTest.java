package com.salesconnect.tasksync.runtime;

import com.salesconnect.tasksync.metrics.EmfMetrics;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.metrics.SyncMetrics;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InvocationLogTest {

    @Test
    void begin_setsTheInvocationFields_coldOnlyOnTheFirst_andCloseClearsThemAndWritesTheMetrics() {
        List<String> emf = new ArrayList<>();
        InvocationLog log = new InvocationLog("task-stream-outbound", new EmfMetrics(emf::add, java.time.Clock.systemUTC()));
        MDC.put("userId", "left over from a previous invocation");

        try (InvocationLog.Invocation first = log.begin(null, "req-1")) {
            assertThat(MDC.get(LogFields.FUNCTION)).isEqualTo("task-stream-outbound");
            assertThat(MDC.get(LogFields.REQUEST_ID)).isEqualTo("req-1");
            assertThat(MDC.get(LogFields.COLD_START)).isEqualTo("true");
            assertThat(MDC.get("userId")).isNull();
            try (LogFields.Scope task = LogFields.with(LogFields.TASK_ID, "t1", LogFields.CHANGE_ID, "sc:t1:v2")) {
                assertThat(MDC.get(LogFields.CHANGE_ID)).isEqualTo("sc:t1:v2");
            }
            assertThat(MDC.get(LogFields.TASK_ID)).isNull();
            Metrics.current().changeApplied(SyncMetrics.Direction.TO_SALESFORCE, "Update");
            assertThat(first.metrics().sum("ChangesApplied", java.util.Map.of("Kind", "Update"))).isEqualTo(1.0);
        }
        assertThat(MDC.getCopyOfContextMap() == null || MDC.getCopyOfContextMap().isEmpty()).isTrue();
        assertThat(Metrics.current()).isSameAs(SyncMetrics.NONE);
        assertThat(emf).hasSize(1);
        assertThat(emf.get(0)).contains("\"ChangesApplied\"", "\"requestId\":\"req-1\"", "\"coldStart\":\"true\"");

        try (InvocationLog.Invocation second = log.begin("deployed-name", "req-2")) {
            assertThat(MDC.get(LogFields.FUNCTION)).isEqualTo("deployed-name");
            assertThat(MDC.get(LogFields.COLD_START)).isEqualTo("false");
        }
        assertThat(emf).as("no metrics, no document").hasSize(1);
    }

    @Test
    void correlationIds_areDeterministic() {
        assertThat(LogFields.scChange("t-1", 3)).isEqualTo("sc:t-1:v3");
        assertThat(LogFields.sfChange("00T000000000001AAA", java.time.Instant.ofEpochMilli(1_700_000_000_000L)))
                .isEqualTo("sf:00T000000000001AAA:1700000000000");
    }
}
