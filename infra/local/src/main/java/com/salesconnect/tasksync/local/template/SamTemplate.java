package com.salesconnect.tasksync.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.awsengine.CloudFormationYaml;
import com.salesconnect.tasksync.runtime.TaskRootEntry;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the local runtime reads from template.yaml: the parameters, the HTTP API's authorizers, and every
 * function with its handler, environment, timeout and event sources. Nothing of this is repeated in code.
 */
public final class SamTemplate {

    static final String FUNCTION = "AWS::Serverless::Function";
    static final String HTTP_API = "AWS::Serverless::HttpApi";
    private static final String NONE = "NONE";

    /**
     * A template parameter with the rules CloudFormation checks a value against.
     *
     * @param defaultValue null when the template gives none
     * @param rules        AllowedValues, AllowedPattern, MinValue/MaxValue and MinLength/MaxLength as the template
     *                     gives them (an object without them: no rule)
     */
    public record Parameter(String name, String type, String defaultValue, JsonNode rules) {

        public Parameter(String name, String type, String defaultValue) {
            this(name, type, defaultValue, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        }

        /** Why CloudFormation would refuse {@code value} for this parameter; empty when it takes it. */
        public Optional<String> refusal(String value) {
            JsonNode allowed = rules.path("AllowedValues");
            if (allowed.isArray() && allowed.size() > 0) {
                List<String> values = new ArrayList<>();
                allowed.forEach(v -> values.add(v.asText()));
                if (!values.contains(value)) {
                    return Optional.of("must be one of " + String.join(", ", values));
                }
            }
            if (type.equals("Number")) {
                double number;
                try {
                    number = Double.parseDouble(value.strip());
                } catch (NumberFormatException e) {
                    return Optional.of("must be a number");
                }
                if (rules.has("MinValue") && number < rules.get("MinValue").asDouble()) {
                    return Optional.of("must be at least " + rules.get("MinValue").asText());
                }
                if (rules.has("MaxValue") && number > rules.get("MaxValue").asDouble()) {
                    return Optional.of("must be at most " + rules.get("MaxValue").asText());
                }
                return Optional.empty();
            }
            if (rules.has("AllowedPattern")
                    && !java.util.regex.Pattern.compile(rules.get("AllowedPattern").asText()).matcher(value).matches()) {
                return Optional.of("must match " + rules.get("AllowedPattern").asText());
            }
            if (rules.has("MinLength") && value.length() < rules.get("MinLength").asInt()) {
                return Optional.of("must be at least " + rules.get("MinLength").asText() + " characters long");
            }
            if (rules.has("MaxLength") && value.length() > rules.get("MaxLength").asInt()) {
                return Optional.of("must be at most " + rules.get("MaxLength").asText() + " characters long");
            }
            return Optional.empty();
        }
    }

    /**
     * A plain {@code AWS::Events::Rule} whose targets are functions of the template (by {@code Ref} of the function
     * or its {@code .Alias}, or {@code GetAtt .Arn}): the local runtime routes it as EventBridge would.
     *
     * @param condition the rule's Condition name; null when it has none
     */
    public record EventRule(String logicalId, String condition, JsonNode bus, JsonNode pattern,
                            List<String> functions) {
    }

    static final String EVENT_RULE = "AWS::Events::Rule";
    static final String EVENT_INVOKE_CONFIG = "AWS::Lambda::EventInvokeConfig";

    /**
     * A standalone {@code AWS::Lambda::EventInvokeConfig} of a template function (the template uses one where the
     * config needs a Condition, which a function's own {@code EventInvokeConfig} property cannot carry).
     *
     * @param condition its Condition name; null when it has none
     */
    public record InvokeConfig(String function, String condition, AsyncInvokeSettings settings) {
    }

    private final Map<String, Parameter> parameters;
    private final Map<String, JsonNode> globalEnvironment;
    private final List<FunctionSpec> functions;
    private List<EventRule> rules = List.of();
    private List<InvokeConfig> invokeConfigs = List.of();
    private Map<String, JsonNode> conditions = Map.of();

    private SamTemplate(Map<String, Parameter> parameters, Map<String, JsonNode> globalEnvironment,
                        List<FunctionSpec> functions) {
        this.parameters = Map.copyOf(parameters);
        this.globalEnvironment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(globalEnvironment));
        this.functions = List.copyOf(functions);
    }

    public static SamTemplate load(Path template) {
        return from(CloudFormationYaml.read(template));
    }

    public static SamTemplate parse(String yaml) {
        try {
            return from(CloudFormationYaml.read(new StringReader(yaml)));
        } catch (IOException e) {
            throw new UncheckedIOException("malformed template", e);
        }
    }

