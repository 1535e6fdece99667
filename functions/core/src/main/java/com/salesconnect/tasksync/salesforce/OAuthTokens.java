package com.salesconnect.tasksync.salesforce;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A token response of Salesforce's OAuth token endpoint. {@code orgId} and {@code sfUserId} come from the
 * identity URL {@code .../id/<orgId>/<userId>}, whose signature was verified. {@link #toString()} hides tokens.
 *
 * @param refreshToken present after a code exchange, and after a refresh only when the app rotates refresh tokens
 */
public record OAuthTokens(
        String accessToken,
        String refreshToken,
        URI instanceUrl,
        String identityUrl,
        String orgId,
        String sfUserId,
        Instant issuedAt,
        String tokenType,
        String scope) {

    public OAuthTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(instanceUrl, "instanceUrl");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(sfUserId, "sfUserId");
    }

    public AccessToken access() {
        return new AccessToken(accessToken, instanceUrl);
    }

    @Override
    public String toString() {
        return "OAuthTokens[instanceUrl=" + instanceUrl + ", orgId=" + orgId + ", sfUserId=" + sfUserId
                + ", issuedAt=" + issuedAt + ", tokenType=" + tokenType + ", scope=" + scope
                + ", refreshToken=" + (refreshToken == null ? "absent" : "present") + "]";
    }
}
