package com.salesconnect.tasksync.wiring;

import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.runtime.LogFields;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapStartEntryTest {

    @Test
    void invoke_runsTheWorkInsideTheInvocationsLogFields_coldOnlyOnTheFirst_andClearsThemAfter() {
        SnapStartEntry entry = new SnapStartEntry("enable-sync", () -> { });
        List<String> seen = new ArrayList<>();

        String answer = entry.invoke(null, () -> {
            seen.add(MDC.get(LogFields.FUNCTION) + " " + MDC.get(LogFields.REQUEST_ID) + " "
                    + MDC.get(LogFields.COLD_START));
            return "answer";
        });
        entry.invoke(TestLambdaContext.of("req-2"), () -> seen.add(MDC.get(LogFields.FUNCTION) + " "
                + MDC.get(LogFields.REQUEST_ID) + " " + MDC.get(LogFields.COLD_START)));

        assertThat(answer).isEqualTo("answer");
        assertThat(seen).containsExactly("enable-sync null true", "test req-2 false");
        assertThat(MDC.getCopyOfContextMap() == null || MDC.getCopyOfContextMap().isEmpty()).isTrue();
    }

    @Test
    void invoke_clearsTheLogFields_whenTheWorkFails() {
        SnapStartEntry entry = new SnapStartEntry("task-stream-outbound", () -> { });

        assertThatThrownBy(() -> entry.invoke(TestLambdaContext.of("req-1"), () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(MDC.get(LogFields.REQUEST_ID)).isNull();
    }

    @Test
    void beforeCheckpoint_runsThePriming_andPassesItsFailureOn() throws Exception {
        List<String> primed = new ArrayList<>();
        new SnapStartEntry("reconciliation-sweep", () -> primed.add("primed")).beforeCheckpoint(null);
        SnapStartEntry failing = new SnapStartEntry("salesforce-inbound", () -> {
            throw new IOException("the sample is unreadable");
        });

        assertThat(primed).containsExactly("primed");
        assertThatThrownBy(() -> failing.beforeCheckpoint(null)).isInstanceOf(IOException.class);
        failing.afterRestore(null);
    }

    @Test
    void deadline_isTheContextsRemainingTime_orNoLimitWithoutAContext() {
        assertThat(SnapStartEntry.deadline(new TestLambdaContext("r", () -> 1_500L)).remaining())
                .isEqualTo(Duration.ofMillis(1_500));
        assertThat(SnapStartEntry.deadline(null)).isSameAs(Deadline.NONE);
    }
}
