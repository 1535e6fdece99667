package com.salesconnect.tasksync.awsengine;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a CloudFormation / SAM template into a JSON tree, turning the short-form intrinsic tags into their
 * long form ({@code !Ref X} becomes {"Ref": "X"}, {@code !GetAtt A.B} becomes {"Fn::GetAtt": ["A", "B"]},
 * {@code !Sub s} becomes {"Fn::Sub": s}), so a reader can tell a literal from a reference.
 */
public final class CloudFormationYaml {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudFormationYaml() {
    }

    /** The template at {@code path}, intrinsics in long form (e.g. to validate it against a JSON schema). */
    public static JsonNode read(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public static JsonNode read(Reader reader) throws IOException {
        try (YAMLParser parser = YAML.createParser(reader)) {
            JsonToken first = parser.nextToken();
            return first == null ? NODES.objectNode() : value(parser);
        }
    }

    /** Reads the value at the parser's current token, including everything nested in it. */
    private static JsonNode value(YAMLParser parser) throws IOException {
        String tag = intrinsicTag(parser.getTypeId());
        JsonNode value = switch (parser.currentToken()) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            // Integers stay integral, so a JSON schema's "type": "integer" accepts them.
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected YAML token " + parser.currentToken());
        };
        return tag == null ? value : longForm(tag, value);
    }

    private static ObjectNode object(YAMLParser parser) throws IOException {
        ObjectNode node = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            node.set(field, value(parser));
        }
        return node;
    }

    private static ArrayNode array(YAMLParser parser) throws IOException {
        ArrayNode node = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            node.add(value(parser));
        }
        return node;
    }

    /** The CloudFormation function a tag names, or null for no tag and YAML's own tags ({@code !!str}). */
    private static String intrinsicTag(String typeId) {
        if (typeId == null || typeId.isBlank() || typeId.contains(":")) {
            return null;
        }
        return typeId.startsWith("!") ? typeId.substring(1) : typeId;
    }

    private static JsonNode longForm(String tag, JsonNode value) {
        if (tag.equals("Ref") || tag.equals("Condition")) {
            return NODES.objectNode().set(tag, value);
        }
        JsonNode argument = value;
        if (tag.equals("GetAtt") && value.isTextual()) {
            String text = value.asText();
            int dot = text.indexOf('.');
            ArrayNode parts = NODES.arrayNode();
            List.of(dot < 0 ? text : text.substring(0, dot), dot < 0 ? "" : text.substring(dot + 1))
                    .forEach(parts::add);
            argument = parts;
        }
        return NODES.objectNode().set("Fn::" + tag, argument);
    }
}
