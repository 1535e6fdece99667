package com.salesconnect.tasksync.salesforce;

/** The session cannot be renewed (refresh token revoked or expired): the user must connect again. */
public final class ConnectionBrokenException extends SalesforceException {

    public ConnectionBrokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
