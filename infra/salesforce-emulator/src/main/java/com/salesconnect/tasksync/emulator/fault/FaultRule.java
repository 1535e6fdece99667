package com.salesconnect.tasksync.emulator.fault;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * "The next {@code count} calls that match answer with this fault." A null method or path matches any;
 * {@code pathContains} is a substring of the request path (e.g. {@code "/composite/sobjects"}).
 */
public record FaultRule(FaultKind kind, int count, String method, String pathContains, Duration latency) {

    public FaultRule {
        Objects.requireNonNull(kind, "kind");
        if (count < 1) {
            throw new IllegalArgumentException("a fault applies to at least one call");
        }
        method = method == null ? null : method.toUpperCase(Locale.ROOT);
        latency = latency == null ? Duration.ZERO : latency;
        if (kind == FaultKind.LATENCY && latency.isZero()) {
            throw new IllegalArgumentException("a LATENCY fault needs a latency");
        }
    }

    public static FaultRule next(FaultKind kind, int count) {
        return new FaultRule(kind, count, null, null, null);
    }

    public static FaultRule latency(Duration latency, int count) {
        return new FaultRule(FaultKind.LATENCY, count, null, null, latency);
    }

    public FaultRule matching(String httpMethod, String pathFragment) {
        return new FaultRule(kind, count, httpMethod, pathFragment, latency);
    }

    boolean matches(String httpMethod, String path) {
        return (method == null || method.equalsIgnoreCase(httpMethod))
                && (pathContains == null || path.contains(pathContains));
    }

    FaultRule used() {
        return new FaultRule(kind, count - 1, method, pathContains, latency);
    }
}
