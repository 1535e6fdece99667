package com.salesconnect.tasksync.salesforce;

/** Retryable failure (5xx, UNABLE_TO_LOCK_ROW, timeout) that outlasted the client's own retries. */
public final class SalesforceUnavailableException extends SalesforceException {

    public SalesforceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
