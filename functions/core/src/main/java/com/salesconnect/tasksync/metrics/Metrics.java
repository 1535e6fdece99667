package com.salesconnect.tasksync.metrics;

import java.util.function.Supplier;

/**
 * The metrics of the invocation running on this thread: {@link com.salesconnect.tasksync.runtime.InvocationLog}
 * installs a recorder for each invocation and writes it out at its end; outside an invocation (tests, the
 * simulator) nothing is recorded. Ambient rather than passed through every constructor: the call sites are deep in
 * the sync rules, and one Lambda execution environment runs one invocation at a time (the local runtime runs each
 * on its own thread).
 */
public final class Metrics {

    private static final ThreadLocal<SyncMetrics> CURRENT = new ThreadLocal<>();

    private Metrics() {
    }

    /** This thread's invocation's metrics, or {@link SyncMetrics#NONE}. */
    public static SyncMetrics current() {
        SyncMetrics metrics = CURRENT.get();
        return metrics == null ? SyncMetrics.NONE : metrics;
    }

    /** Makes {@code metrics} this thread's until the returned scope is closed (which restores the previous ones). */
    public static Scope install(SyncMetrics metrics) {
        SyncMetrics previous = CURRENT.get();
        CURRENT.set(metrics);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Runs {@code work} with {@code metrics} installed (tests). */
    public static <T> T with(SyncMetrics metrics, Supplier<T> work) {
        try (Scope ignored = install(metrics)) {
            return work.get();
        }
    }

    /** An installed recorder; closing it restores the previous one. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
