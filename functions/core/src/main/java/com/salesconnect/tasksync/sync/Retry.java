package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.store.WriteConflictException;

import java.util.function.Supplier;

/** Optimistic-locking retries: re-read and decide again, a bounded number of times. */
final class Retry {

    static final int ATTEMPTS = 4;

    private Retry() {
    }

    /** Runs {@code attempt} (which must re-read what it writes) until it does not lose a conditional write. */
    static <T> T onWriteConflict(Supplier<T> attempt) {
        WriteConflictException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                return attempt.get();
            } catch (WriteConflictException e) {
                last = e;
            }
        }
        throw last;
    }
}
