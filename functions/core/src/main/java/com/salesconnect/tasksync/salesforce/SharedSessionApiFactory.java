package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.crypto.TokenCipher;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.AccessTokenStore;
import com.salesconnect.tasksync.store.OrgLimitStore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Opens the API of a connected user on the access token the session-renewing functions shared
 * ({@link AccessTokenStore}), for the internet-facing salesforce-inbound function. It never renews a session: it
 * holds neither the connected app's secret nor a refresh token, and never writes a connection. When no usable
 * token is shared (none yet, or Salesforce answers 401 and no newer one is shared), or the connection is BROKEN,
 * calls throw {@link SessionUnavailableException}: Salesforce is not reachable from here now, and the sweep does
 * the work.
 */
public final class SharedSessionApiFactory implements SalesforceApiFactory {

    private static final Pattern VERSION = Pattern.compile("v?[1-9][0-9]*\\.[0-9]");

    private final SalesforceHttp http;
    private final String apiVersion;
    private final TokenCipher cipher;
    private final AccessTokenStore accessTokens;
    private final OrgLimitStore limits;
    /** One per container: the org's API budget counts every request (see {@link ApiCallMeter}). */
    private final ApiCallMeter meter;
    private final Map<String, Opened> opened = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Opened> eldest) {
                    return size() > DefaultSalesforceApiFactory.MAX_SESSIONS;
                }
            });

    private record Opened(String orgId, String sfUserId, HttpSalesforceApi api) {
    }

    /**
     * @param apiVersion REST API version such as {@code 62.0} or {@code v62.0}
     * @throws IllegalArgumentException when the version is not one
     */
    public SharedSessionApiFactory(SalesforceHttp http, String apiVersion, TokenCipher cipher,
                                   AccessTokenStore accessTokens, OrgLimitStore limits) {
        this.http = Objects.requireNonNull(http, "http");
        if (!VERSION.matcher(Objects.requireNonNull(apiVersion, "apiVersion")).matches()) {
            throw new IllegalArgumentException("apiVersion must look like 62.0");
        }
        this.apiVersion = apiVersion;
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.meter = new ApiCallMeter(limits, http.clock());
    }

    /** @throws SessionUnavailableException when the connection is BROKEN: only a reconnect mends it */
    @Override
    public SalesforceApi forConnection(SalesforceConnection connection) {
        return forConnection(connection, Deadline.NONE);
    }

    @Override
    public SalesforceApi forConnection(SalesforceConnection connection, Deadline deadline) {
        if (connection.state() == ConnectionState.BROKEN) {
            throw new SessionUnavailableException("the Salesforce connection is broken; the user must connect again");
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
        SharedTokenSession session = new SharedTokenSession(connection, cipher, accessTokens);
        return new Opened(connection.orgId(), connection.sfUserId(), new HttpSalesforceApi(http, session, apiVersion));
    }
}
