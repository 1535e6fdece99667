package com.salesconnect.tasksync.local.apigateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP API route selection: a route is {@code METHOD /path} where a segment may be {@code {name}} (one segment) or
 * a final {@code {name+}} (the rest). The most specific match wins, as in API Gateway: literal segments over
 * parameters over a greedy parameter, then an exact method over {@code ANY}.
 */
public final class RouteTable<T> {

    /** @param pathParameters decoded values by parameter name */
    public record Match<T>(String routeKey, T target, Map<String, String> pathParameters) {
    }

    private record Entry<T>(String method, String path, List<String> segments, T target) {
        String routeKey() {
            return method + " " + path;
        }
    }

    private final List<Entry<T>> entries = new ArrayList<>();

    public void add(String method, String path, T target) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a route path starts with /: " + path);
        }
        entries.add(new Entry<>(method, path, segments(path), target));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** @param path the decoded request path */
    public Optional<Match<T>> match(String method, String path) {
        List<String> actual = segments(path);
        return entries.stream()
                .filter(e -> e.method().equals("ANY") || e.method().equals(method))
                .map(e -> bind(e, actual).map(params -> new Candidate<>(e, params)))
                .flatMap(Optional::stream)
                .min(Comparator.comparing((Candidate<T> c) -> specificity(c.entry().segments()))
                        .thenComparing(c -> c.entry().method().equals("ANY") ? 1 : 0))
                .map(c -> new Match<>(c.entry().routeKey(), c.entry().target(), c.params()));
    }

    /** A route whose pattern fits the path, with the values bound. */
    private record Candidate<T>(Entry<T> entry, Map<String, String> params) {
    }

    private static Optional<Map<String, String>> bind(Entry<?> entry, List<String> actual) {
        Map<String, String> params = new LinkedHashMap<>();
        List<String> pattern = entry.segments();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.startsWith("{") && p.endsWith("+}")) {
                if (i >= actual.size()) {
                    return Optional.empty();
                }
                params.put(p.substring(1, p.length() - 2), String.join("/", actual.subList(i, actual.size())));
                return Optional.of(params);
            }
            if (i >= actual.size()) {
                return Optional.empty();
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                if (actual.get(i).isEmpty()) {
                    return Optional.empty();
                }
                params.put(p.substring(1, p.length() - 1), actual.get(i));
            } else if (!p.equals(actual.get(i))) {
                return Optional.empty();
            }
        }
        return pattern.size() == actual.size() ? Optional.of(params) : Optional.empty();
    }

    /** Lower sorts first: a literal segment scores 0, a parameter 1, a greedy parameter 2, compared in order. */
    private static String specificity(List<String> segments) {
        StringBuilder score = new StringBuilder();
        for (String s : segments) {
            score.append(s.endsWith("+}") ? '2' : s.startsWith("{") ? '1' : '0');
        }
        return score.toString();
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }
}
