package com.salesconnect.tasksync.wiring;

import com.salesconnect.tasksync.runtime.OnDemandStart;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds parts that are built on first use ahead of that use, on a daemon thread, in a Lambda execution environment
 * that starts on demand: the AWS clients' HTTP client is then built while the handler's class starts its logging,
 * and the KMS client and Salesforce's HTTP client while the handler's constructor builds the DynamoDB client, or
 * its first request makes its first DynamoDB call, instead of one after the other. Building a part opens no
 * connection and reads no secret. Besides parts, work that only warms a path up ({@link #run}: one DynamoDB read of
 * an item no one writes) runs there too.
 *
 * <p>Nothing else changes: the part is the same {@link Lazy} the first use gets (it waits for a build under way),
 * and a build that fails here is not kept, so the first use builds again and fails as it would have. On only in an
 * {@link OnDemandStart} (not in a SnapStart snapshot's initialization, not outside Lambda).
 */
final class Prebuild {

    private final Function<String, String> processEnvironment;
    private volatile Boolean enabled;

    /**
     * @param processEnvironment the process's own environment ({@code System::getenv}): the Lambda runtime's
     *                           variables describe the execution environment, not the function's configuration, so
     *                           they are not read through the handler's lookup
     */
    Prebuild(Function<String, String> processEnvironment) {
        this.processEnvironment = Objects.requireNonNull(processEnvironment, "processEnvironment");
    }

    static Prebuild forThisProcess() {
        return new Prebuild(System::getenv);
    }

    static Prebuild off() {
        return new Prebuild(name -> null);
    }

    /** Read at the first use, so that building the wiring reads nothing. */
    boolean enabled() {
        Boolean known = enabled;
        if (known == null) {
            known = OnDemandStart.of(processEnvironment);
            enabled = known;
        }
        return known;
    }

    /** Starts building {@code part} on a daemon thread named after it (when enabled). */
    void start(String name, Supplier<?> part) {
        run(name, part::get);
    }

    /**
     * Starts {@code work} on a daemon thread named after it (when enabled). A failure is dropped: what the work
     * warms up is used later by code that meets the same failure and reports it.
     */
    void run(String name, Runnable work) {
        if (!enabled()) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                // Not kept: the first use builds the part again (or makes the same call) and reports what fails.
            }
        }, "prebuild-" + name);
        thread.setDaemon(true);
        thread.start();
    }
}
