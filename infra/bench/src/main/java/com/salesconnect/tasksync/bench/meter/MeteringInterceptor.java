package com.salesconnect.tasksync.bench.meter;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts every DynamoDB call made in this JVM into the installed {@link DynamoDbMeter}. The SDK itself adds it to
 * every DynamoDB client built here (the functions' clients, the stand-in's, the observer's) because its class is
 * named in {@code software/amazon/awssdk/services/dynamodb/execution.interceptors} on the class path, the SDK's
 * documented hook for interceptors that the code building the clients does not know about. So nothing in core or
 * in the local runtime changes for the benchmark, at the price of one static field: the SDK makes the instances,
 * and they find the meter there.
 */
public final class MeteringInterceptor implements ExecutionInterceptor {

    private static final ExecutionAttribute<AtomicInteger> ATTEMPTS = new ExecutionAttribute<>("bench.attempts");
    private static final ExecutionAttribute<String> CALLER = new ExecutionAttribute<>("bench.caller");
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench.started");
    private static volatile DynamoDbMeter meter;

    /** Where calls are counted from now on ({@code null}: nowhere). */
    public static void install(DynamoDbMeter target) {
        meter = target;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(ATTEMPTS, new AtomicInteger());
        // A synchronous client runs the call on the caller's thread; read its name before anything hands off.
        attributes.putAttribute(CALLER, Callers.current());
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        AtomicInteger attempts = attributes.getAttribute(ATTEMPTS);
        if (attempts != null) {
            attempts.incrementAndGet();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes, false, Capacity.of(context.request(), context.response()));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes, true, Capacity.of(context.request(), null));
    }

    private static void record(ExecutionAttributes attributes, boolean failed, Capacity capacity) {
        DynamoDbMeter target = meter;
        if (target == null) {
            return;
        }
        AtomicInteger attempts = attributes.getAttribute(ATTEMPTS);
        String caller = attributes.getAttribute(CALLER);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Long started = attributes.getAttribute(STARTED);
        long millis = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        target.record(caller == null ? Callers.current() : caller, operation == null ? "?" : operation,
                attempts == null ? 1 : attempts.get(), failed, capacity, millis);
    }
}
