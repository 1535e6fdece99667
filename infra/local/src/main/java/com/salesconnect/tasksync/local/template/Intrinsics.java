package com.salesconnect.tasksync.local.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the intrinsic functions the functions' settings use: {@code Ref} (a parameter, a pseudo parameter or a
 * created resource), {@code Fn::GetAtt} (an attribute of a created resource) and {@code Fn::Sub}. Anything else
 * (conditions, {@code Fn::If}) is refused by name, so a template change that needs more support fails loudly.
 */
public final class Intrinsics {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, String> parameters;
    private final Map<String, String> pseudoParameters;
    private final java.util.function.Function<String, Optional<String>> refs;
    private final BiFunction<String, String, Optional<String>> attributes;

    /**
     * @param parameters       template parameter values (defaults already applied)
     * @param pseudoParameters {@code AWS::Region}, {@code AWS::AccountId}, {@code AWS::StackName}, ...
     * @param refs             what {@code Ref} of a created resource returns, by logical id
     * @param attributes       what {@code Fn::GetAtt} returns, by logical id and attribute name
     */
    public Intrinsics(Map<String, String> parameters, Map<String, String> pseudoParameters,
                      java.util.function.Function<String, Optional<String>> refs,
                      BiFunction<String, String, Optional<String>> attributes) {
        this.parameters = Map.copyOf(parameters);
        this.pseudoParameters = Map.copyOf(pseudoParameters);
        this.refs = refs;
        this.attributes = attributes;
    }

    /** The string a value stands for. */
    public String resolve(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            throw new TemplateException("a required value is missing");
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isObject() && value.size() == 1) {
            String function = value.fieldNames().next();
            JsonNode argument = value.get(function);
            return switch (function) {
                case "Ref" -> ref(argument.asText());
                case "Fn::GetAtt" -> getAtt(argument);
                case "Fn::Sub" -> sub(argument);
                case "Fn::Join" -> join(argument);
                default -> throw new TemplateException("the local runtime does not support " + function);
            };
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(resolve(item)));
            return String.join(",", items);
        }
        throw new TemplateException("cannot resolve " + value);
    }

    /**
     * Whether a condition holds: {@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or} and
     * {@code Condition} references into {@code conditions}.
     */
    public boolean holds(JsonNode condition, Map<String, JsonNode> conditions) {
        if (condition == null || !condition.isObject() || condition.size() != 1) {
            throw new TemplateException("cannot evaluate condition " + condition);
        }
        String function = condition.fieldNames().next();
        JsonNode argument = condition.get(function);
        return switch (function) {
            case "Fn::Equals" -> resolve(argument.get(0)).equals(resolve(argument.get(1)));
            case "Fn::Not" -> !holds(argument.get(0), conditions);
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode c : argument) {
                    all &= holds(c, conditions);
                }
                yield all;
            }
            case "Fn::Or" -> {
                boolean any = false;
                for (JsonNode c : argument) {
                    any |= holds(c, conditions);
                }
                yield any;
            }
            case "Condition" -> holds(conditions.get(argument.asText()), conditions);
            default -> throw new TemplateException("the local runtime does not evaluate " + function);
        };
    }

    private String ref(String name) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (pseudoParameters.containsKey(name)) {
            return pseudoParameters.get(name);
        }
        return refs.apply(name).orElseThrow(() -> new TemplateException("Ref " + name
                + ": no such parameter, and no resource of that name was created locally"));
    }

    private String getAtt(JsonNode argument) {
        String logicalId = argument.path(0).asText();
        String attribute = argument.path(1).asText();
        return attributes.apply(logicalId, attribute).orElseThrow(() -> new TemplateException(
                "Fn::GetAtt " + logicalId + "." + attribute + ": no such attribute of a locally created resource"));
    }

    private String sub(JsonNode argument) {
        String text = argument.isArray() ? argument.path(0).asText() : argument.asText();
        JsonNode variables = argument.isArray() ? argument.path(1) : null;
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).trim();
            String value;
            if (variables != null && variables.has(name)) {
                value = resolve(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                value = getAttValue(name.substring(0, dot), name.substring(dot + 1));
            } else {
                value = ref(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        // ${!Literal} is written as ${Literal}.
        return out.toString().replace("${!", "${");
    }

    private String getAttValue(String logicalId, String attribute) {
        return attributes.apply(logicalId, attribute).orElseThrow(() -> new TemplateException(
                "${" + logicalId + "." + attribute + "}: no such attribute of a locally created resource"));
    }

    private String join(JsonNode argument) {
        String delimiter = argument.path(0).asText();
        List<String> parts = new ArrayList<>();
        argument.path(1).forEach(part -> parts.add(resolve(part)));
        return String.join(delimiter, parts);
    }
}
