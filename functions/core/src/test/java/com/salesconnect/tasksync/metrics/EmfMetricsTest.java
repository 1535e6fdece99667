package com.salesconnect.tasksync.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmfMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.time.Clock CLOCK = java.time.Clock.fixed(java.time.Instant.ofEpochMilli(1_796_000_000_000L),
            java.time.ZoneOffset.UTC);

    @Test
    void write_oneEmfDocumentPerDimensionGroup_inTheShapeCloudWatchExtracts() throws Exception {
        MetricRecorder recorder = new MetricRecorder();
        recorder.changeApplied(SyncMetrics.Direction.TO_SALESFORCE, "Create");
        recorder.changeApplied(SyncMetrics.Direction.TO_SALESFORCE, "Create");
        recorder.changeLag(SyncMetrics.Direction.TO_SALESFORCE, Duration.ofMillis(1500));
        recorder.changeLag(SyncMetrics.Direction.TO_SALESFORCE, Duration.ofMillis(250));
        recorder.salesforceCall(87.5);
        recorder.orgThrottled();
        List<String> lines = new ArrayList<>();

        new EmfMetrics(lines::add, CLOCK).write(recorder,
                Map.of("function", "task-stream-outbound", "requestId", "req-1"));

        assertThat(lines).hasSize(3);
        List<JsonNode> docs = new ArrayList<>();
        for (String line : lines) {
            assertThat(line).doesNotContain("\n");
            docs.add(JSON.readTree(line));
        }
        for (JsonNode doc : docs) {
            JsonNode aws = doc.get("_aws");
            assertThat(aws.get("Timestamp").asLong()).isEqualTo(1_796_000_000_000L);
            JsonNode directive = aws.get("CloudWatchMetrics").get(0);
            assertThat(directive.get("Namespace").asText()).isEqualTo("TaskSync");
            assertThat(doc.get("requestId").asText()).isEqualTo("req-1");
            // Every metric named in the directive has its value(s) at the top level.
            for (JsonNode metric : directive.get("Metrics")) {
                assertThat(doc.has(metric.get("Name").asText())).as(metric.toString()).isTrue();
            }
            // Every dimension named has its value at the top level.
            for (JsonNode name : directive.get("Dimensions").get(0)) {
                assertThat(doc.get(name.asText()).isTextual()).isTrue();
            }
        }
        JsonNode applied = docs.stream().filter(d -> d.has("ChangesApplied")).findFirst().orElseThrow();
        assertThat(applied.get("ChangesApplied").toString()).isEqualTo("[1.0,1.0]");
        assertThat(applied.get("Direction").asText()).isEqualTo("ToSalesforce");
        assertThat(applied.get("Kind").asText()).isEqualTo("Create");
        JsonNode directive = applied.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Dimensions").get(0).toString()).isEqualTo("[\"Direction\",\"Kind\"]");
        assertThat(directive.get("Metrics").get(0).get("Unit").asText()).isEqualTo("Count");

        JsonNode lag = docs.stream().filter(d -> d.has("ChangeLag")).findFirst().orElseThrow();
        assertThat(lag.get("ChangeLag").toString()).isEqualTo("[1500.0,250.0]");
        assertThat(lag.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0).get("Unit").asText())
                .isEqualTo("Milliseconds");

        JsonNode org = docs.stream().filter(d -> d.has("SalesforceApiCalls")).findFirst().orElseThrow();
        assertThat(org.get("OrgApiRemaining").asDouble()).isEqualTo(87.5);
        assertThat(org.get("ThrottledOrgs").asDouble()).isEqualTo(1.0);
        assertThat(org.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").get(0)).isEmpty();
    }

    @Test
    void write_moreThan100ValuesOfAMetric_goInDocumentsOfAtMost100() throws Exception {
        MetricRecorder recorder = new MetricRecorder();
        for (int i = 0; i < 250; i++) {
            recorder.changeLag(SyncMetrics.Direction.TO_SALES_CONNECT, Duration.ofMillis(i));
        }
        recorder.changeLag(SyncMetrics.Direction.TO_SALESFORCE, Duration.ofMillis(7));
        List<String> lines = new ArrayList<>();

        new EmfMetrics(lines::add, CLOCK).write(recorder, Map.of());

        List<Integer> sizes = new ArrayList<>();
        for (String line : lines) {
            JsonNode lag = JSON.readTree(line).get("ChangeLag");
            sizes.add(lag.isArray() ? lag.size() : 1);
        }
        assertThat(sizes).containsExactly(100, 100, 50, 1);
    }

    @Test
    void write_nothingRecorded_writesNothing() {
        List<String> lines = new ArrayList<>();
        new EmfMetrics(lines::add, CLOCK).write(new MetricRecorder(), Map.of());
        assertThat(lines).isEmpty();
    }

    @Test
    void current_outsideAnInvocation_recordsNothing_andInstallRestoresThePrevious() {
        assertThat(Metrics.current()).isSameAs(SyncMetrics.NONE);
        MetricRecorder outer = new MetricRecorder();
        try (Metrics.Scope ignored = Metrics.install(outer)) {
            MetricRecorder inner = new MetricRecorder();
            Metrics.with(inner, () -> {
                Metrics.current().pushGivenUp();
                return null;
            });
            assertThat(inner.sum("PushGiveUps", Map.of())).isEqualTo(1.0);
            assertThat(Metrics.current()).isSameAs(outer);
        }
        assertThat(Metrics.current()).isSameAs(SyncMetrics.NONE);
    }
}
