package com.salesconnect.tasksync.settings;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's OAuth connection to a Salesforce org. The refresh token is held only encrypted
 * ({@link com.salesconnect.tasksync.crypto.TokenCipher}); it is never logged or returned to a caller.
 *
 * @param sfUserId               the connected Salesforce user: owner of every synced task
 * @param encryptedRefreshToken  base64 ciphertext
 * @param brokenReason           a short, user-safe reason when BROKEN
 */
public record SalesforceConnection(
        String userId,
        String orgId,
        String sfUserId,
        String instanceUrl,
        String encryptedRefreshToken,
        ConnectionState state,
        Instant connectedAt,
        String brokenReason,
        long version) {

    public SalesforceConnection {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(sfUserId, "sfUserId");
        Objects.requireNonNull(instanceUrl, "instanceUrl");
        Objects.requireNonNull(encryptedRefreshToken, "encryptedRefreshToken");
        Objects.requireNonNull(state, "state");
    }

    @Override
    public String toString() {
        return "SalesforceConnection[userId=" + userId + ", orgId=" + orgId + ", sfUserId=" + sfUserId
                + ", state=" + state + "]";
    }
}
