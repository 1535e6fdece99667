package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.store.StoreException;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Armed failures of a fake's operations, to simulate a crash or an outage at an exact step:
 * {@code faults.failNext("save")} makes the next {@code save} throw (a {@link StoreException} by default).
 */
public final class Faults {

    private final Map<String, Supplier<RuntimeException>> armed = new HashMap<>();
    private final Map<String, Integer> remaining = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private final Map<String, Runnable> before = new HashMap<>();

    public synchronized void failNext(String operation) {
        failNext(operation, 1, () -> new StoreException("injected failure of " + operation));
    }

    public synchronized void failNext(String operation, int times, Supplier<RuntimeException> failure) {
        armed.put(operation, failure);
        remaining.put(operation, times);
    }

    /** Runs {@code action} at the start of the next call of {@code operation}, which then goes on (a race). */
    public synchronized void beforeNext(String operation, Runnable action) {
        before.put(operation, action);
    }

    /** How many times {@code operation} was called (failed calls included). */
    public synchronized int calls(String operation) {
        return calls.getOrDefault(operation, 0);
    }

    public synchronized void clear() {
        armed.clear();
        remaining.clear();
    }

    /** Throws when {@code operation} is armed; called by the fakes at the start of each operation. */
    public void check(String operation) {
        Runnable action;
        synchronized (this) {
            action = before.remove(operation);
        }
        if (action != null) {
            action.run();
        }
        checkArmed(operation);
    }

    private synchronized void checkArmed(String operation) {
        calls.merge(operation, 1, Integer::sum);
        Integer left = remaining.get(operation);
        if (left == null || left <= 0) {
            return;
        }
        remaining.put(operation, left - 1);
        throw armed.get(operation).get();
    }
}