    static SamTemplate from(JsonNode root) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        root.path("Parameters").properties().forEach(p -> parameters.put(p.getKey(), new Parameter(p.getKey(),
                p.getValue().path("Type").asText("String"),
                p.getValue().has("Default") ? p.getValue().get("Default").asText() : null, p.getValue())));
        JsonNode resources = root.path("Resources");
        JsonNode globals = root.path("Globals").path("Function");
        List<FunctionSpec> functions = new ArrayList<>();
        resources.properties().forEach(r -> {
            if (FUNCTION.equals(r.getValue().path("Type").asText())) {
                functions.add(function(r.getKey(), r.getValue().path("Properties"), globals, resources));
            }
        });
        Map<String, JsonNode> globalEnvironment = new LinkedHashMap<>();
        globals.path("Environment").path("Variables").properties()
                .forEach(e -> globalEnvironment.put(e.getKey(), e.getValue()));
        SamTemplate template = new SamTemplate(parameters, globalEnvironment, functions);
        List<EventRule> rules = new ArrayList<>();
        resources.properties().forEach(r -> {
            if (EVENT_RULE.equals(r.getValue().path("Type").asText())) {
                JsonNode p = r.getValue().path("Properties");
                List<String> targets = new ArrayList<>();
                p.path("Targets").forEach(t -> functionOf(t.path("Arn"), functions).ifPresent(targets::add));
                if (!targets.isEmpty()) {
                    rules.add(new EventRule(r.getKey(), r.getValue().has("Condition")
                            ? r.getValue().get("Condition").asText() : null,
                            p.has("EventBusName") ? p.get("EventBusName") : null, p.path("EventPattern"),
                            targets));
                }
            }
        });
        template.rules = List.copyOf(rules);
        List<InvokeConfig> invokeConfigs = new ArrayList<>();
        resources.properties().forEach(r -> {
            if (EVENT_INVOKE_CONFIG.equals(r.getValue().path("Type").asText())) {
                JsonNode p = r.getValue().path("Properties");
                functionOf(p.path("FunctionName"), functions).ifPresent(f -> invokeConfigs.add(new InvokeConfig(f,
                        r.getValue().has("Condition") ? r.getValue().get("Condition").asText() : null,
                        asyncInvoke(p))));
            }
        });
        template.invokeConfigs = List.copyOf(invokeConfigs);
        Map<String, JsonNode> conditions = new LinkedHashMap<>();
        root.path("Conditions").properties().forEach(c -> conditions.put(c.getKey(), c.getValue()));
        template.conditions = java.util.Collections.unmodifiableMap(conditions);
        return template;
    }

    private static Optional<String> functionOf(JsonNode arn, List<FunctionSpec> functions) {
        String id = null;
        if (arn.has("Ref")) {
            id = arn.get("Ref").asText().replaceFirst("\\.Alias$", "");
        } else if (arn.has("Fn::GetAtt") && arn.get("Fn::GetAtt").size() == 2) {
            id = arn.get("Fn::GetAtt").get(0).asText();
        }
        String logicalId = id;
        return functions.stream().map(FunctionSpec::logicalId).filter(f -> f.equals(logicalId)).findFirst();
    }

    /** Standalone invoke configs of the template's functions. */
    public List<InvokeConfig> invokeConfigs() {
        return invokeConfigs;
    }

    /** Plain EventBridge rules that target functions of the template. */
    public List<EventRule> rules() {
        return rules;
    }

    /** The template's Conditions, by name (long form). */
    public Map<String, JsonNode> conditions() {
        return conditions;
    }

    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** The environment every function shares (Globals), e.g. the table names: what the app's stand-in uses too. */
    public Map<String, JsonNode> globalEnvironment() {
        return globalEnvironment;
    }

    public List<FunctionSpec> functions() {
        return functions;
    }

    public FunctionSpec function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new TemplateException("the template declares no function " + logicalId));
    }

    /** The function whose handler class is {@code handlerClass}. */
    public FunctionSpec functionWithHandler(String handlerClass) {
        return functions.stream().filter(f -> f.handlerClass().equals(handlerClass)).findFirst()
                .orElseThrow(() -> new TemplateException("no function of the template has handler " + handlerClass));
    }

    private static FunctionSpec function(String logicalId, JsonNode p, JsonNode globals, JsonNode resources) {
        String handler = text(p, globals, "Handler");
        if (handler == null || handler.isBlank()) {
            throw new TemplateException(logicalId + ": no Handler");
        }
        int separator = handler.indexOf("::");
        // The handler itself, where the template names its Lambda entry (TaskRootEntry): the local runtime builds it.
        String handlerClass = TaskRootEntry.handlerClassOf(separator < 0 ? handler : handler.substring(0, separator));
        String method = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
        Duration timeout = Duration.ofSeconds(number(p, globals, "Timeout", 3));
        int memory = number(p, globals, "MemorySize", 128);
        Map<String, JsonNode> environment = new LinkedHashMap<>();
        globals.path("Environment").path("Variables").properties()
                .forEach(e -> environment.put(e.getKey(), e.getValue()));
        p.path("Environment").path("Variables").properties().forEach(e -> environment.put(e.getKey(), e.getValue()));
        List<FunctionEvent> events = new ArrayList<>();
        p.path("Events").properties().forEach(e -> event(logicalId, e.getKey(), e.getValue(), resources)
                .ifPresent(events::add));
        return new FunctionSpec(logicalId, handlerClass, method, timeout, memory, environment, events,
                asyncInvoke(p.path("EventInvokeConfig")));
    }

    private static Optional<FunctionEvent> event(String function, String name, JsonNode event, JsonNode resources) {
        String type = event.path("Type").asText();
        JsonNode p = event.path("Properties");
        return switch (type) {
            case "HttpApi" -> Optional.of(route(name, p, resources));
            case "DynamoDB" -> Optional.of(new FunctionEvent.StreamSource(name, p.path("Stream"), stream(p)));
            case "ScheduleV2" -> Optional.of(new FunctionEvent.Schedule(name, type, p.path("ScheduleExpression"),
                    optionalText(p, "Input")));
            case "Schedule" -> Optional.of(new FunctionEvent.Schedule(name, type, p.path("Schedule"),
                    optionalText(p, "Input")));
            case "EventBridgeRule", "CloudWatchEvent" -> Optional.of(new FunctionEvent.BusRule(name,
                    p.has("EventBusName") ? p.get("EventBusName") : null, p.path("Pattern")));
            default -> throw new TemplateException(function + "." + name + ": event type " + type
                    + " is not emulated locally");
        };
    }

    private static FunctionEvent.HttpApiRoute route(String name, JsonNode p, JsonNode resources) {
        String method = p.path("Method").asText("ANY").toUpperCase(Locale.ROOT);
        String path = p.path("Path").asText("$default");
        JsonNode auth = p.path("Auth");
        Optional<String> authorizer;
        if (auth.has("Authorizer")) {
            String named = auth.get("Authorizer").asText();
            authorizer = NONE.equals(named) ? Optional.empty() : Optional.of(named);
        } else {
            authorizer = defaultAuthorizer(p.path("ApiId"), resources);
        }
        return new FunctionEvent.HttpApiRoute(name, method, path, authorizer);
    }

    /** The DefaultAuthorizer of the HttpApi a route belongs to (the implicit API has none). */
    private static Optional<String> defaultAuthorizer(JsonNode apiId, JsonNode resources) {
        String api = apiId.path("Ref").asText(null);
        if (api == null) {
            return Optional.empty();
        }
        JsonNode resource = resources.path(api);
        if (!HTTP_API.equals(resource.path("Type").asText())) {
            throw new TemplateException("ApiId " + api + " is not an " + HTTP_API);
        }
        String named = resource.path("Properties").path("Auth").path("DefaultAuthorizer").asText(null);
        return named == null || NONE.equals(named) ? Optional.empty() : Optional.of(named);
    }

    private static StreamSettings stream(JsonNode p) {
        List<String> patterns = new ArrayList<>();
        p.path("FilterCriteria").path("Filters").forEach(f -> patterns.add(f.path("Pattern").asText()));
        List<String> responseTypes = new ArrayList<>();
        p.path("FunctionResponseTypes").forEach(t -> responseTypes.add(t.asText()));
        int maxAge = p.path("MaximumRecordAgeInSeconds").asInt(-1);
        JsonNode onFailure = p.path("DestinationConfig").path("OnFailure").path("Destination");
        return new StreamSettings(
                p.path("StartingPosition").asText("LATEST"),
                p.path("BatchSize").asInt(100),
                Duration.ofSeconds(p.path("MaximumBatchingWindowInSeconds").asInt(0)),
                p.path("ParallelizationFactor").asInt(1),
                p.path("BisectBatchOnFunctionError").asBoolean(false),
                p.path("MaximumRetryAttempts").asInt(-1),
                maxAge < 0 ? null : Duration.ofSeconds(maxAge),
                responseTypes.contains("ReportBatchItemFailures"),
                onFailure.isMissingNode() ? null : onFailure,
                patterns);
    }

    private static AsyncInvokeSettings asyncInvoke(JsonNode config) {
        if (config.isMissingNode()) {
            return AsyncInvokeSettings.DEFAULTS;
        }
        JsonNode onFailure = config.path("DestinationConfig").path("OnFailure").path("Destination");
        return new AsyncInvokeSettings(config.path("MaximumRetryAttempts").asInt(2),
                Duration.ofSeconds(config.path("MaximumEventAgeInSeconds").asInt(21_600)),
                onFailure.isMissingNode() ? null : onFailure);
    }

    private static String text(JsonNode p, JsonNode globals, String field) {
        JsonNode value = p.has(field) ? p.get(field) : globals.get(field);
        return value == null ? null : value.asText();
    }

    private static int number(JsonNode p, JsonNode globals, String field, int fallback) {
        JsonNode value = p.has(field) ? p.get(field) : globals.get(field);
        return value == null ? fallback : value.asInt(fallback);
    }

    private static String optionalText(JsonNode p, String field) {
        return p.has(field) ? p.get(field).asText() : null;
    }
}
