package com.salesconnect.tasksync.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.local.lambda.InvocationResult;
import com.salesconnect.tasksync.local.template.AsyncInvokeSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncInvokerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Duration> FAST = List.of(Duration.ofMillis(1), Duration.ofMillis(2));

    private final List<String> destination = new ArrayList<>();

    @Test
    void aFailingEvent_isRetriedMaximumRetryAttemptsTimes_thenGoesToTheDestination() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (AsyncInvoker invoker = new AsyncInvoker("Sweep", "arn:aws:lambda:us-east-1:1:function:Sweep", payload -> {
            calls.incrementAndGet();
            return new InvocationResult.FunctionError("java.lang.IllegalStateException", "down");
        }, new AsyncInvokeSettings(2, Duration.ofHours(6), null), destination::add, FAST)) {
            InvocationResult last = invoker.submit("{\"detail-type\": \"SyncEnabled\"}").get(5, TimeUnit.SECONDS);
            assertThat(last.failed()).isTrue();
            assertThat(calls).hasValue(3);
            assertThat(invoker.inFlight()).isZero();
        }
        JsonNode record = JSON.readTree(destination.get(0));
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.path("requestContext").path("functionArn").asText()).endsWith("function:Sweep:$LATEST");
        assertThat(record.path("requestPayload").path("detail-type").asText()).isEqualTo("SyncEnabled");
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.path("responsePayload").path("errorType").asText())
                .isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void anEventThatSucceedsOnARetry_sendsNothingToTheDestination() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (AsyncInvoker invoker = new AsyncInvoker("Sweep", "arn", payload -> calls.getAndIncrement() == 0
                ? new InvocationResult.FunctionError("E", "once") : new InvocationResult.Success("null"),
                new AsyncInvokeSettings(2, Duration.ofHours(6), null), destination::add, FAST)) {
            assertThat(invoker.submit("{}").get(5, TimeUnit.SECONDS).failed()).isFalse();
        }
        assertThat(calls).hasValue(2);
        assertThat(destination).isEmpty();
    }

    @Test
    void zeroRetries_meansOneAttempt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (AsyncInvoker invoker = new AsyncInvoker("Sweep", "arn", payload -> {
            calls.incrementAndGet();
            return new InvocationResult.FunctionError("E", "x");
        }, new AsyncInvokeSettings(0, Duration.ofHours(6), null), destination::add, FAST)) {
            invoker.submit("{}").get(5, TimeUnit.SECONDS);
        }
        assertThat(calls).hasValue(1);
        assertThat(destination).hasSize(1);
    }
}
