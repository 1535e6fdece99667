package com.salesconnect.tasksync.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Typed reads of {@link LambdaJson} objects for the event mappings. A missing field or a JSON null is
 * {@code null}; a field of another JSON type fails with {@link IllegalArgumentException} naming the field.
 * Scalars are read as text where the events declare text (as Lambda's serializer coerces them).
 */
final class JsonFields {

    private JsonFields() {
    }

    static String text(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw wrongType(field, "text");
    }

    static boolean bool(Map<String, Object> json, String field) {
        Boolean value = boolOrNull(json, field);
        return value != null && value;
    }

    static Boolean boolOrNull(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof String text && (text.equals("true") || text.equals("false"))) {
            return Boolean.valueOf(text);
        }
        throw wrongType(field, "a boolean");
    }

    static long longValue(Map<String, Object> json, String field) {
        Long value = longOrNull(json, field);
        return value == null ? 0L : value;
    }

    static Long longOrNull(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw wrongType(field, "a number");
            }
        }
        throw wrongType(field, "a number");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value == null || value instanceof Map<?, ?>) {
            return (Map<String, Object>) value;
        }
        throw wrongType(field, "an object");
    }

    /**
     * Reads the object at {@code field} with {@code reader} and hands the result to {@code setter}; nothing happens
     * when the field is missing or null, so the target keeps its default.
     */
    static <T> void object(Map<String, Object> json, String field, Function<Map<String, Object>, T> reader,
                           Consumer<T> setter) {
        Map<String, Object> value = object(json, field);
        if (value != null) {
            setter.accept(reader.apply(value));
        }
    }

    static List<?> list(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value == null || value instanceof List<?>) {
            return (List<?>) value;
        }
        throw wrongType(field, "an array");
    }

    static List<String> texts(Map<String, Object> json, String field) {
        List<?> values = list(json, field);
        if (values == null) {
            return null;
        }
        List<String> texts = new ArrayList<>(values.size());
        for (Object value : values) {
            texts.add(scalarText(value, field));
        }
        return texts;
    }

    static Map<String, String> textMap(Map<String, Object> json, String field) {
        Map<String, Object> values = object(json, field);
        if (values == null) {
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        values.forEach((name, value) -> texts.put(name, scalarText(value, field)));
        return texts;
    }

    private static String scalarText(Object value, String field) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw wrongType(field, "text values");
    }

    private static IllegalArgumentException wrongType(String field, String expected) {
        return new IllegalArgumentException("field " + field + " is not " + expected);
    }
}
