package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.crypto.TokenCipher;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.AccessTokenStore;
import com.salesconnect.tasksync.store.OrgLimitStore;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Opens the API of a connected user on the access token the session-renewing functions shared
 * ({@link AccessTokenStore}), for the internet-facing salesforce-inbound function. It never renews a session: it
 * holds neither the connected app's secret nor a refresh token, and never writes a connection. When no usable
 * token is shared (none yet, or Salesforce answers 401 and no newer one is shared), or the connection is BROKEN,
 * calls throw {@link SessionUnavailableException}: Salesforce is not reachable from here now, and the sweep does
 * the work. The API is kept per user like {@link DefaultSalesforceApiFactory}'s.
 */
public final class SharedSessionApiFactory extends CachingApiFactory {

    private static final Pattern VERSION = Pattern.compile("v?[1-9][0-9]*\\.[0-9]");

    private final SalesforceHttp http;
    private final String apiVersion;
    private final TokenCipher cipher;
    private final AccessTokenStore accessTokens;

    /**
     * @param apiVersion REST API version such as {@code 62.0} or {@code v62.0}
     * @throws IllegalArgumentException when the version is not one
     */
    public SharedSessionApiFactory(SalesforceHttp http, String apiVersion, TokenCipher cipher,
                                   AccessTokenStore accessTokens, OrgLimitStore limits) {
        super(http, limits, () -> new SessionUnavailableException(
                "the Salesforce connection is broken; the user must connect again"));
        this.http = http;
        if (!VERSION.matcher(Objects.requireNonNull(apiVersion, "apiVersion")).matches()) {
            throw new IllegalArgumentException("apiVersion must look like 62.0");
        }
        this.apiVersion = apiVersion;
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
    }

    @Override
    HttpSalesforceApi open(SalesforceConnection connection) {
        SharedTokenSession session = new SharedTokenSession(connection, cipher, accessTokens);
        return new HttpSalesforceApi(http, session, apiVersion);
    }
}
