package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.settings.SalesforceConnection;

/**
 * Opens the API of a connected user. Implementations keep access tokens in memory only, renew them with the
 * (decrypted) refresh token, store a rotated refresh token through the connection store, and mark the
 * connection BROKEN when renewal is refused.
 */
public interface SalesforceApiFactory {

    SalesforceApi forConnection(SalesforceConnection connection);

    /**
     * The API for one piece of work that must end by {@code deadline}: no call (or retry) starts that could outlive
     * it ({@link OutOfTimeException}). Test doubles without time-outs need not override this.
     */
    default SalesforceApi forConnection(SalesforceConnection connection, Deadline deadline) {
        return forConnection(connection);
    }
}
