package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.store.StoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Independent conditional writes (one item's condition never depends on another's write) sent together rather than
 * one after another: a batch of 200 links then takes about the latency of 200 / {@link #IN_FLIGHT} requests instead
 * of 200. DynamoDB's BatchWriteItem takes no condition, and a transaction costs moto a copy of the table per action,
 * so this is the way to keep conditions and lose the waiting. The writes run on a few daemon threads shared by the
 * container, under the calling thread's name (logs and per-invocation request accounting see the invocation).
 */
final class ParallelWrites {

    /** Requests in flight at once for one call. */
    static final int IN_FLIGHT = 8;

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static volatile ExecutorService pool;

    private ParallelWrites() {
    }

    /**
     * Applies {@code write} to every item, {@link #IN_FLIGHT} at a time, and returns the results in the items' order
     * once all are done. When writes fail, every other write still completes, then the first failure is thrown (a
     * {@link RuntimeException} as {@code write} threw it).
     */
    static <T, R> List<R> each(List<T> items, Function<T, R> write) {
        if (items.size() < 2) {
            return items.stream().map(write).toList();
        }
        String caller = Thread.currentThread().getName();
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(pool().submit(() -> underName(caller, () -> write.apply(item))));
        }
        List<R> results = new ArrayList<>(items.size());
        RuntimeException first = null;
        boolean interrupted = false;
        for (Future<R> f : futures) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                results.add(null);
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r
                            : new StoreException("a write failed", e.getCause());
                }
            } catch (InterruptedException e) {
                interrupted = true;
                results.add(null);
                if (first == null) {
                    first = new StoreException("interrupted while writing", e);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first != null) {
            throw first;
        }
        return results;
    }

    private static <R> R underName(String caller, java.util.function.Supplier<R> work) {
        Thread self = Thread.currentThread();
        String own = self.getName();
        self.setName(caller);
        try {
            return work.get();
        } finally {
            self.setName(own);
        }
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (ParallelWrites.class) {
                p = pool;
                if (p == null) {
                    p = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
                        Thread t = new Thread(r, "dynamodb-write-" + THREADS.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    pool = p;
                }
            }
        }
        return p;
    }
}
