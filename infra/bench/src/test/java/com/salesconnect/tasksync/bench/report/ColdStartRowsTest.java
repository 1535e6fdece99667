package com.salesconnect.tasksync.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ColdStartRowsTest {

    @Test
    void rowsOfTheColdStartScript_becomeFiguresJudgedByTheirTargets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cold-start.json");
        Files.writeString(file, """
                {"figures": [
                  {"name": "enable-sync cold start / trivial handler", "value": 2.9, "unit": "x", "target": {"max": 2.0}},
                  {"name": "enable-sync.jar", "value": 9.6, "unit": "MiB", "target": 10, "note": "shaded"},
                  {"name": "trivial handler cold start", "value": 412, "unit": "ms", "target": null},
                  {"name": "sweep cold start", "value": null, "unit": "x", "target": 2.0, "note": "did not answer"}
                ]}""");
        List<Figure> rows = ColdStartRows.read(file);
        assertThat(rows).extracting(Figure::status)
                .containsExactly(Status.MISSED, Status.MET, Status.INFO, Status.MISSED);
        assertThat(rows).allMatch(f -> f.phase().equals("cold-start"));
        assertThat(rows.get(1).note()).isEqualTo("shaded");
        assertThat(rows.get(3).note()).isEqualTo("did not answer");
        assertThat(rows.get(2).decimals()).isZero();
    }

    @Test
    void aMissingFile_isOneInformationRowSayingSo(@TempDir Path dir) {
        List<Figure> rows = ColdStartRows.read(dir.resolve("nothing.json"));
        assertThat(rows).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.INFO);
            assertThat(f.note()).contains("not measured", "infra/bench/cold-start");
        });
    }

    @Test
    void aBareArrayOrRows_areReadToo() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(ColdStartRows.parse(json.readTree("[{\"name\": \"a\", \"value\": 1}]"))).hasSize(1);
        assertThat(ColdStartRows.parse(json.readTree("{\"rows\": [{\"name\": \"a\", \"value\": 1}]}"))).hasSize(1);
    }

    @Test
    void theColdStartScriptsOwnJson_givesARatioAndAJarRowPerFunction() throws Exception {
        String json = """
                {"runs": 5, "targets": {"jarBytes": 10000000, "ratio": 2.0},
                 "trivial": {"medianSeconds": 1.2, "failures": 0},
                 "functions": [
                   {"function": "enable-sync", "jarBytes": 9500000, "medianSeconds": 2.8, "ratio": 2.33, "failures": 0},
                   {"function": "reconciliation-sweep", "jarBytes": 15400000, "medianSeconds": 2.2, "ratio": 1.83,
                    "failures": 0},
                   {"function": "salesforce-inbound", "jarBytes": 6403723, "medianSeconds": null, "ratio": null,
                    "failures": 1}
                 ]}""";
        List<Figure> rows = ColdStartRows.parse(new ObjectMapper().readTree(json));
        assertThat(rows).extracting(Figure::name).containsExactly("trivial handler: cold start",
                "enable-sync: cold start / trivial handler", "enable-sync.jar size",
                "reconciliation-sweep: cold start / trivial handler", "reconciliation-sweep.jar size",
                "salesforce-inbound: cold start / trivial handler", "salesforce-inbound.jar size");
        assertThat(rows).extracting(Figure::status).containsExactly(Status.INFO, Status.MISSED, Status.MET,
                Status.MET, Status.MISSED, Status.MISSED, Status.MET);
        assertThat(rows.get(2).value()).isEqualTo(9.5);
        assertThat(rows.get(5).note()).contains("1 of 5 cold starts failed");
        assertThat(rows.get(0).note()).doesNotContain(", on ");
    }

    @Test
    void aFunctionsPeakRss_isAnInformationRowInMiB_besideTheTrivialHandlers() throws Exception {
        String json = """
                {"runs": 5, "trivial": {"medianSeconds": 0.44, "peakRssMiB": 61.2},
                 "functions": [
                   {"function": "task-stream-outbound", "jarBytes": 9170000, "medianSeconds": 1.34, "ratio": 3.03,
                    "failures": 0, "peakRssMiB": 187.4},
                   {"function": "enable-sync", "jarBytes": 9460000, "medianSeconds": 1.05, "ratio": 2.38,
                    "failures": 0}
                 ]}""";
        List<Figure> rows = ColdStartRows.parse(new ObjectMapper().readTree(json));
        assertThat(rows).extracting(Figure::name).containsExactly("trivial handler: cold start",
                "task-stream-outbound: cold start / trivial handler", "task-stream-outbound.jar size",
                "task-stream-outbound: peak RSS, its own JVM",
                "enable-sync: cold start / trivial handler", "enable-sync.jar size");
        Figure rss = rows.get(3);
        assertThat(rss.status()).isEqualTo(Status.INFO);
        assertThat(rss.value()).isEqualTo(187.4);
        assertThat(rss.unit()).isEqualTo("MiB");
        assertThat(rss.note()).contains("highest of 5 runs", "trivial handler 61 MiB");
    }

    @Test
    void theTrivialRow_namesTheJvm_andSaysWhenItIsNotTheTemplatesRuntime() throws Exception {
        String on25 = """
                {"runs": 3, "trivial": {"medianSeconds": 0.5}, "functions": [],
                 "jvm": {"java": "java", "major": 25, "version": "Eclipse Adoptium 25.0.3+9-LTS", "templateRuntime": 25}}""";
        String on17 = on25.replace("\"major\": 25", "\"major\": 17").replace("Adoptium 25.0.3+9", "Adoptium 17.0.9+9");
        ObjectMapper json = new ObjectMapper();
        assertThat(ColdStartRows.parse(json.readTree(on25)).get(0).note())
                .endsWith(", on Eclipse Adoptium 25.0.3+9-LTS");
        assertThat(ColdStartRows.parse(json.readTree(on17)).get(0).note())
                .endsWith(", on Eclipse Adoptium 17.0.9+9-LTS (not template.yaml's java25)");
    }
}
