package com.salesconnect.tasksync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.bench.report.Figure;

import java.util.ArrayList;
import java.util.List;

/** The figures measured so far, in table order, and each phase's details for the JSON. */
public final class Results {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Figure> figures = new ArrayList<>();
    private final ObjectNode details = JSON.createObjectNode();

    public void add(Figure figure) {
        figures.add(figure);
    }

    public void addAll(List<Figure> more) {
        figures.addAll(more);
    }

    /** The details object of a phase (made on first use). */
    public ObjectNode details(String phase) {
        return details.has(phase) ? (ObjectNode) details.get(phase) : details.putObject(phase);
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    public ObjectNode details() {
        return details;
    }
}
