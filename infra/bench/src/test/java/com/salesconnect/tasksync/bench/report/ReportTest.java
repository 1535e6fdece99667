package com.salesconnect.tasksync.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Figure> figures = List.of(
            Figure.of("import", "Salesforce calls", 7, "calls", 0, Target.atMost(7)),
            Figure.of("creates", "Salesforce calls per task", 0.0234, "calls/task", 3, Target.atMost(0.01))
                    .withNote("composite/sobjects POST 23"),
            Figure.info("creates", "DynamoDB requests per task", 22.22, "req/task", 2),
            Figure.of("import", "first sync DONE after", 900, "s", 1, Target.atMost(120)).atLeast(),
            Figure.notMeasured("reads", "GET /tasks: p95", "s", Target.atMost(1), "failed: HTTP 500"));

    @Test
    void aFigureWithinItsTarget_isMet_overIt_isMissed_withoutOne_isInfo() {
        assertThat(figures.stream().map(f -> f.status()).toList())
                .containsExactly(Status.MET, Status.MISSED, Status.INFO, Status.MISSED, Status.MISSED);
    }

    @Test
    void aLowerBoundOrAnUnmeasuredFigure_neverMeetsItsTarget() {
        Figure waitedOut = Figure.of("import", "done after", 10, "s", 1, Target.atMost(120)).atLeast();
        assertThat(waitedOut.status()).isEqualTo(Status.MISSED);
        assertThat(Figure.notMeasured("x", "y", "", Target.atMost(0), "why").status()).isEqualTo(Status.MISSED);
        assertThat(Figure.notMeasured("x", "y", "", Target.NONE, "why").status()).isEqualTo(Status.INFO);
    }

    @Test
    void summaryLine_countsTargetsMetAmongFiguresWithATarget() {
        Report report = new Report(figures);
        assertThat(report.targets()).isEqualTo(4);
        assertThat(report.met()).isEqualTo(1);
        assertThat(report.summaryLine()).isEqualTo("bench: 1/4 targets met");
    }

    @Test
    void table_hasAHeaderAndOneAlignedLinePerFigure_valueBesideTargetAndStatus() {
        List<String> table = new Report(figures).table();
        assertThat(table).hasSize(1 + figures.size());
        assertThat(table.get(0)).startsWith("phase").contains("figure", "value", "target", "status", "note");
        int statusColumn = table.get(0).indexOf("status");
        for (String line : table.subList(1, table.size())) {
            assertThat(line.substring(statusColumn)).matches("(met|MISSED|info).*");
        }
        assertThat(table.get(1)).contains("7 calls", "<= 7 calls", "met");
        assertThat(table.get(2)).contains("0.023 calls/task", "<= 0.010 calls/task", "MISSED",
                "composite/sobjects POST 23");
        assertThat(table.get(4)).contains(">= 900.0 s", "<= 120 s", "MISSED");
        assertThat(table.get(5)).contains("n/a", "MISSED", "failed: HTTP 500");
    }

    @Test
    void numbers_haveThousandsSeparatorsAndTheFiguresDecimals() {
        assertThat(Report.number(10000, 0)).isEqualTo("10,000");
        assertThat(Report.number(0.0125, 3)).isEqualTo("0.013");
        assertThat(Report.number(1.5, 2)).isEqualTo("1.50");
    }

    @Test
    void json_holdsEveryFigureWithTargetStatusAndTheSummary(@TempDir Path dir) throws Exception {
        Report report = new Report(figures);
        ObjectNode run = JSON.createObjectNode().put("scale", 0.1);
        ObjectNode phases = JSON.createObjectNode();
        phases.putObject("import").put("seconds", 12.5);
        Path file = dir.resolve("target/bench.json");
        report.writeJson(file, run, phases);

        JsonNode json = JSON.readTree(file.toFile());
        assertThat(json.path("run").path("scale").asDouble()).isEqualTo(0.1);
        assertThat(json.path("figures")).hasSize(figures.size());
        JsonNode second = json.path("figures").get(1);
        assertThat(second.path("phase").asText()).isEqualTo("creates");
        assertThat(second.path("value").asDouble()).isEqualTo(0.0234);
        assertThat(second.path("target").path("max").asDouble()).isEqualTo(0.01);
        assertThat(second.path("status").asText()).isEqualTo("MISSED");
        assertThat(json.path("figures").get(2).path("target").isNull()).isTrue();
        assertThat(json.path("figures").get(3).path("lowerBound").asBoolean()).isTrue();
        assertThat(json.path("figures").get(4).path("value").isNull()).isTrue();
        assertThat(json.path("phases").path("import").path("seconds").asDouble()).isEqualTo(12.5);
        assertThat(json.path("summary").path("met").asInt()).isEqualTo(1);
        assertThat(json.path("summary").path("targets").asInt()).isEqualTo(4);
        assertThat(json.path("summary").path("line").asText()).isEqualTo("bench: 1/4 targets met");
    }
}
