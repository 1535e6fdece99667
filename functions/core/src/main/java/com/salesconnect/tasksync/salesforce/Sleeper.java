package com.salesconnect.tasksync.salesforce;

import java.time.Duration;

/** Waits between retries; injected so tests run without sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
