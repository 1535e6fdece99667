package com.salesconnect.tasksync.salesforce;

/**
 * This function holds no Salesforce session it may use, and may not renew one (salesforce-inbound: no shared
 * access token yet, or the shared one was rejected and no newer one is shared). Not a fault of the connection:
 * the functions that renew sessions will share a new token, and the work is left to them (the sweep).
 */
public final class SessionUnavailableException extends SalesforceException {

    public SessionUnavailableException(String message) {
        super(message, null);
    }
}
