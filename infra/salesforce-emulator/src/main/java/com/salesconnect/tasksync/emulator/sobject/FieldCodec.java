package com.salesconnect.tasksync.emulator.sobject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Converts field values between the wire (JSON, SOAP text, admin-API Java values) and the emulator's typed
 * values. A value of the wrong shape is what Salesforce's JSON deserializer rejects: {@code JSON_PARSER_ERROR}.
 */
public final class FieldCodec {

    private static final int ECHO_LIMIT = 80;

    private FieldCodec() {
    }

    /** A JSON value for this field as a typed value; empty text becomes null, as Salesforce stores it. */
    public static Object fromJson(FieldDef field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            throw parserError(field, node.getNodeType().name(), node.toString());
        }
        return switch (field.type()) {
            case ID, REFERENCE, STRING, TEXTAREA, PICKLIST -> emptyToNull(node.asText());
            case BOOLEAN -> {
                if (node.isBoolean()) {
                    yield node.booleanValue();
                }
                yield parseBoolean(field, node.asText());
            }
            case DATE -> {
                if (!node.isTextual()) {
                    throw parserError(field, "VALUE_NUMBER_INT", node.asText());
                }
                yield date(field, node.asText());
            }
            case DATETIME -> {
                if (!node.isTextual()) {
                    throw parserError(field, "VALUE_NUMBER_INT", node.asText());
                }
                yield dateTime(field, node.asText());
            }
            case INT -> {
                if (!node.canConvertToInt()) {
                    throw parserError(field, "VALUE_STRING", node.asText());
                }
                yield node.intValue();
            }
        };
    }

    /**
     * An admin-API Java value for this field: the typed value itself (String, LocalDate, Instant, Boolean,
     * Integer) or its text as REST would take it.
     */
    public static Object fromJava(FieldDef field, Object value) {
        if (value == null) {
            return null;
        }
        return switch (field.type()) {
            case ID, REFERENCE, STRING, TEXTAREA, PICKLIST -> emptyToNull(value.toString());
            case BOOLEAN -> value instanceof Boolean b ? b : parseBoolean(field, value.toString());
            case DATE -> value instanceof LocalDate d ? d : date(field, value.toString());
            case DATETIME -> value instanceof Instant i ? SfTime.truncate(i) : dateTime(field, value.toString());
            case INT -> value instanceof Integer i ? i : Integer.valueOf(value.toString());
        };
    }

    /** The REST JSON form of a typed value. */
    public static JsonNode toJson(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof Instant i) {
            return f.textNode(SfTime.rest(i));
        }
        return f.textNode(value.toString());
    }

    /** The SOAP (outbound message) text of a typed value. */
    public static String toSoap(Object value) {
        if (value instanceof Instant i) {
            return SfTime.soap(i);
        }
        return value.toString();
    }

    private static Object emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private static Boolean parseBoolean(FieldDef field, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw parserError(field, "VALUE_STRING", text);
        };
    }

    private static LocalDate date(FieldDef field, String text) {
        return SfTime.parseDate(text).orElseThrow(() -> parserError(field, "VALUE_STRING", text));
    }

    private static Instant dateTime(FieldDef field, String text) {
        return SfTime.parseDateTime(text).orElseThrow(() -> parserError(field, "VALUE_STRING", text));
    }

    private static ApiRequestException parserError(FieldDef field, String token, String text) {
        String shown = text.length() > ECHO_LIMIT ? text.substring(0, ECHO_LIMIT) + "..." : text;
        String type = switch (field.type()) {
            case DATE -> "date";
            case DATETIME -> "datetime";
            case BOOLEAN -> "boolean";
            case INT -> "int";
            default -> "string";
        };
        return new ApiRequestException(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of " + type
                + " from " + token + " value " + shown + " or request may be missing a required field");
    }
}
