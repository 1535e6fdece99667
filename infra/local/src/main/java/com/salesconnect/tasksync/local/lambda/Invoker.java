package com.salesconnect.tasksync.local.lambda;

/** Something that runs a function synchronously with a JSON payload (a {@link LocalFunction}, or a test double). */
@FunctionalInterface
public interface Invoker {

    InvocationResult invoke(String payload);
}
