package com.salesconnect.tasksync.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.local.lambda.InvocationResult;
import com.salesconnect.tasksync.local.lambda.Invoker;
import com.salesconnect.tasksync.local.streams.FailureDestination;
import com.salesconnect.tasksync.local.template.AsyncInvokeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lambda's asynchronous invocation (what EventBridge and schedules use): the event is accepted at once, a
 * function error is retried up to the function's MaximumRetryAttempts (after {@code retryDelays}; AWS waits about
 * one and two minutes), an event older than MaximumEventAgeInSeconds is dropped, and an event that still failed
 * goes to the on-failure destination as Lambda's invocation record.
 */
public final class AsyncInvoker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvoker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String functionName;
    private final String functionArn;
    private final Invoker function;
    private final AsyncInvokeSettings settings;
    private final FailureDestination onFailure;
    private final List<Duration> retryDelays;
    private final ScheduledExecutorService executor;
    private final AtomicInteger inFlight = new AtomicInteger();

    public AsyncInvoker(String functionName, String functionArn, Invoker function, AsyncInvokeSettings settings,
                        FailureDestination onFailure, List<Duration> retryDelays) {
        this.functionName = functionName;
        this.functionArn = functionArn;
        this.function = function;
        this.settings = settings;
        this.onFailure = onFailure;
        this.retryDelays = List.copyOf(retryDelays);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "async-" + functionName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues one event; the future completes with the last attempt's result once no retry follows. */
    public CompletableFuture<InvocationResult> submit(String payload) {
        CompletableFuture<InvocationResult> done = new CompletableFuture<>();
        inFlight.incrementAndGet();
        done.whenComplete((r, e) -> inFlight.decrementAndGet());
        String requestId = UUID.randomUUID().toString();
        schedule(() -> attempt(payload, requestId, Instant.now(), 1, done), Duration.ZERO, done);
        return done;
    }

    /** Events accepted and not yet finished (including those waiting for a retry). */
    public int inFlight() {
        return inFlight.get();
    }

    private void attempt(String payload, String requestId, Instant accepted, int attempt,
                         CompletableFuture<InvocationResult> done) {
        InvocationResult result = function.invoke(payload);
        if (!(result instanceof InvocationResult.FunctionError error)) {
            done.complete(result);
            return;
        }
        boolean retry = attempt <= settings.maxRetryAttempts();
        Duration delay = retry ? retryDelays.get(Math.min(attempt - 1, retryDelays.size() - 1)) : Duration.ZERO;
        boolean tooOld = Instant.now().plus(delay).isAfter(accepted.plus(settings.maxEventAge()));
        if (retry && !tooOld) {
            LOG.info("{}: asynchronous invocation failed ({}); retry {} of {} in {} ms", functionName,
                    error.errorType(), attempt, settings.maxRetryAttempts(), delay.toMillis());
            schedule(() -> attempt(payload, requestId, accepted, attempt + 1, done), delay, done);
            return;
        }
        String condition = tooOld ? "EventAgeExceeded" : "RetriesExhausted";
        LOG.warn("{}: asynchronous invocation dropped ({}, {} attempt(s))", functionName, condition, attempt);
        try {
            onFailure.send(invocationRecord(payload, requestId, condition, attempt, error));
        } catch (RuntimeException e) {
            LOG.error("{}: the on-failure destination refused the record ({})", functionName,
                    e.getClass().getSimpleName());
        }
        done.complete(result);
    }

    private void schedule(Runnable task, Duration delay, CompletableFuture<InvocationResult> done) {
        try {
            executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
    }

    /** Lambda's record of a failed asynchronous invocation, as sent to an SQS destination. */
    String invocationRecord(String payload, String requestId, String condition, int invocations,
                            InvocationResult.FunctionError error) {
        ObjectNode record = JSON.createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", requestId);
        request.put("functionArn", functionArn + ":$LATEST");
        request.put("condition", condition);
        request.put("approximateInvokeCount", invocations);
        record.set("requestPayload", parseOrText(payload));
        ObjectNode response = record.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", "Unhandled");
        ObjectNode responsePayload = record.putObject("responsePayload");
        responsePayload.put("errorMessage", error.errorMessage());
        responsePayload.put("errorType", error.errorType());
        return record.toString();
    }

    private static JsonNode parseOrText(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(payload);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
