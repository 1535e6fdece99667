package com.salesconnect.tasksync.awsengine;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link AwsEngineTest}: starts the run's engine lazily (root store), creates the
 * template's resources for each test class (names prefixed with the class name), resets the engine after
 * the class, and injects {@link AwsResources}.
 */
public final class AwsEngineExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback,
        ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(AwsEngineExtension.class);

    /**
     * Starts the engine when the first test class is about to run. Without Docker, a run asked to use LocalStack
     * disables each class with the reason, so the report shows its tests as skipped, not failed.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try {
            running(context).engine();
        } catch (NoDockerException e) {
            return ConditionEvaluationResult.disabled(RunningEngine.SKIP_PREFIX + e.getMessage());
        }
        return ConditionEvaluationResult.enabled("AWS engine running");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getStore(NAMESPACE).get(AwsResources.class) != null) {
            return; // a @Nested class shares the resources of its enclosing class
        }
        RunningEngine running = running(context);
        AwsEngine engine = running.engine();
        ResourceNaming naming = ResourceNaming.forTestClass(context.getRequiredTestClass());
        CreatedResources created = running.template().create(running.clients(), naming);
        context.getStore(NAMESPACE).put(AwsResources.class,
                new AwsResources(engine.describe(), running.clients(), created));
    }

    /** Only the class that created the resources resets the engine (a parent store's value is not removed here). */
    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getStore(NAMESPACE).remove(AwsResources.class, AwsResources.class) != null) {
            running(context).engine().reset();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AwsResources.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        AwsResources resources = context.getStore(NAMESPACE).get(AwsResources.class, AwsResources.class);
        if (resources == null) {
            throw new ParameterResolutionException("AwsResources exist only inside an @AwsEngineTest class, "
                    + "after its engine started");
        }
        return resources;
    }

    private static RunningEngine running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(RunningEngine.class,
                key -> new RunningEngine(AwsEngines.configuredChoice()), RunningEngine.class);
    }
}
