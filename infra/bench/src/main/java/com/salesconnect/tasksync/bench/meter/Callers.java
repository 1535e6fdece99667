package com.salesconnect.tasksync.bench.meter;

/**
 * Who made a request, told by the name of the thread that made it: the local runtime runs each function's
 * invocations on threads named {@code lambda-<LogicalId>-<n>} and the Sales Connect stand-in's requests on its HTTP
 * server's {@code http-<n>} threads; the benchmark's own reads run on {@code bench-observer} threads.
 */
public final class Callers {

    /** The Sales Connect stand-in (its task API and Command Center). */
    public static final String APP = "app";
    /** The benchmark itself, looking at state to know when a phase is done: never part of a figure. */
    public static final String OBSERVER = "observer";
    /** Anything else: the runtime's start-up (tables, queues), its pollers. */
    public static final String OTHER = "other";
    /** The thread name prefix of the benchmark's observer threads. */
    public static final String OBSERVER_THREAD = "bench-observer";

    private Callers() {
    }

    public static String of(String threadName) {
        if (threadName.startsWith("lambda-")) {
            int end = threadName.lastIndexOf('-');
            return end > "lambda-".length() ? threadName.substring("lambda-".length(), end) : OTHER;
        }
        if (threadName.startsWith("http-")) {
            return APP;
        }
        if (threadName.startsWith(OBSERVER_THREAD)) {
            return OBSERVER;
        }
        return OTHER;
    }

    public static String current() {
        return of(Thread.currentThread().getName());
    }
}
