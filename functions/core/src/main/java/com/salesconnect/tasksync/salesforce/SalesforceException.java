package com.salesconnect.tasksync.salesforce;

/** A failed Salesforce call. Messages never carry tokens or record data. */
public abstract sealed class SalesforceException extends RuntimeException
        permits SalesforceUnavailableException, RequestLimitExceededException, ConnectionBrokenException,
        SalesforceRequestException, OutOfTimeException {

    protected SalesforceException(String message, Throwable cause) {
        super(message, cause);
    }
}
