package com.salesconnect.tasksync.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.json.JsonTrees;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BackgroundLog4j} bound by SLF4J itself, in a JVM of its own as in a function's cold start (SLF4J binds once
 * per JVM): a Lambda environment, the provider named, the functions' configuration factory. infra/deploy's
 * FunctionJarsIT runs the deployed jars the same way.
 */
class BackgroundLog4jProcessTest {

    @Test
    void boundBySlf4j_aColdStartsFirstLoggerAndEventsGoThroughLog4j_withoutWaitingOnEachOther() throws Exception {
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dslf4j.provider=" + BackgroundLog4j.class.getName(),
                "-Dlog4j2.configurationFactory=" + LambdaLogConfiguration.Factory.class.getName(),
                ColdStart.class.getName());
        java.environment().put("AWS_LAMBDA_FUNCTION_NAME", "test-function");
        java.environment().remove("AWS_LAMBDA_INITIALIZATION_TYPE");
        java.environment().remove("LOG_LEVEL");
        java.redirectErrorStream(true);
        long started = System.nanoTime();
        Process process = java.start();

        boolean ended = process.waitFor(20, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
        }

        assertThat(ended).as("ended within 20 s: %s", output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).as(output).isLessThan(10);
        List<JsonNode> lines = output.lines().filter(l -> l.startsWith("{")).map(BackgroundLog4jProcessTest::json)
                .toList();
        assertThat(lines).as(output).hasSize(2);
        assertThat(lines.get(0).path("message").asText()).isEqualTo("first 1");
        assertThat(lines.get(0).path("userId").asText()).isEqualTo("u-1");
        assertThat(lines.get(1).path("message").asText()).isEqualTo("second");
        assertThat(lines.get(1).path("error").path("message").asText()).isEqualTo("boom");
        assertThat(output).contains("logger " + BackgroundLog4j.Deferred.class.getName()).contains("debug false");
    }

    private static JsonNode json(String line) {
        try {
            return JsonTrees.read(line);
        } catch (IOException e) {
            throw new IllegalStateException(line, e);
        }
    }

    /** The child JVM: a handler class's first logger, a level question, an MDC field and two events at once. */
    public static final class ColdStart {
        public static void main(String[] args) {
            Logger log = LoggerFactory.getLogger("com.salesconnect.tasksync.ColdStart");
            System.out.println("logger " + log.getClass().getName());
            System.out.println("debug " + log.isDebugEnabled());
            MDC.put("userId", "u-1");
            log.info("first {}", 1);
            MDC.remove("userId");
            log.warn("second", new IllegalStateException("boom"));
        }
    }
}
