package com.salesconnect.tasksync.local.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Fires a rate schedule: every interval (the first one interval after start, as a new rate schedule does) it
 * builds the payload for the moment and hands it to the function's asynchronous invocation.
 */
public final class ScheduleRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);

    private final ScheduledExecutorService timer;

    public ScheduleRunner(String name, Duration every, Clock clock, Function<java.time.Instant, String> payload,
                          AsyncInvoker target) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "schedule-" + name);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                target.submit(payload.apply(clock.instant()));
            } catch (RuntimeException e) {
                LOG.warn("schedule {}: could not fire ({})", name, e.getClass().getSimpleName());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("schedule {} every {}", name, every);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
