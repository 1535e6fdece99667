package com.salesconnect.tasksync.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The benchmark's phases, in the order they run. */
public enum Phase {
    IMPORT("first import of the small and the large user's Salesforce tasks"),
    CREATES("a burst of Sales Connect creates per user, until all are in Salesforce"),
    EDITS("as many Sales Connect edits of those tasks"),
    DELETES("as many Sales Connect deletions of them"),
    INBOUND("Salesforce-side creates arriving by outbound messages, per user"),
    READS("GET /command-center and GET /tasks for the large user (p95)"),
    CDC("an hour of idle sweep ticks in an org whose change events flow, beside an org without them"),
    IDLE("idle sweep ticks with 1, 50 and 500 enabled users in one org"),
    FANOUT("one sweep tick over 10,000 enabled users"),
    COLDSTART("cold start and jar size rows from infra/bench/cold-start");

    private final String description;

    Phase(String description) {
        this.description = description;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /** Phases that need the small and large users connected and holding their imported tasks. */
    public boolean needsHoldingUsers() {
        return this == IMPORT || this == CREATES || this == EDITS || this == DELETES || this == INBOUND
                || this == READS;
    }

    public static Optional<Phase> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.label().equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(Phase::label).collect(Collectors.joining(","));
    }
}
