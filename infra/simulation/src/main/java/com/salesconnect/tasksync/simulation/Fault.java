package com.salesconnect.tasksync.simulation;

import java.util.Objects;

/** A fault armed on one invocation: it fires at the {@code at}-th call of its kind's target (1-based). */
public record Fault(FaultKind kind, int at) {

    public Fault {
        Objects.requireNonNull(kind, "kind");
        if (!kind.armable() || at < 1) {
            throw new IllegalArgumentException("not an armable fault: " + kind + "@" + at);
        }
    }

    @Override
    public String toString() {
        return kind + "@" + at;
    }

    public static Fault parse(String text) {
        int sep = text.indexOf('@');
        return new Fault(FaultKind.valueOf(text.substring(0, sep)), Integer.parseInt(text.substring(sep + 1)));
    }
}
