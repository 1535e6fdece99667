package com.salesconnect.tasksync.local.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Lambda / EventBridge filter pattern: an object whose leaves are arrays of matchers. An event matches when
 * every key of the pattern matches (nested objects recurse); a leaf matches when any of its matchers does, and an
 * array value in the event matches when any element does. Matchers: exact values (string, number, boolean, null),
 * {@code {"exists": true|false}}, {@code {"prefix": s}}, {@code {"suffix": s}} and {@code {"anything-but": v|[v]}}.
 * Other operators are refused when the pattern is read, never silently ignored.
 */
public final class FilterPattern {

    private static final ObjectMapper JSON = new ObjectMapper();

    private sealed interface Node permits Branch, Leaf {
    }

    private record Branch(Map<String, Node> children) implements Node {
    }

    private record Leaf(List<Matcher> matchers) implements Node {
    }

    private sealed interface Matcher permits Exact, Exists, Prefix, Suffix, AnythingBut {
    }

    private record Exact(JsonNode value) implements Matcher {
    }

    private record Exists(boolean present) implements Matcher {
    }

    private record Prefix(String prefix) implements Matcher {
    }

    private record Suffix(String suffix) implements Matcher {
    }

    private record AnythingBut(List<JsonNode> values) implements Matcher {
    }

    private final Branch root;
    private final String text;

    private FilterPattern(Branch root, String text) {
        this.root = root;
        this.text = text;
    }

    /** @throws IllegalArgumentException for malformed JSON or an unsupported operator, naming it */
    public static FilterPattern parse(String pattern) {
        JsonNode node;
        try {
            node = JSON.readTree(pattern);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("filter pattern is not JSON: " + pattern, e);
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException("a filter pattern is a non-empty JSON object: " + pattern);
        }
        return new FilterPattern(branch(node), pattern);
    }

    public boolean matches(JsonNode event) {
        return matches(root, event);
    }

    @Override
    public String toString() {
        return text;
    }

    private static Branch branch(JsonNode object) {
        Map<String, Node> children = new java.util.LinkedHashMap<>();
        object.properties().forEach(e -> children.put(e.getKey(), node(e.getKey(), e.getValue())));
        return new Branch(children);
    }

    private static Node node(String key, JsonNode value) {
        if (value.isObject()) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("filter pattern: \"" + key + "\" is an empty object");
            }
            return branch(value);
        }
        if (!value.isArray() || value.isEmpty()) {
            throw new IllegalArgumentException("filter pattern: \"" + key + "\" must be a non-empty array of matchers");
        }
        List<Matcher> matchers = new ArrayList<>();
        value.forEach(m -> matchers.add(matcher(key, m)));
        return new Leaf(matchers);
    }

    private static Matcher matcher(String key, JsonNode m) {
        if (m.isValueNode()) {
            return new Exact(m);
        }
        if (!m.isObject() || m.size() != 1) {
            throw new IllegalArgumentException("filter pattern: bad matcher for \"" + key + "\": " + m);
        }
        String operator = m.fieldNames().next();
        JsonNode operand = m.get(operator);
        return switch (operator) {
            case "exists" -> {
                if (!operand.isBoolean()) {
                    throw new IllegalArgumentException("filter pattern: exists takes true or false");
                }
                yield new Exists(operand.booleanValue());
            }
            case "prefix" -> new Prefix(requireText(operator, operand));
            case "suffix" -> new Suffix(requireText(operator, operand));
            case "anything-but" -> {
                List<JsonNode> values = new ArrayList<>();
                if (operand.isArray()) {
                    operand.forEach(values::add);
                } else if (operand.isValueNode()) {
                    values.add(operand);
                } else {
                    throw new IllegalArgumentException(
                            "filter pattern: anything-but takes a value or a list of values");
                }
                yield new AnythingBut(values);
            }
            default -> throw new IllegalArgumentException("filter pattern: operator \"" + operator
                    + "\" is not supported by the local runtime");
        };
    }

    private static String requireText(String operator, JsonNode operand) {
        if (!operand.isTextual()) {
            throw new IllegalArgumentException("filter pattern: " + operator + " takes a string");
        }
        return operand.asText();
    }

    private static boolean matches(Node node, JsonNode value) {
        if (node instanceof Leaf leaf) {
            return leaf.matchers().stream().anyMatch(m -> matches(m, value));
        }
        Branch branch = (Branch) node;
        return branch.children().entrySet().stream().allMatch(e -> {
            JsonNode child = value != null && value.isObject() ? value.get(e.getKey()) : null;
            return child == null && e.getValue() instanceof Branch nested
                    ? matchesAbsent(nested)
                    : matches(e.getValue(), child);
        });
    }

    /** A nested pattern against a missing object: only leaves that ask for absence can match. */
    private static boolean matchesAbsent(Branch branch) {
        return branch.children().values().stream().allMatch(child -> child instanceof Branch nested
                ? matchesAbsent(nested)
                : ((Leaf) child).matchers().stream().anyMatch(m -> m instanceof Exists e && !e.present()));
    }

    private static boolean matches(Matcher matcher, JsonNode value) {
        if (matcher instanceof Exists exists) {
            return exists.present() == (value != null);
        }
        if (value == null) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (matchesScalar(matcher, element)) {
                    return true;
                }
            }
            return false;
        }
        return matchesScalar(matcher, value);
    }

    private static boolean matchesScalar(Matcher matcher, JsonNode value) {
        if (matcher instanceof Exact exact) {
            return same(exact.value(), value);
        }
        if (matcher instanceof Prefix prefix) {
            return value.isTextual() && value.asText().startsWith(prefix.prefix());
        }
        if (matcher instanceof Suffix suffix) {
            return value.isTextual() && value.asText().endsWith(suffix.suffix());
        }
        if (matcher instanceof AnythingBut but) {
            return value.isValueNode() && but.values().stream().noneMatch(v -> same(v, value));
        }
        return ((Exists) matcher).present();
    }

    private static boolean same(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }
}
