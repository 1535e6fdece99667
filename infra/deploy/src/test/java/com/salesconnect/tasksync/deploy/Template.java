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
final class Template {

    /** A function the template declares: its handler, code location and the environment it gets. */
    record Function(String logicalId, String handler, String codeUri, Set<String> environment) {

        String handlerClass() {
            return handler.substring(0, handler.indexOf("::"));
        }

        String handlerMethod() {
            return handler.substring(handler.indexOf("::") + 2);
        }
    }

    private Template() {
    }

    static Path repositoryRoot() {
        return TemplateResources.locateTemplate(Path.of("")).getParent();
    }

    static JsonNode tree() {
        return CloudFormationYaml.read(repositoryRoot().resolve("template.yaml"));
    }

    static List<Function> functions() {
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
    static Set<String> ownEnvironment(String logicalId) {
        return names(tree().path("Resources").path(logicalId).path("Properties").path("Environment")
                .path("Variables"));
    }

    private static Set<String> names(JsonNode variables) {
        Set<String> names = new LinkedHashSet<>();
        variables.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
