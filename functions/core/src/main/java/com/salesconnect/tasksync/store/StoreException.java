package com.salesconnect.tasksync.store;

/** The store could not be read or written (throttling, outage, malformed item). Never means "not found". */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
