package com.salesconnect.tasksync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.json.JsonTrees;
import com.salesconnect.tasksync.task.SfTask;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the JSON of Salesforce's REST API: Task records, error arrays, collection results.
 * A response that does not have the documented shape is reported as {@link UnreadableResponse}. Trees are read and
 * written by {@link JsonTrees} (what a default object mapper reads and writes, without building one).
 */
final class SfJson {

    private static final JsonNodeFactory NODES = JsonTrees.nodes();

    SfJson() {
    }

    /** Salesforce answered something this client cannot read: its body is never part of the message. */
    static final class UnreadableResponse extends RuntimeException {
        UnreadableResponse(String what) {
            super(what);
        }
    }

    JsonNode read(String body) {
        try {
            JsonNode node = JsonTrees.read(body);
            if (node == null || node.isMissingNode()) {
                throw new UnreadableResponse("empty response body");
            }
            return node;
        } catch (IOException e) {
            throw new UnreadableResponse("response is not JSON");
        }
    }

    String write(JsonNode node) {
        return JsonTrees.write(node);
    }

    ObjectNode object() {
        return NODES.objectNode();
    }

    ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * The error array of a failed REST call ({@code [{message, errorCode, fields}]}). Anything else (an HTML error
     * page from a proxy, an empty body) yields no errors rather than failing: the status still says what happened.
     */
    List<SfError> errors(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        JsonNode node;
        try {
            node = JsonTrees.read(body);
        } catch (IOException e) {
            return List.of();
        }
        List<SfError> errors = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode e : node) {
                if (e.isObject()) {
                    errors.add(error(e));
                }
            }
        } else if (node != null && node.isObject() && node.has("errorCode")) {
            errors.add(error(node));
        }
        return errors;
    }

    /** One error: REST calls name the code {@code errorCode}, collection results {@code statusCode}. */
    SfError error(JsonNode e) {
        String code = text(e, e.has("statusCode") ? "statusCode" : "errorCode");
        List<String> fields = new ArrayList<>();
        JsonNode f = e.get("fields");
        if (f != null && f.isArray()) {
            f.forEach(n -> fields.add(n.asText()));
        }
        return new SfError(code == null ? "UNKNOWN" : code, text(e, "message"), fields);
    }

    /** A Task record of a query answer; {@code attributes}, relationships and unselected fields are ignored. */
    SfTask task(JsonNode r) {
        if (!r.isObject()) {
            throw new UnreadableResponse("a record is not an object");
        }
        String id = text(r, "Id");
        if (id == null) {
            throw new UnreadableResponse("a record has no Id");
        }
        try {
            return new SfTask(id, text(r, "OwnerId"), text(r, "Subject"), text(r, "Description"),
                    date(r, "ActivityDate"), text(r, "Status"), bool(r, "IsClosed"), text(r, "Priority"),
                    dateTime(r, "ReminderDateTime"), bool(r, "IsReminderSet"), text(r, "TaskSubtype"),
                    text(r, "WhoId"), text(r, "WhatId"), dateTime(r, "CreatedDate"), dateTime(r, "LastModifiedDate"),
                    dateTime(r, "SystemModstamp"), bool(r, "IsDeleted"), bool(r, "IsRecurrence"),
                    text(r, "CreatedById"));
        } catch (IllegalArgumentException e) {
            throw new UnreadableResponse("a Task record has a field of the wrong type: " + e.getMessage());
        }
    }

    /** The JSON value of one write: dates as yyyy-MM-dd, date-times as ISO UTC with millis, null clears. */
    JsonNode value(String field, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof LocalDate d) {
            return NODES.textNode(SfDates.formatDate(d));
        }
        if (value instanceof Instant i) {
            return NODES.textNode(SfDates.formatDateTime(i));
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof BigInteger i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("field " + field + " is not a finite number");
            }
            return NODES.numberNode(d);
        }
        throw new IllegalArgumentException("field " + field + " has an unsupported type "
                + value.getClass().getSimpleName());
    }

    ObjectNode record(Map<String, Object> fields, String id) {
        ObjectNode record = object();
        record.putObject("attributes").put("type", "Task");
        if (id != null) {
            record.put("Id", id);
        }
        fields.forEach((name, value) -> record.set(name, value(name, value)));
        return record;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(field);
        }
        return v.asText();
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(field);
        }
        return v.booleanValue();
    }

    static LocalDate date(JsonNode node, String field) {
        String v = text(node, field);
        try {
            return v == null ? null : SfDates.parseDate(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field);
        }
    }

    static Instant dateTime(JsonNode node, String field) {
        String v = text(node, field);
        try {
            return v == null ? null : SfDates.parseDateTime(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field);
        }
    }
}
