package com.salesconnect.tasksync.local.lambda;

import java.util.Map;

/**
 * Makes one instance of a function's handler class (one "execution environment") from the function's resolved
 * environment, as Lambda does at cold start.
 */
@FunctionalInterface
public interface HandlerFactory {

    Object create(Class<?> handlerClass, Map<String, String> environment) throws ReflectiveOperationException;
}
