package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.store.WriteConflictException;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Independent units of conditional writes (one unit per task; a unit's own writes stay in order), {@link #IN_FLIGHT}
 * at a time instead of one after another, so a batch of a push's links waits for about a quarter of the round trips.
 * Their conditions rule out a batch request: BatchWriteItem takes none, and a transaction fails whole on one lost
 * condition and costs twice the write units.
 *
 * <p>{@link #IN_FLIGHT} stays within the HTTP client's keep-alive cache (the JDK keeps 5 idle connections a host), so
 * the writes reuse their connections. The threads are daemons, made at the first batch (none at a cold start) and
 * ended after {@link #IDLE} without work; a unit runs under the caller's log fields and thread name. A batch returns
 * only when every unit has ended: nothing of it is still being written when the caller moves on (to saving the same
 * links one by one after a failure, for example).
 */
final class ConcurrentWrites {

    /** Units written at once. */
    static final int IN_FLIGHT = 4;
    /** How long a thread waits for the next batch before it ends. */
    private static final Duration IDLE = Duration.ofSeconds(30);

    /** How one unit ended. */
    sealed interface Outcome<R> {
    }

    /** Written; {@code value} is the unit's result. */
    record Written<R>(R value) implements Outcome<R> {
    }

    /** Its condition refused it ({@link WriteConflictException}): nothing of this unit after that write ran. */
    record Refused<R>(WriteConflictException conflict) implements Outcome<R> {
    }

    private final String threadName;
    private ExecutorService pool;

    ConcurrentWrites(String threadName) {
        this.threadName = threadName;
    }

    /**
     * Runs {@code unit} for every item, {@link #IN_FLIGHT} at a time, and returns their outcomes in the items' order
     * once every unit has ended.
     *
     * @throws RuntimeException the first failure other than a refused condition (a {@code StoreException}), thrown
     *                          after every other unit has ended, whatever they wrote (as after a crash)
     */
    <T, R> List<Outcome<R>> each(List<T> items, Function<T, R> unit) {
        if (items.size() < 2) {
            List<Outcome<R>> outcomes = new ArrayList<>();
            for (T item : items) {
                outcomes.add(run(unit, item));
            }
            return outcomes;
        }
        Map<String, String> logFields = MDC.getCopyOfContextMap();
        String caller = Thread.currentThread().getName();
        List<Future<Outcome<R>>> futures = new ArrayList<>(items.size());
        ExecutorService threads = pool();
        for (T item : items) {
            futures.add(threads.submit(() -> onBehalfOf(caller, logFields, () -> run(unit, item))));
        }
        List<Outcome<R>> outcomes = new ArrayList<>(items.size());
        Throwable failure = null;
        boolean interrupted = false;
        for (Future<Outcome<R>> future : futures) {
            while (true) {
                try {
                    outcomes.add(future.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the units are already under way: wait for them all the same
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    outcomes.add(null);
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw (RuntimeException) failure; // a unit is a Function: it throws nothing checked
        }
        return outcomes;
    }

    private static <T, R> Outcome<R> run(Function<T, R> unit, T item) {
        try {
            return new Written<>(unit.apply(item));
        } catch (WriteConflictException e) {
            return new Refused<>(e);
        }
    }

    /**
     * Runs {@code body} with the caller's log fields and under the caller's thread name (with " writes" after it), so
     * logs, a thread dump and a per-thread meter (the local benchmark's) see whose writes they are.
     */
    private static <R> R onBehalfOf(String caller, Map<String, String> fields, Supplier<R> body) {
        Thread thread = Thread.currentThread();
        String own = thread.getName();
        thread.setName(caller + " writes");
        if (fields == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(fields);
        }
        try {
            return body.get();
        } finally {
            MDC.clear();
            thread.setName(own);
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            AtomicInteger count = new AtomicInteger();
            ThreadPoolExecutor threads = new ThreadPoolExecutor(IN_FLIGHT, IN_FLIGHT, IDLE.toMillis(),
                    TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, threadName + "-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            // Idle threads end: a store nobody closes (a test's, a container's between bursts) keeps none.
            threads.allowCoreThreadTimeOut(true);
            pool = threads;
        }
        return pool;
    }
}
