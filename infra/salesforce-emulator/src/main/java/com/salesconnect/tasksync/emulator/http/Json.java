package com.salesconnect.tasksync.emulator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** JSON building blocks; the mapper is configured once and never changed (thread-safe, no mutable state). */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** The REST API's error body: {@code [{"message":..,"errorCode":..[,"fields":[..]]}]}. */
    public static ArrayNode restError(String errorCode, String message, List<String> fields) {
        ObjectNode e = object().put("message", message).put("errorCode", errorCode);
        if (!fields.isEmpty()) {
            ArrayNode f = e.putArray("fields");
            fields.forEach(f::add);
        }
        return array().add(e);
    }

    public static ArrayNode restError(String errorCode, String message) {
        return restError(errorCode, message, List.of());
    }
}
