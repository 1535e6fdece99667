package com.salesconnect.tasksync.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cold-start and jar-size rows that {@code infra/bench/cold-start} writes to {@code cold-start.json}: an array
 * of rows under {@code figures} (or {@code rows}), each with a {@code name}, a {@code value} (null: not measured),
 * a {@code unit} and a {@code target} (a number, {@code {"max": n}}, or null). Their status is judged here as for
 * every other figure.
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

    private static String text(JsonNode row, String field, String otherwise) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() ? otherwise : v.asText();
    }
}
