package com.salesconnect.tasksync.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's result: one table (each figure beside its target and met / MISSED / info), the closing line
 * {@code bench: <met>/<total> targets met}, and the same figures as JSON for comparing runs.
 */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] HEADER = {"phase", "figure", "value", "target", "status", "note"};

    private final List<Figure> figures;

    public Report(List<Figure> figures) {
        this.figures = List.copyOf(figures);
    }

    public List<Figure> figures() {
        return figures;
    }

    public int targets() {
        return (int) figures.stream().filter(f -> f.target().present()).count();
    }

    public int met() {
        return (int) figures.stream().filter(f -> f.status() == Status.MET).count();
    }

    /** The last line of the output. */
    public String summaryLine() {
        return "bench: " + met() + "/" + targets() + " targets met";
    }

    /** The table, one line per figure under a header; columns padded to their widest cell, the note last. */
    public List<String> table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Figure f : figures) {
            rows.add(new String[]{f.phase(), f.name(), value(f), target(f), f.status().label(), f.note()});
        }
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean last = i == row.length - 1;
                String cell = i == 2 || i == 3 ? padLeft(row[i], width[i]) : last ? row[i] : padRight(row[i], width[i]);
                line.append(cell);
                if (!last) {
                    line.append("  ");
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** The figures and the run's details as JSON. */
    public ObjectNode json(ObjectNode run, ObjectNode phases) {
        ObjectNode root = JSON.createObjectNode();
        root.set("run", run);
        ArrayNode list = root.putArray("figures");
        for (Figure f : figures) {
            ObjectNode o = list.addObject();
            o.put("phase", f.phase());
            o.put("name", f.name());
            if (f.measured()) {
                o.put("value", BigDecimal.valueOf(f.value()).setScale(Math.max(f.decimals(), 4), RoundingMode.HALF_UP)
                        .stripTrailingZeros());
            } else {
                o.putNull("value");
            }
            o.put("unit", f.unit());
            if (f.target().present()) {
                o.putObject("target").put("max", f.target().max());
            } else {
                o.putNull("target");
            }
            o.put("status", f.status().label());
            o.put("lowerBound", f.lowerBound());
            o.put("note", f.note());
        }
        root.set("phases", phases);
        root.putObject("summary").put("met", met()).put("targets", targets()).put("line", summaryLine());
        return root;
    }

    public void writeJson(Path file, ObjectNode run, ObjectNode phases) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, JSON.writeValueAsString(json(run, phases)) + "\n");
    }

    static String value(Figure f) {
        if (!f.measured()) {
            return "n/a";
        }
        String number = number(f.value(), f.decimals());
        String unit = f.unit().isEmpty() ? "" : " " + f.unit();
        return (f.lowerBound() ? ">= " : "") + number + unit;
    }

    static String target(Figure f) {
        if (!f.target().present()) {
            return "";
        }
        int decimals = f.target().max() == Math.rint(f.target().max()) ? 0 : Math.max(f.decimals(), 2);
        return "<= " + number(f.target().max(), decimals) + (f.unit().isEmpty() ? "" : " " + f.unit());
    }

    static String number(double value, int decimals) {
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    private static String padRight(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }
}
