package com.salesconnect.tasksync.local;

import com.salesconnect.tasksync.local.lambda.HandlerFactory;
import com.salesconnect.tasksync.wiring.SyncComponents;

import java.time.Clock;
import java.util.Map;

/**
 * Makes a handler as its Lambda would be made, but through the handler's {@code XHandler(SyncComponents)}
 * constructor: the components are wired from the function's own environment (as {@code System::getenv} would
 * give it in AWS) and the run's shared clock, so shifting the local clock shifts the functions too.
 */
final class SyncComponentsHandlers implements HandlerFactory {

    private final Clock clock;

    SyncComponentsHandlers(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Object create(Class<?> handlerClass, Map<String, String> environment) throws ReflectiveOperationException {
        SyncComponents components = SyncComponents.fromEnvironment(environment::get, clock);
        return handlerClass.getConstructor(SyncComponents.class).newInstance(components);
    }
}
