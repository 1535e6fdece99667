package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.metrics.MetricRecorder;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiCallMeterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T09:00:00Z"));
    private final Fakes.FakeOrgLimitStore store = new Fakes.FakeOrgLimitStore();
    private final ApiCallMeter meter = new ApiCallMeter(store, clock);

    @Test
    void countsAreStoredEveryTenCalls_withTheOrgsLatestReportedUse() {
        for (int i = 1; i <= 25; i++) {
            meter.counted("00D00000000000aAAA", new SalesforceApi.ApiUsage(100 + i, 15_000));
        }
        assertThat(store.flushes).containsExactly("00D00000000000aAAA 10 110/15000", "00D00000000000aAAA 10 120/15000");
    }

    @Test
    void aQuietContainer_storesItsFewCallsAfterAMinute_perOrg() {
        meter.counted("00D00000000000aAAA", null);
        meter.counted("00D00000000000bAAA", new SalesforceApi.ApiUsage(7, 15_000));
        assertThat(store.flushes).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        meter.counted("00D00000000000aAAA", null);
        assertThat(store.flushes).containsExactly("00D00000000000aAAA 2 0/0");
    }

    @Test
    void everyCall_isCountedAsAnApiCallMetric_withTheOrgsRemainingShareWhenItsAnswerReportedOne() {
        MetricRecorder recorder = new MetricRecorder();
        Metrics.with(recorder, () -> {
            meter.counted("00D00000000000aAAA", new SalesforceApi.ApiUsage(1_500, 15_000));
            meter.counted("00D00000000000aAAA", null);
            meter.counted("00D00000000000aAAA", new SalesforceApi.ApiUsage(15_300, 15_000));
            return null;
        });

        assertThat(recorder.sum("SalesforceApiCalls", Map.of())).isEqualTo(3);
        MetricRecorder.Metric remaining = recorder.groups().get(0).metrics().get("OrgApiRemaining");
        assertThat(remaining.unit()).isEqualTo(MetricRecorder.Unit.Percent);
        assertThat(remaining.values()).containsExactly(90.0, 0.0); // over its limit reads 0, not negative
    }
}
