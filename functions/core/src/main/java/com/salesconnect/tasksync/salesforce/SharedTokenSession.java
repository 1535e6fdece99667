package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.crypto.TokenCipher;
import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.AccessTokenStore;
import com.salesconnect.tasksync.store.AccessTokenStore.SharedAccessToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Optional;

/**
 * A session on the access token shared for one connection. Renewing means reading the shared token again: another
 * function may have renewed the session meanwhile. A token shared for another identity (the user reconnected as
 * someone else) is never used.
 */
final class SharedTokenSession implements SalesforceSession {

    private static final Logger LOG = LoggerFactory.getLogger(SharedTokenSession.class);

    private final SalesforceConnection connection;
    private final TokenCipher cipher;
    private final AccessTokenStore accessTokens;
    private final HeldToken held = new HeldToken();

    SharedTokenSession(SalesforceConnection connection, TokenCipher cipher, AccessTokenStore accessTokens) {
        this.connection = connection;
        this.cipher = cipher;
        this.accessTokens = accessTokens;
    }

    @Override
    public AccessToken token() {
        return held.get(() -> shared().orElseThrow(() -> new SessionUnavailableException(
                "no Salesforce access token is shared for this connection yet")));
    }

    @Override
    public AccessToken renew(AccessToken rejected) {
        return held.renew(rejected, () -> newerThan(rejected));
    }

    private AccessToken newerThan(AccessToken rejected) {
        Optional<AccessToken> fresh = shared().filter(token -> !token.value().equals(rejected.value()));
        if (fresh.isEmpty()) {
            LOG.info("shared Salesforce access token rejected and none newer: userId={}", connection.userId());
            throw new SessionUnavailableException("Salesforce rejected the shared access token; none newer is shared");
        }
        return fresh.get();
    }

    private Optional<AccessToken> shared() {
        return accessTokens.get(UserId.of(connection.userId()))
                .filter(t -> t.orgId().equals(connection.orgId()) && t.sfUserId().equals(connection.sfUserId()))
                .map(this::decrypt);
    }

    private AccessToken decrypt(SharedAccessToken shared) {
        String value = cipher.decrypt(shared.encryptedAccessToken(), TokenContext.accessToken(connection.userId()));
        return new AccessToken(value, URI.create(shared.instanceUrl()));
    }
}
