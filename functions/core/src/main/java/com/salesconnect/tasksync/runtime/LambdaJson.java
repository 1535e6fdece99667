package com.salesconnect.tasksync.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of a Lambda invocation, read into plain values and written from them with Jackson's streaming parser
 * and generator: objects are {@code Map<String, Object>} (in document order), arrays {@code List<Object>}, numbers
 * {@code Integer}, {@code Long}, {@code BigInteger} or {@code Double}, as Lambda's own serializer reads a
 * {@code Map} input. No object mapper and no reflection: a handler's first invocation loads a few classes where
 * the runtime's bean mapping loads hundreds.
 */
public final class LambdaJson {

    /** Thread-safe and immutable once built; shared like a constant. */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private LambdaJson() {
    }

    /**
     * Reads one JSON value; {@code null} for the JSON literal null.
     *
     * @throws IOException when the input is not JSON (the message names the problem, never the content)
     */
    public static Object read(InputStream input) throws IOException {
        try (JsonParser parser = FACTORY.createParser(input)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("the invocation has no event");
            }
            Object value = value(parser, first);
            if (parser.nextToken() != null) {
                throw new IOException("the event is followed by more content");
            }
            return value;
        }
    }

    /** Reads one JSON value from text (tests, SnapStart priming). */
    public static Object read(String json) {
        try {
            return read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    /** Reads an event that must be a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(InputStream input) throws IOException {
        Object value = read(input);
        if (!(value instanceof Map<?, ?>)) {
            throw new IOException("the event is not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.put(name, value(parser, parser.nextToken()));
                }
                expect(next, JsonToken.END_OBJECT);
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (next == null) {
                        throw new IOException("unterminated array");
                    }
                    array.add(value(parser, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> parser.getIntValue();
                    case LONG -> parser.getLongValue();
                    default -> parser.getBigIntegerValue();
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }

    /** Writes {@code value} (maps, lists, strings, numbers, booleans, null) as JSON; leaves the stream open. */
    public static void write(Object value, OutputStream output) throws IOException {
        try (JsonGenerator generator = FACTORY.createGenerator(output)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(generator, value);
        }
    }

    /** {@code value} as JSON text. */
    public static String toJson(Object value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            write(value, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            out.writeNumber(big);
        } else if (value instanceof BigDecimal decimal) {
            out.writeNumber(decimal);
        } else if (value instanceof Double || value instanceof Float) {
            out.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                write(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            out.writeStartArray();
            for (Object item : items) {
                write(out, item);
            }
            out.writeEndArray();
        } else if (value instanceof Enum<?> constant) {
            out.writeString(constant.name());
        } else {
            throw new IllegalArgumentException("no JSON form for a " + value.getClass().getSimpleName());
        }
    }
}
