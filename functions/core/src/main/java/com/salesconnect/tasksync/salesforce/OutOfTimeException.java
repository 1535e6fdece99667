package com.salesconnect.tasksync.salesforce;

/**
 * A Salesforce call was not started (or not retried) because the invocation has too little time left: nothing
 * is wrong with Salesforce, the work is retried by the caller (stream redelivery, message retry, next sweep).
 */
public final class OutOfTimeException extends SalesforceException {

    public OutOfTimeException(String message) {
        super(message, null);
    }
}
