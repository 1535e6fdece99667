package com.salesconnect.tasksync.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.awsengine.CloudFormationYaml;
import com.salesconnect.tasksync.awsengine.TemplateResources;

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

        public String handlerClass() {
            return handler.substring(0, handler.indexOf("::"));
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

    /** An Allow statement of a function's inline policy: IAM actions on resources named by logical id. */
    public record Statement(Set<String> actions, Set<String> resources) {

        public boolean allows(String action, String resource) {
            return actions.contains(action) && (resources.contains(resource) || resources.contains("*"));
        }
    }

    /**
     * The statements of a function's {@code Policies}. Resources read as logical ids: {@code !GetAtt T.Arn} and
     * {@code !Ref T} are {@code T}, {@code !Sub ${T.Arn}/index/I} is {@code T/index/I}.
     */
    public static List<Statement> policy(String logicalId) {
        List<Statement> statements = new ArrayList<>();
        for (JsonNode policy : tree().path("Resources").path(logicalId).path("Properties").path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                if (!"Allow".equals(statement.path("Effect").asText())) {
                    continue;
                }
                Set<String> actions = new LinkedHashSet<>();
                statement.path("Action").forEach(a -> actions.add(a.asText()));
                if (statement.path("Action").isTextual()) {
                    actions.add(statement.path("Action").asText());
                }
                Set<String> resources = new LinkedHashSet<>();
                JsonNode resource = statement.path("Resource");
                if (resource.isArray()) {
                    resource.forEach(r -> resources.add(resourceName(r)));
                } else {
                    resources.add(resourceName(resource));
                }
                statements.add(new Statement(actions, resources));
            }
        }
        return statements;
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
