package com.salesconnect.tasksync.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.awsengine.CloudFormationYaml;
import com.salesconnect.tasksync.awsengine.TemplateResources;
import com.salesconnect.tasksync.runtime.TaskRootEntry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The repository's template.yaml as a JSON tree (short intrinsic tags in their long form), and its functions. */
public final class Template {

    /** A function the template declares: its handler, code location and the environment it gets. */
    public record Function(String logicalId, String handler, String codeUri, Set<String> environment) {

        /** The class template.yaml names: the handler's Lambda entry ({@link TaskRootEntry}). */
        public String entryClass() {
            return handler.substring(0, handler.indexOf("::"));
        }

        /** The handler the entry loads and hands each event to. */
        public String handlerClass() {
            return TaskRootEntry.handlerClassOf(entryClass());
        }

        public String handlerMethod() {
            return handler.substring(handler.indexOf("::") + 2);
        }
    }

    private Template() {
    }

    public static Path repositoryRoot() {
        return TemplateResources.locateTemplate(Path.of("")).getParent();
    }

    public static JsonNode tree() {
        return CloudFormationYaml.read(repositoryRoot().resolve("template.yaml"));
    }

    public static List<Function> functions() {
        JsonNode template = tree();
        Set<String> global = names(template.path("Globals").path("Function").path("Environment").path("Variables"));
        List<Function> functions = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> resources = template.path("Resources").fields();
        while (resources.hasNext()) {
            Map.Entry<String, JsonNode> resource = resources.next();
            if (!"AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                continue;
            }
            JsonNode properties = resource.getValue().path("Properties");
            Set<String> environment = new LinkedHashSet<>(global);
            environment.addAll(names(properties.path("Environment").path("Variables")));
            functions.add(new Function(resource.getKey(), properties.path("Handler").asText(),
                    properties.path("CodeUri").asText(), environment));
        }
        return functions;
    }

    /** The variables a function declares itself (not the Globals). */
    public static Set<String> ownEnvironment(String logicalId) {
        return names(tree().path("Resources").path(logicalId).path("Properties").path("Environment")
                .path("Variables"));
    }

    /**
     * A function's {@code Policies}, Allow and Deny statements with their conditions. Resources read as logical
     * ids: {@code !GetAtt T.Arn} and {@code !Ref T} are {@code T}, {@code !Sub ${T.Arn}/index/I} is
     * {@code T/index/I}.
     */
    public static IamPolicy policy(String logicalId) {
        List<IamPolicy.Statement> statements = new ArrayList<>();
        for (JsonNode policy : tree().path("Resources").path(logicalId).path("Properties").path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                String effect = statement.path("Effect").asText();
                if (!effect.equals("Allow") && !effect.equals("Deny")) {
                    throw new IllegalStateException(logicalId + ": a statement without Effect Allow or Deny");
                }
                Set<String> resources = new LinkedHashSet<>();
                JsonNode resource = statement.path("Resource");
                if (resource.isArray()) {
                    resource.forEach(r -> resources.add(resourceName(r)));
                } else {
                    resources.add(resourceName(resource));
                }
                statements.add(new IamPolicy.Statement(effect.equals("Allow"), texts(statement.path("Action")),
                        resources, conditions(statement.path("Condition"))));
            }
        }
        return new IamPolicy(statements);
    }

    private static List<IamPolicy.Condition> conditions(JsonNode condition) {
        List<IamPolicy.Condition> conditions = new ArrayList<>();
        condition.fields().forEachRemaining(operator -> operator.getValue().fields().forEachRemaining(key ->
                conditions.add(new IamPolicy.Condition(operator.getKey(), key.getKey(),
                        List.copyOf(texts(key.getValue()))))));
        return conditions;
    }

    private static Set<String> texts(JsonNode node) {
        Set<String> texts = new LinkedHashSet<>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else if (!node.isMissingNode()) {
            texts.add(node.asText());
        }
        return texts;
    }

    private static String resourceName(JsonNode resource) {
        if (resource.has("Fn::GetAtt")) {
            JsonNode getAtt = resource.get("Fn::GetAtt");
            return getAtt.path(1).asText().equals("Arn") ? getAtt.path(0).asText()
                    : getAtt.path(0).asText() + "/" + getAtt.path(1).asText();
        }
        if (resource.has("Ref")) {
            return resource.get("Ref").asText();
        }
        if (resource.has("Fn::Sub")) {
            return resource.get("Fn::Sub").asText().replaceAll("\\$\\{([A-Za-z0-9]+)\\.Arn}", "$1");
        }
        return resource.asText();
    }

    private static Set<String> names(JsonNode variables) {
        Set<String> names = new LinkedHashSet<>();
        variables.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
