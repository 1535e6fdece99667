package com.salesconnect.tasksync.bench.meter;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The meter's counts at one moment; the difference of two is what happened in between. */
public record MeterSnapshot(Map<MeterKey, Tally> tallies) {

    public static final MeterSnapshot EMPTY = new MeterSnapshot(Map.of());

    public MeterSnapshot {
        tallies = Map.copyOf(tallies);
    }

    /** What was counted after {@code earlier}. */
    public MeterSnapshot since(MeterSnapshot earlier) {
        Map<MeterKey, Tally> out = new TreeMap<>();
        tallies.forEach((k, t) -> {
            Tally d = t.minus(earlier.tallies.getOrDefault(k, Tally.ZERO));
            if (d.requests() != 0 || d.failures() != 0) {
                out.put(k, d);
            }
        });
        return new MeterSnapshot(out);
    }

    /** Everything but the benchmark's own observing. */
    public Tally system() {
        return total(k -> !k.caller().equals(Callers.OBSERVER));
    }

    public Tally total(Predicate<MeterKey> which) {
        return tallies.entrySet().stream().filter(e -> which.test(e.getKey())).map(Map.Entry::getValue)
                .reduce(Tally.ZERO, Tally::plus);
    }

    /** Requests by caller (observer left out), most first. */
    public Map<String, Tally> byCaller() {
        return grouped(MeterKey::caller);
    }

    /** Requests by operation (observer left out), most first. */
    public Map<String, Tally> byOperation() {
        return grouped(MeterKey::operation);
    }

    /** Requests by "caller operation" (observer left out), most first. */
    public Map<String, Tally> byCallerAndOperation() {
        return grouped(k -> k.caller() + " " + k.operation());
    }

    private Map<String, Tally> grouped(Function<MeterKey, String> by) {
        Map<String, Tally> sums = tallies.entrySet().stream()
                .filter(e -> !e.getKey().caller().equals(Callers.OBSERVER))
                .collect(Collectors.toMap(e -> by.apply(e.getKey()), Map.Entry::getValue, Tally::plus));
        return sums.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Tally> e) -> e.getValue().requests()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
