package com.salesconnect.tasksync.local.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::Serverless::Function} of the template, with the Globals applied.
 *
 * @param environment variable name to its (unresolved) template value
 */
public record FunctionSpec(String logicalId, String handlerClass, String handlerMethod, Duration timeout,
                           int memoryMb, Map<String, JsonNode> environment, List<FunctionEvent> events,
                           AsyncInvokeSettings asyncInvoke) {

    public FunctionSpec {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        events = List.copyOf(events);
    }

    public <T extends FunctionEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
