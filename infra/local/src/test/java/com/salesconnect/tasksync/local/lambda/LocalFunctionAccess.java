package com.salesconnect.tasksync.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;

/** Lets tests in other packages use the Lambda runtime's serialisers as {@link LocalFunction} does. */
public final class LocalFunctionAccess {

    private LocalFunctionAccess() {
    }

    public static PojoSerializer<Object> serializer(Class<?> type) {
        return LocalFunction.serializer(type);
    }
}
