package com.salesconnect.tasksync.runtime;

import com.amazonaws.services.lambda.runtime.LambdaRuntimeInternal;
import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.json.JsonTrees;
import com.salesconnect.tasksync.metrics.EmfMetrics;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployed functions' logging, each case in a Log4j context of its own started on
 * {@link LambdaLogConfiguration}, reading what Lambda's appender writes (outside Lambda: System.out). infra/deploy's
 * FunctionJarsIT runs each deployable jar under Lambda's runtime client and reads its log as well.
 */
class LambdaLogConfigurationTest {

    @AfterEach
    void clearContext() {
        ThreadContext.clearMap();
    }

    @Test
    void anEvent_isOneJsonObjectOnOneLine_withTheInvocationsFields_andItsErrorInTheSameLine() throws IOException {
        List<String> lines = logged(null, context -> {
            ThreadContext.put("function", "ReconciliationSweepFunction");
            ThreadContext.put("requestId", "req-1");
            ThreadContext.put("coldStart", "true");
            ThreadContext.put("userId", "u-1");
            ThreadContext.put("notAnId", "left out");
            context.getLogger("com.salesconnect.tasksync.sync.SweepService").info("user swept: {}", "u-1");
            context.getLogger("com.salesconnect.tasksync.sync.SweepService")
                    .error("sweep failed", new IllegalStateException("boom"));
        });

        assertThat(lines).hasSize(2);
        JsonNode first = JsonTrees.read(lines.get(0));
        assertThat(first.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("message").asText()).isEqualTo("user swept: u-1");
        assertThat(first.get("logger").asText()).isEqualTo("com.salesconnect.tasksync.sync.SweepService");
        assertThat(first.get("function").asText()).isEqualTo("ReconciliationSweepFunction");
        assertThat(first.get("requestId").asText()).isEqualTo("req-1");
        assertThat(first.get("coldStart").asText()).isEqualTo("true");
        assertThat(first.get("userId").asText()).isEqualTo("u-1");
        assertThat(first.has("notAnId")).isFalse();
        assertThat(first.has("error")).isFalse();
        JsonNode second = JsonTrees.read(lines.get(1));
        assertThat(second.get("level").asText()).isEqualTo("ERROR");
        assertThat(second.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(second.at("/error/message").asText()).isEqualTo("boom");
        assertThat(second.at("/error/stackTrace").asText())
                .contains("IllegalStateException: boom", "LambdaLogConfigurationTest");
    }

    @Test
    void metrics_areWrittenAsTheyAre_once_andNotAsEvents() {
        String document = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[]},\"ChangesApplied\":1}";

        List<String> lines = logged(null, context -> context.getLogger(EmfMetrics.LOGGER).info(document));

        assertThat(lines).containsExactly(document);
    }

    @Test
    void theAwsSdk_writesWarningsOnly() {
        List<String> lines = logged(null, context -> {
            context.getLogger("software.amazon.awssdk.request").info("sending");
            context.getLogger("software.amazon.awssdk.request").warn("slow");
        });

        assertThat(lines).singleElement().satisfies(l -> assertThat(l).contains("\"message\":\"slow\""));
    }

    @Test
    void theLevel_isLogLevel_andInfoWithoutIt_orWhenItIsNoLevel() {
        assertThat(logged("DEBUG", context -> context.getLogger("x").debug("detail"))).hasSize(1);
        assertThat(logged("warn", context -> context.getLogger("x").info("routine"))).isEmpty();
        assertThat(logged(null, context -> context.getLogger("x").debug("detail"))).isEmpty();
        assertThat(logged(null, context -> context.getLogger("x").info("routine"))).hasSize(1);
        assertThat(LogLevels.root("verbose")).isEqualTo(Level.INFO);
        assertThat(LogLevels.root(" error ")).isEqualTo(Level.ERROR);
    }

    @Test
    void theFactory_buildsIt_onlyWhenNoConfigurationFileIsNamed() throws IOException {
        LambdaLogConfiguration.Factory factory = new LambdaLogConfiguration.Factory();
        LoggerContext context = new LoggerContext("factory");
        ConfigurationSource named = new ConfigurationSource(
                new ByteArrayInputStream("status = warn".getBytes(StandardCharsets.UTF_8)));

        assertThat(factory.getConfiguration(context, "factory", (URI) null)).isInstanceOf(LambdaLogConfiguration.class);
        assertThat(factory.getConfiguration(context, "factory", URI.create("classpath:log4j2.properties"))).isNull();
        assertThat(factory.getConfiguration(context, named)).isNull();
    }

    /** What Lambda's appender wrote while {@code logging} ran in a fresh context on the configuration. */
    @Test
    void starting_doesNotLookTheHostsNameUp() {
        LoggerContext context = new LoggerContext("lambda-log-test");
        try {
            context.start(new LambdaLogConfiguration(context, null));

            // Log4j sets it from InetAddress.getLocalHost() while it starts, unless the configuration holds one.
            assertThat(context.getConfiguration().getProperties())
                    .containsEntry(LambdaLogConfiguration.HOST_NAME, "unknown");
        } finally {
            context.stop();
        }
    }

    @Test
    void theRuntime_isNotAskedToPutTheRequestIdIntoLog4jsContext_eachEventCarriesItAlready() {
        LoggerContext context = new LoggerContext("lambda-log-test");
        try {
            context.start(new LambdaLogConfiguration(context, null));

            // Lambda's appender sets it as it is built; the runtime then loads Log4j's ThreadContext with its own
            // class loader before each invocation.
            assertThat(LambdaRuntimeInternal.getUseLog4jAppender()).isFalse();
        } finally {
            context.stop();
        }
    }

    private static List<String> logged(String logLevel, Consumer<LoggerContext> logging) {
        LoggerContext context = new LoggerContext("lambda-log-test");
        PrintStream out = System.out;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try {
            context.start(new LambdaLogConfiguration(context, logLevel));
            System.setOut(new PrintStream(written, true, StandardCharsets.UTF_8));
            logging.accept(context);
        } finally {
            System.setOut(out);
            context.stop();
        }
        List<String> lines = new ArrayList<>();
        written.toString(StandardCharsets.UTF_8).lines().forEach(lines::add);
        return lines;
    }
}
