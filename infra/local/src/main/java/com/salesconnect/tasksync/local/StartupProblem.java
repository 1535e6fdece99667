package com.salesconnect.tasksync.local;

import com.salesconnect.tasksync.awsengine.EngineUnavailableException;
import com.salesconnect.tasksync.local.template.SamTemplate;

import java.net.BindException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The start-up failures a person can fix, said in one line with what to do (a port in use, no AWS engine, a template
 * parameter that does not exist). Anything else is a bug and keeps its stack trace.
 */
final class StartupProblem extends IllegalArgumentException {

    StartupProblem(String message) {
        super(message);
    }

    /** The one line for {@code failure}, when it is one a person can fix. */
    static Optional<String> explain(Throwable failure, LocalOptions options) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartupProblem p) {
                return Optional.of(p.getMessage());
            }
            if (t instanceof BindException) {
                return Optional.of("a port the local runtime needs is already in use (the app's --port "
                        + options.port() + ", the Salesforce emulator's --salesforce-port " + options.salesforcePort()
                        + "): stop what listens there, or start with other ports (0 picks a free one)");
            }
            if (t instanceof EngineUnavailableException) {
                return Optional.of(t.getMessage() + ". Install moto (pip install 'moto[server]'), or set"
                        + " TASKSYNC_AWS_ENDPOINT to a running AWS API engine (e.g. LocalStack)");
            }
        }
        return Optional.empty();
    }

    /**
     * Every {@code --param} must name a parameter of the template (a mistyped one would silently do nothing) and
     * hold a value the template allows (CloudFormation would refuse it at deployment).
     */
    static void checkParameters(Map<String, SamTemplate.Parameter> declared, Map<String, String> given) {
        for (Map.Entry<String, String> param : given.entrySet()) {
            SamTemplate.Parameter parameter = declared.get(param.getKey());
            if (parameter == null) {
                throw new StartupProblem("--param " + param.getKey() + ": template.yaml has no parameter of that name"
                        + " (it has " + String.join(", ", new TreeSet<>(declared.keySet())) + ")");
            }
            parameter.refusal(param.getValue()).ifPresent(why -> {
                throw new StartupProblem("--param " + param.getKey() + "=" + param.getValue() + ": the value " + why
                        + " (template.yaml)");
            });
        }
    }
}
