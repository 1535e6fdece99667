package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.settings.SalesforceConnection;

/**
 * Opens the API of a connected user. {@link DefaultSalesforceApiFactory} renews access tokens with the (decrypted)
 * refresh token, stores a rotated refresh token through the connection store, shares each new access token
 * ({@code AccessTokenStore}) and marks the connection BROKEN when renewal is refused; {@link SharedSessionApiFactory}
 * (salesforce-inbound) only uses the shared access token and never writes anything about the connection.
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
