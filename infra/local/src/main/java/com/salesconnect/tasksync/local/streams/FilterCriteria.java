package com.salesconnect.tasksync.local.streams;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** An event source mapping's FilterCriteria: a record is passed on when any pattern matches; none means all pass. */
public record FilterCriteria(List<FilterPattern> patterns) {

    public static final FilterCriteria NONE = new FilterCriteria(List.of());

    public FilterCriteria {
        patterns = List.copyOf(patterns);
    }

    public static FilterCriteria parse(List<String> patterns) {
        return new FilterCriteria(patterns.stream().map(FilterPattern::parse).toList());
    }

    public boolean accepts(JsonNode record) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matches(record));
    }
}
