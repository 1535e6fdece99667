package com.salesconnect.tasksync.store;

/**
 * A conditional write lost: the item was changed (or created) by someone else since it was read.
 * Callers re-read and decide again; a store never turns this into success or "not found".
 */
public class WriteConflictException extends RuntimeException {

    public WriteConflictException(String what) {
        super(what);
    }
}
