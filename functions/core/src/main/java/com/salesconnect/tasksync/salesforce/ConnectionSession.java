package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.crypto.CipherException;
import com.salesconnect.tasksync.crypto.TokenCipher;
import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.AccessTokenStore;
import com.salesconnect.tasksync.store.AccessTokenStore.SharedAccessToken;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.WriteConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Optional;

/**
 * The session of one stored connection. Its first token is the one shared for the connection when there is one;
 * renewing the access token reads the connection again (another container
 * may have rotated the refresh token meanwhile), decrypts the refresh token, stores a rotated one, marks the
 * connection BROKEN when Salesforce refuses the grant, and shares the new access token (encrypted) with the
 * salesforce-inbound function, which may not renew sessions itself ({@link SharedSessionApiFactory}).
 */
final class ConnectionSession implements SalesforceSession {

    /** Shown on the Settings page: says what to do, nothing about internals. */
    static final String BROKEN_REASON = "Salesforce no longer accepts this connection. Please connect again.";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSession.class);
    private static final int STORE_ATTEMPTS = 3;

    private final String userId;
    private final String orgId;
    private final String sfUserId;
    private final SalesforceOAuth oauth;
    private final TokenCipher cipher;
    private final ConnectionStore connections;
    private final AccessTokenStore accessTokens;
    private final HeldToken held = new HeldToken();

    /** The session of {@code connection}'s user, with its identity (a token shared for another is never used). */
    ConnectionSession(SalesforceConnection connection, SalesforceOAuth oauth, TokenCipher cipher,
                      ConnectionStore connections, AccessTokenStore accessTokens) {
        this.userId = connection.userId();
        this.orgId = connection.orgId();
        this.sfUserId = connection.sfUserId();
        this.oauth = oauth;
        this.cipher = cipher;
        this.connections = connections;
        this.accessTokens = accessTokens;
    }

    /**
     * The session's first token is the one shared for this connection when there is one (another container's
     * renewal): that spares a container's first call the renewal (the app's secret, the token endpoint, an
     * encryption and a write). Salesforce refusing it renews as before.
     */
    @Override
    public AccessToken token() {
        return held.get(() -> shared().orElseGet(this::refresh));
    }

    /** The token shared for this very identity, decrypted; empty when there is none or it cannot be read. */
    private Optional<AccessToken> shared() {
        try {
            return accessTokens.get(UserId.of(userId))
                    .filter(t -> t.orgId().equals(orgId) && t.sfUserId().equals(sfUserId))
                    .map(t -> new AccessToken(cipher.decrypt(t.encryptedAccessToken(),
                            TokenContext.accessToken(userId)), URI.create(t.instanceUrl())));
        } catch (StoreException | CipherException | IllegalArgumentException e) {
            LOG.info("shared Salesforce access token not usable, renewing the session: userId={} failure={}", userId,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public AccessToken renew(AccessToken rejected) {
        return held.renew(rejected, this::refresh);
    }

    private AccessToken refresh() {
        for (int attempt = 1; ; attempt++) {
            SalesforceConnection connection = stored();
            OAuthTokens tokens;
            try {
                tokens = oauth.refresh(cipher.decrypt(connection.encryptedRefreshToken(),
                        TokenContext.refreshToken(userId)));
            } catch (ConnectionBrokenException refused) {
                if (markBroken(connection) || attempt >= STORE_ATTEMPTS) {
                    throw new ConnectionBrokenException("Salesforce refused to renew the session of a connection",
                            refused);
                }
                // The stored refresh token changed while ours was refused (rotated or reconnected): use that one.
                continue;
            }
            if (tokens.refreshToken() != null || !tokens.instanceUrl().toString().equals(connection.instanceUrl())) {
                storeRenewal(connection, tokens);
            }
            share(connection, tokens);
            LOG.debug("Salesforce session renewed for a connection");
            return tokens.access();
        }
    }

    private SalesforceConnection stored() {
        SalesforceConnection connection = connections.get(UserId.of(userId)).orElseThrow(
                () -> new ConnectionBrokenException("the user has no Salesforce connection", null));
        if (connection.state() == ConnectionState.BROKEN) {
            throw new ConnectionBrokenException("the Salesforce connection is broken; the user must connect again",
                    null);
        }
        return connection;
    }

    /**
     * Marks the connection BROKEN unless its refresh token changed since it was read; true when it is broken now
     * (or gone), false when a newer refresh token deserves a try.
     */
    private boolean markBroken(SalesforceConnection refused) {
        SalesforceConnection connection = refused;
        for (int attempt = 1; attempt <= STORE_ATTEMPTS; attempt++) {
            try {
                connections.save(new SalesforceConnection(connection.userId(), connection.orgId(),
                        connection.sfUserId(), connection.instanceUrl(), connection.encryptedRefreshToken(),
                        ConnectionState.BROKEN, connection.connectedAt(), BROKEN_REASON, connection.version()));
                LOG.warn("Salesforce refused to renew a session: connection marked BROKEN");
                return true;
            } catch (WriteConflictException e) {
                Optional<SalesforceConnection> fresh = connections.get(UserId.of(userId));
                if (fresh.isEmpty() || fresh.get().state() == ConnectionState.BROKEN) {
                    return true;
                }
                if (!fresh.get().encryptedRefreshToken().equals(refused.encryptedRefreshToken())) {
                    return false;
                }
                connection = fresh.get();
            }
        }
        throw new WriteConflictException("connection of a user kept changing while it was marked broken");
    }

    /**
     * Shares the new access token with salesforce-inbound. A failure here costs only that function's use of
     * Salesforce until the next renewal (it leaves its work to the sweep), so it is logged and this renewal goes on.
     */
    private void share(SalesforceConnection connection, OAuthTokens tokens) {
        try {
            accessTokens.share(new SharedAccessToken(userId, connection.orgId(), connection.sfUserId(),
                    tokens.instanceUrl().toString(),
                    cipher.encrypt(tokens.accessToken(), TokenContext.accessToken(userId)),
                    tokens.issuedAt()));
        } catch (StoreException | CipherException e) {
            LOG.warn("Salesforce access token not shared with the inbound function: userId={} failure={}", userId,
                    e.getClass().getSimpleName());
        }
    }

    /** Stores a rotated refresh token (encrypted) and a moved instance URL, re-reading on a lost race. */
    private void storeRenewal(SalesforceConnection read, OAuthTokens tokens) {
        SalesforceConnection connection = read;
        String encrypted = tokens.refreshToken() == null
                ? null : cipher.encrypt(tokens.refreshToken(), TokenContext.refreshToken(userId));
        for (int attempt = 1; attempt <= STORE_ATTEMPTS; attempt++) {
            try {
                // Another container may have marked the connection BROKEN because the token we just renewed with
                // was refused to it (it raced us to the rotation). Our renewal proves the connection works: the
                // BROKEN mark set against that same token is undone; one set against another token stays.
                boolean revive = connection.state() == ConnectionState.BROKEN
                        && connection.encryptedRefreshToken().equals(read.encryptedRefreshToken());
                connections.save(new SalesforceConnection(connection.userId(), connection.orgId(),
                        connection.sfUserId(), tokens.instanceUrl().toString(),
                        encrypted != null ? encrypted : connection.encryptedRefreshToken(),
                        revive ? ConnectionState.CONNECTED : connection.state(), connection.connectedAt(),
                        revive ? null : connection.brokenReason(), connection.version()));
                if (revive) {
                    LOG.info("Salesforce connection marked BROKEN by a concurrent renewal race: restored");
                }
                return;
            } catch (WriteConflictException e) {
                Optional<SalesforceConnection> fresh = connections.get(UserId.of(userId));
                if (fresh.isEmpty() || !fresh.get().orgId().equals(read.orgId())
                        || !fresh.get().sfUserId().equals(read.sfUserId())) {
                    // The user disconnected or connected another account meanwhile: these tokens are not theirs.
                    LOG.info("Salesforce connection changed during a renewal; rotated token not stored");
                    return;
                }
                connection = fresh.get();
            }
        }
        throw new WriteConflictException("connection of a user kept changing while a rotated token was stored");
    }
}
