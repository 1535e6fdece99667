package com.salesconnect.tasksync.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of one invocation in memory, grouped by dimensions as they will be written (one EMF document per
 * group); also the tests' fake. Thread-safe.
 */
public final class MetricRecorder implements SyncMetrics {

    /** A metric's unit, as CloudWatch names it. */
    public enum Unit { Count, Milliseconds, Seconds, Percent }

    /** One metric's values in one group. */
    public record Metric(String name, Unit unit, List<Double> values) {
        public double sum() {
            return values.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** Metrics sharing the same dimensions (name -> value, in order). */
    public record Group(Map<String, String> dimensions, Map<String, Metric> metrics) {
    }

    private final Map<Map<String, String>, Group> groups = new LinkedHashMap<>();

    @Override
    public void changeApplied(Direction direction, String kind) {
        add(Map.of("Direction", direction.dimension(), "Kind", kind), "ChangesApplied", Unit.Count, 1);
    }

    @Override
    public void changeIgnored(Direction direction, String reason) {
        add(Map.of("Direction", direction.dimension(), "Reason", reason), "ChangesIgnored", Unit.Count, 1);
    }

    @Override
    public void conflict(String winner) {
        add(Map.of(), "Conflicts", Unit.Count, 1);
    }

    @Override
    public void pushDeferred(String reason) {
        add(Map.of(), "PushesDeferred", Unit.Count, 1);
    }

    @Override
    public void pushGivenUp() {
        add(Map.of(), "PushGiveUps", Unit.Count, 1);
    }

    @Override
    public void changeLag(Direction direction, Duration lag) {
        add(Map.of("Direction", direction.dimension()), "ChangeLag", Unit.Milliseconds,
                Math.max(0, lag.toMillis()));
    }

    @Override
    public void firstSyncDuration(Duration duration) {
        add(Map.of(), "FirstSyncDuration", Unit.Seconds, duration.toMillis() / 1000.0);
    }

    @Override
    public void salesforceCall(double remainingPercent) {
        add(Map.of(), "SalesforceApiCalls", Unit.Count, 1);
        if (remainingPercent >= 0) {
            add(Map.of(), "OrgApiRemaining", Unit.Percent, remainingPercent);
        }
    }

    @Override
    public void orgThrottled() {
        add(Map.of(), "ThrottledOrgs", Unit.Count, 1);
    }

    private synchronized void add(Map<String, String> dimensions, String name, Unit unit, double value) {
        Map<String, String> key = new LinkedHashMap<>(new java.util.TreeMap<>(dimensions));
        Group group = groups.computeIfAbsent(key, k -> new Group(k, new LinkedHashMap<>()));
        group.metrics().computeIfAbsent(name, n -> new Metric(n, unit, new ArrayList<>())).values().add(value);
    }

    /** What was recorded, by group; a copy. */
    public synchronized List<Group> groups() {
        List<Group> copy = new ArrayList<>();
        for (Group group : groups.values()) {
            Map<String, Metric> metrics = new LinkedHashMap<>();
            group.metrics().forEach((name, m) -> metrics.put(name, new Metric(name, m.unit(), List.copyOf(m.values()))));
            copy.add(new Group(group.dimensions(), metrics));
        }
        return copy;
    }

    /** The sum of a metric's values over every group whose dimensions include {@code dimensions}. */
    public synchronized double sum(String name, Map<String, String> dimensions) {
        double sum = 0;
        for (Group group : groups.values()) {
            Metric metric = group.metrics().get(name);
            if (metric != null && group.dimensions().entrySet().containsAll(dimensions.entrySet())) {
                sum += metric.sum();
            }
        }
        return sum;
    }

    public synchronized boolean isEmpty() {
        return groups.isEmpty();
    }

    public synchronized void clear() {
        groups.clear();
    }
}
