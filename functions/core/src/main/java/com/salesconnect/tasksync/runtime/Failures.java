package com.salesconnect.tasksync.runtime;

/**
 * How handlers name a failure in their one log line: the exception's class and where it was thrown, never its
 * message (which may quote a request, a token or task content).
 */
public final class Failures {

    private Failures() {
    }

    /** e.g. {@code StoreException at DynamoDbTaskStore.save:52 (cause SdkClientException)}. */
    public static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder(failure.getClass().getSimpleName());
        StackTraceElement[] trace = failure.getStackTrace();
        if (trace.length > 0) {
            String className = trace[0].getClassName();
            out.append(" at ").append(className.substring(className.lastIndexOf('.') + 1))
                    .append('.').append(trace[0].getMethodName()).append(':').append(trace[0].getLineNumber());
        }
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure) {
            out.append(" (cause ").append(cause.getClass().getSimpleName()).append(')');
        }
        return out.toString();
    }
}
