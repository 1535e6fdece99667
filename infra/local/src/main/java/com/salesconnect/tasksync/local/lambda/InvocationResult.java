package com.salesconnect.tasksync.local.lambda;

/** What one invocation of a function returned: its response payload, or the error Lambda would report. */
public sealed interface InvocationResult {

    /** @param payload the response as JSON text, as the Lambda runtime serialised it ({@code null} for none) */
    record Success(String payload) implements InvocationResult {
    }

    /**
     * The function threw, timed out or could not read its input ({@code X-Amz-Function-Error: Unhandled}).
     *
     * @param errorType    the exception class, or {@code Sandbox.Timedout}
     * @param errorMessage for the log only: it is never sent to an HTTP caller
     */
    record FunctionError(String errorType, String errorMessage) implements InvocationResult {
    }

    default boolean failed() {
        return this instanceof FunctionError;
    }
}
