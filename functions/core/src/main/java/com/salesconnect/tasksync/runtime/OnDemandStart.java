package com.salesconnect.tasksync.runtime;

import java.util.function.Function;

/**
 * Whether this process is a Lambda execution environment starting on demand: its cold start is what a caller
 * waits for, so start-up work may run beside it on threads of its own. Not in a SnapStart snapshot's
 * initialisation (it runs before any caller waits, and is kept as it is), nor outside Lambda (tests, the local
 * runtime), where {@code AWS_LAMBDA_FUNCTION_NAME} is not set.
 */
public final class OnDemandStart {

    private OnDemandStart() {
    }

    /**
     * @param processEnvironment the process's own environment ({@code System::getenv}): the Lambda runtime's
     *                           variables describe the execution environment, not the function's configuration
     */
    public static boolean of(Function<String, String> processEnvironment) {
        String function = processEnvironment.apply("AWS_LAMBDA_FUNCTION_NAME");
        return function != null && !function.isBlank()
                && !"snap-start".equals(processEnvironment.apply("AWS_LAMBDA_INITIALIZATION_TYPE"));
    }
}
