package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.crypto.TokenCipher;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.AccessTokenStore;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.OrgLimitStore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Opens the API of a connected user, renewing sessions with the refresh token (the functions that may write the
 * connection: task-stream-outbound, reconciliation-sweep). The API (with its in-memory access token and
 * TaskStatus cache) is kept per user for as long as the container lives, so a warm Lambda neither renews a session
 * nor re-reads the picklist per invocation; connecting another Salesforce account starts a fresh one. Each new
 * access token is shared through the {@link AccessTokenStore} for salesforce-inbound.
 */
public final class DefaultSalesforceApiFactory implements SalesforceApiFactory {

    /** Sessions kept per container; the least recently used beyond this are dropped (they renew on next use). */
    static final int MAX_SESSIONS = 1_000;

    private final SalesforceHttp http;
    private final SalesforceOAuth oauth;
    private final TokenCipher cipher;
    private final ConnectionStore connections;
    private final OrgLimitStore limits;
    /** One per container: the org's API budget counts every request (see {@link ApiCallMeter}). */
    private final ApiCallMeter meter;
    private final AccessTokenStore accessTokens;
    private final Map<String, Opened> opened = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Opened> eldest) {
                    return size() > MAX_SESSIONS;
                }
            });

    private record Opened(String orgId, String sfUserId, HttpSalesforceApi api) {
    }

    public DefaultSalesforceApiFactory(SalesforceHttp http, SalesforceOAuth oauth, TokenCipher cipher,
                                       ConnectionStore connections, OrgLimitStore limits,
                                       AccessTokenStore accessTokens) {
        this.http = Objects.requireNonNull(http, "http");
        this.oauth = Objects.requireNonNull(oauth, "oauth");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.meter = new ApiCallMeter(limits, http.clock());
        this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
    }

    /**
     * @throws ConnectionBrokenException when the connection is BROKEN: nothing is called until the user connects
     *                                   again
     */
    @Override
    public SalesforceApi forConnection(SalesforceConnection connection) {
        return forConnection(connection, Deadline.NONE);
    }

    @Override
    public SalesforceApi forConnection(SalesforceConnection connection, Deadline deadline) {
        if (connection.state() == ConnectionState.BROKEN) {
            throw new ConnectionBrokenException("the Salesforce connection is broken; the user must connect again",
                    null);
        }
        HttpSalesforceApi api = opened.compute(connection.userId(), (userId, existing) ->
                existing != null && existing.orgId().equals(connection.orgId())
                        && existing.sfUserId().equals(connection.sfUserId())
                        ? existing
                        : open(connection)).api();
        return new OrgLimitGuard(connection.orgId(),
                api.within(deadline).countedBy(reported -> meter.counted(connection.orgId(), reported)), limits,
                http.clock());
    }

    private Opened open(SalesforceConnection connection) {
        ConnectionSession session = new ConnectionSession(connection.userId(), oauth, cipher, connections,
                accessTokens);
        return new Opened(connection.orgId(), connection.sfUserId(),
                new HttpSalesforceApi(http, session, oauth.config().apiVersion()));
    }
}
