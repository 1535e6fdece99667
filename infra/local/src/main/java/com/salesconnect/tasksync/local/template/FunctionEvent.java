package com.salesconnect.tasksync.local.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** The event sources of a function the local runtime emulates (SAM {@code Events}). */
public sealed interface FunctionEvent {

    String name();

    /**
     * An HTTP API route.
     *
     * @param authorizer the authorizer's name; empty for {@code Authorizer: NONE} (or an API without a default)
     */
    record HttpApiRoute(String name, String method, String path, Optional<String> authorizer)
            implements FunctionEvent {
    }

    /** A DynamoDB stream event source mapping. */
    record StreamSource(String name, JsonNode stream, StreamSettings settings) implements FunctionEvent {
    }

    /**
     * A schedule: {@code ScheduleV2} (EventBridge Scheduler) or {@code Schedule} (an EventBridge rule).
     *
     * @param input the target's Input (JSON text), null for the default payload
     */
    record Schedule(String name, String type, JsonNode expression, String input) implements FunctionEvent {
        public boolean scheduler() {
            return "ScheduleV2".equals(type);
        }
    }

    /**
     * An EventBridge rule on a bus.
     *
     * @param bus     the bus (a template value), null for the default bus
     * @param pattern the event pattern (a JSON object)
     */
    record BusRule(String name, JsonNode bus, JsonNode pattern) implements FunctionEvent {
    }
}
