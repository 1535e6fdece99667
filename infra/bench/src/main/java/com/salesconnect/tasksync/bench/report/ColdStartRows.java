package com.salesconnect.tasksync.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cold-start and jar-size rows from {@code infra/bench/cold-start}'s {@code cold-start.json}: per function the
 * median cold start as a ratio to the trivial handler's in the same run (target {@code targets.ratio}, 2.0; a
 * function with failed cold starts is not measured), its jar's size (target {@code targets.jarBytes}, 10 MB) and
 * its JVM's peak RSS over those runs ({@code peakRssMiB}, when measured), plus the trivial handler's own median.
 * Also read: a plain list of rows under {@code figures} (or {@code rows}), each with {@code name}, {@code value},
 * {@code unit} and {@code target}. Status is judged here as for every figure.
 */
public final class ColdStartRows {

    static final String PHASE = "cold-start";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdStartRows() {
    }

    public static List<Figure> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of(Figure.notMeasured(PHASE, "cold start and jar sizes", "", Target.NONE,
                    "not measured: " + file + " not found (infra/bench/cold-start writes it)"));
        }
        try {
            return parse(JSON.readTree(file.toFile()));
        } catch (IOException | RuntimeException e) {
            return List.of(Figure.notMeasured(PHASE, "cold start and jar sizes", "", Target.NONE,
                    "not measured: " + file + " is not readable (" + e.getClass().getSimpleName() + ")"));
        }
    }

    static List<Figure> parse(JsonNode root) {
        if (root.has("functions") && root.get("functions").isArray()) {
            return functions(root);
        }
        JsonNode rows = root.isArray() ? root : root.has("figures") ? root.get("figures") : root.path("rows");
        if (!rows.isArray()) {
            throw new IllegalArgumentException("no figures array");
        }
        List<Figure> out = new ArrayList<>();
        for (JsonNode row : rows) {
            String name = text(row, "name", text(row, "figure", "?"));
            String unit = text(row, "unit", "");
            JsonNode t = row.get("target");
            Target target = t == null || t.isNull() ? Target.NONE
                    : t.isNumber() ? Target.atMost(t.asDouble())
                    : t.has("max") ? Target.atMost(t.get("max").asDouble()) : Target.NONE;
            JsonNode v = row.get("value");
            String note = text(row, "note", "");
            if (v == null || !v.isNumber()) {
                out.add(Figure.notMeasured(PHASE, name, unit, target, note.isEmpty() ? "not measured" : note));
                continue;
            }
            int decimals = row.has("decimals") ? row.get("decimals").asInt() : v.isIntegralNumber() ? 0 : 2;
            out.add(new Figure(PHASE, name, v.asDouble(), unit, decimals, target,
                    row.path("lowerBound").asBoolean(false), note));
        }
        return out;
    }

    /** The cold-start script's own format: {@code trivial}, {@code functions[]}, {@code targets}. */
    private static List<Figure> functions(JsonNode root) {
        double maxRatio = root.path("targets").path("ratio").asDouble(2.0);
        double maxMb = root.path("targets").path("jarBytes").asDouble(10_000_000) / 1e6;
        JsonNode trivial = root.path("trivial");
        int runs = root.path("runs").asInt(0);
        List<Figure> out = new ArrayList<>();
        double trivialSeconds = trivial.path("medianSeconds").asDouble(Double.NaN);
        out.add(Double.isNaN(trivialSeconds)
                ? Figure.notMeasured(PHASE, "trivial handler: cold start", "s", Target.NONE, "no cold start answered")
                : Figure.info(PHASE, "trivial handler: cold start", trivialSeconds, "s", 2)
                .withNote("median of " + runs + ", JVM launch to first response (runtime interface client)"
                        + jvm(root.path("jvm"))));
        for (JsonNode f : root.get("functions")) {
            String name = text(f, "function", text(f, "logicalId", "?"));
            int failures = f.path("failures").asInt(0);
            JsonNode ratio = f.get("ratio");
            String ratioName = name + ": cold start / trivial handler";
            if (ratio == null || !ratio.isNumber() || failures > 0) {
                out.add(Figure.notMeasured(PHASE, ratioName, "x", Target.atMost(maxRatio), failures + " of " + runs
                        + " cold starts failed" + (ratio != null && ratio.isNumber() ? " (ratio " + ratio + ")" : "")));
            } else {
                out.add(Figure.of(PHASE, ratioName, ratio.asDouble(), "x", 2, Target.atMost(maxRatio))
                        .withNote(String.format(java.util.Locale.ROOT, "median %.3f s vs %.3f s, %d runs",
                                f.path("medianSeconds").asDouble(), trivialSeconds, runs)));
            }
            JsonNode bytes = f.get("jarBytes");
            if (bytes != null && bytes.isNumber()) {
                out.add(Figure.of(PHASE, name + ".jar size", bytes.asDouble() / 1e6, "MB", 2, Target.atMost(maxMb))
                        .withNote(String.format(java.util.Locale.ROOT, "%.2f MiB", bytes.asDouble() / 1048576)));
            }
            JsonNode rss = f.get("peakRssMiB");
            if (rss != null && rss.isNumber()) {
                JsonNode trivialRss = trivial.get("peakRssMiB");
                out.add(Figure.info(PHASE, name + ": peak RSS, its own JVM", rss.asDouble(), "MiB", 0)
                        .withNote("VmHWM after a cold start and one warm invocation, highest of " + runs + " runs"
                                + (trivialRss != null && trivialRss.isNumber()
                                ? String.format(java.util.Locale.ROOT, " (trivial handler %.0f MiB)",
                                trivialRss.asDouble()) : "")));
            }
        }
        return out;
    }

    /** {@code ", on <JVM>"}, and whether it is not the version template.yaml's runtime names; empty if unknown. */
    private static String jvm(JsonNode jvm) {
        String version = text(jvm, "version", "");
        if (version.isEmpty()) {
            return "";
        }
        int major = jvm.path("major").asInt(0);
        int runtime = jvm.path("templateRuntime").asInt(major);
        return ", on " + version + (runtime == major ? "" : " (not template.yaml's java" + runtime + ")");
    }

    private static String text(JsonNode row, String field, String otherwise) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() ? otherwise : v.asText();
    }
}
