package com.salesconnect.tasksync.deploy;

import com.salesconnect.tasksync.wiring.SyncComponents;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable a handler reads is declared for its function in template.yaml (Globals or the
 * function's own), proven by running each handler's wiring against a recording lookup, not by reading the code.
 * Every variable a function declares for itself is read; every required one, when missing, stops the handler
 * at its start with the variable's name.
 */
class HandlerEnvironmentTest {

    /** Set by the Lambda runtime (reserved names) or, for the engine endpoint, only by local runs. */
    static final Set<String> PROVIDED_BY_THE_RUNTIME = Set.of("AWS_REGION", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL");
    /** Declared values that may be empty. */
    static final Set<String> OPTIONAL = Set.of("PUBLIC_BASE_URL", "SALESFORCE_API_VERSION");

    private static final Map<String, String> SAMPLE_VALUES = Map.ofEntries(
            Map.entry("AWS_REGION", "eu-west-1"),
            Map.entry("TASKS_TABLE", "tasks"),
            Map.entry("SYNC_TABLE", "sync"),
            Map.entry("TOKEN_KEY_ID", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            Map.entry("EVENT_BUS_NAME", "tasksync-sync"),
            Map.entry("SALESFORCE_LOGIN_URL", "https://login.salesforce.com"),
            Map.entry("SALESFORCE_API_VERSION", "v62.0"),
            Map.entry("SALESFORCE_CLIENT_ID", "client-id"),
            Map.entry("SALESFORCE_API_BUDGET_PERCENT", "10"),
            Map.entry("CHANGE_EVENT_SWEEP_MINUTES", "60"),
            Map.entry("CHANGE_EVENT_QUIET_HOURS", "24"),
            Map.entry("SALESFORCE_CLIENT_SECRET_ARN",
                    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:SalesforceClientSecret-AbCdEf"),
            Map.entry("PUBLIC_BASE_URL", ""),
            Map.entry("SETTINGS_PAGE_URL", "https://app.salesconnect.example/settings"),
            Map.entry("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1"));

    @TestFactory
    Stream<DynamicTest> eachHandler_readsOnlyDeclaredVariables_andEveryOneItDeclaresItself() {
        return Template.functions().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            Set<String> read = new LinkedHashSet<>();
            Optional<Throwable> failure = construct(function, name -> {
                read.add(name);
                return function.environment().contains(name) || name.equals("AWS_REGION")
                        ? SAMPLE_VALUES.get(name) : null;
            });

            assertThat(failure).as("the handler starts with the declared environment").isEmpty();
            Set<String> allowed = new LinkedHashSet<>(function.environment());
            allowed.addAll(PROVIDED_BY_THE_RUNTIME);
            assertThat(allowed).as("variables %s reads", function.handlerClass()).containsAll(read);
            assertThat(read).as("every variable %s declares itself is used", function.logicalId())
                    .containsAll(Template.ownEnvironment(function.logicalId()));
        }));
    }

    @TestFactory
    Stream<DynamicTest> aMissingRequiredVariable_stopsTheHandlerAtStart_namingIt() {
        return Template.functions().stream().flatMap(function -> {
            Set<String> read = new LinkedHashSet<>();
            construct(function, name -> {
                read.add(name);
                return SAMPLE_VALUES.get(name);
            });
            return read.stream()
                    .filter(name -> !OPTIONAL.contains(name))
                    .filter(name -> !PROVIDED_BY_THE_RUNTIME.contains(name) || name.equals("AWS_REGION"))
                    .map(missing -> DynamicTest.dynamicTest(function.logicalId() + " without " + missing, () -> {
                        Optional<Throwable> failure = construct(function,
                                name -> name.equals(missing) ? null : SAMPLE_VALUES.get(name));

                        assertThat(failure).as("%s must not start without %s", function.logicalId(), missing)
                                .hasValueSatisfying(e -> assertThat(e).hasMessageContaining(missing));
                    }));
        });
    }

    /** Builds the function's handler as Lambda would, with {@code env} as its environment; the failure, if any. */
    private static Optional<Throwable> construct(Template.Function function, Function<String, String> env) {
        try {
            Class<?> handler = Class.forName(function.handlerClass());
            handler.getConstructor(SyncComponents.class)
                    .newInstance(SyncComponents.fromEnvironment(env, Clock.systemUTC()));
            return Optional.empty();
        } catch (InvocationTargetException e) {
            return Optional.of(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build " + function.handlerClass(), e);
        }
    }
}
