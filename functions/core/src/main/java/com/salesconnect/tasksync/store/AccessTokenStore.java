package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The current Salesforce access token of each connected user, shared by the functions that renew sessions
 * (task-stream-outbound, reconciliation-sweep) with salesforce-inbound, which never renews one: with refresh-token
 * rotation a renewal returns a new refresh token that must be stored in the connection, which the internet-facing
 * function may not write.
 */
public interface AccessTokenStore {

    /**
     * One shared token of the connection (orgId, sfUserId) of {@code userId}.
     *
     * @param encryptedAccessToken encrypted with {@code TokenContext.accessToken(userId)}
     * @param issuedAt             Salesforce's {@code issued_at}: a newer token replaces an older one, never the reverse
     */
    record SharedAccessToken(String userId, String orgId, String sfUserId, String instanceUrl,
                             String encryptedAccessToken, Instant issuedAt) {

        public SharedAccessToken {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(orgId, "orgId");
            Objects.requireNonNull(sfUserId, "sfUserId");
            Objects.requireNonNull(instanceUrl, "instanceUrl");
            Objects.requireNonNull(encryptedAccessToken, "encryptedAccessToken");
            Objects.requireNonNull(issuedAt, "issuedAt");
        }

        @Override
        public String toString() {
            return "SharedAccessToken[userId=" + userId + ", orgId=" + orgId + ", sfUserId=" + sfUserId
                    + ", instanceUrl=" + instanceUrl + ", issuedAt=" + issuedAt + "]";
        }
    }

    /** The user's shared token; empty when none was shared, or it is older than a Salesforce session can live. */
    Optional<SharedAccessToken> get(UserId userId);

    /** Stores {@code token}, unless a token issued later is stored already (then nothing changes). */
    void share(SharedAccessToken token);
}
