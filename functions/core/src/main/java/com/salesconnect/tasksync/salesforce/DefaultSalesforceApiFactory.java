package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.crypto.TokenCipher;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.AccessTokenStore;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.OrgLimitStore;

import java.util.Objects;

/**
 * Opens the API of a connected user, renewing sessions with the refresh token (the functions that may write the
 * connection: task-stream-outbound, reconciliation-sweep). The API (with its in-memory access token and
 * TaskStatus cache) is kept per user for as long as the container lives, so a warm Lambda neither renews a session
 * nor re-reads the picklist per invocation; connecting another Salesforce account starts a fresh one. Each new
 * access token is shared through the {@link AccessTokenStore} for salesforce-inbound, and a container's first call
 * for a user starts with the token shared there (renewing only when there is none or Salesforce refuses it). A
 * BROKEN connection gets a
 * {@link ConnectionBrokenException}: nothing is called until the user connects again.
 */
public final class DefaultSalesforceApiFactory extends CachingApiFactory {

    private final SalesforceHttp http;
    private final SalesforceOAuth oauth;
    private final TokenCipher cipher;
    private final ConnectionStore connections;
    private final AccessTokenStore accessTokens;

    public DefaultSalesforceApiFactory(SalesforceHttp http, SalesforceOAuth oauth, TokenCipher cipher,
                                       ConnectionStore connections, OrgLimitStore limits,
                                       AccessTokenStore accessTokens) {
        super(http, limits, () -> new ConnectionBrokenException(
                "the Salesforce connection is broken; the user must connect again", null));
        this.http = http;
        this.oauth = Objects.requireNonNull(oauth, "oauth");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
    }

    @Override
    HttpSalesforceApi open(SalesforceConnection connection) {
        ConnectionSession session = new ConnectionSession(connection, oauth, cipher, connections, accessTokens);
        return new HttpSalesforceApi(http, session, oauth.config().apiVersion());
    }
}
