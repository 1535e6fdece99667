package com.salesconnect.tasksync.bench.report;

/** A figure against its target. */
public enum Status {
    /** Within its target. */
    MET("met"),
    /** Over its target, or not measured (a phase that failed or ran out of time). */
    MISSED("MISSED"),
    /** No target: reported for information. */
    INFO("info");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
