package com.salesconnect.tasksync.crypto;

import java.util.Map;
import java.util.Objects;

/**
 * What a secret is and whose it is, bound to its ciphertext: with KMS as the encryption context
 * {@code {"purpose": ..., "userId" | "orgId": ...}}. The owner binding means a ciphertext copied to another user's
 * item does not decrypt; the purpose lets each function's IAM policy allow the key only for the secrets that
 * function handles ({@code kms:EncryptionContext:purpose}, see template.yaml): the internet-facing inbound function,
 * for example, can decrypt shared access tokens but no refresh token and no webhook token.
 *
 * @param owner the user id or org id the secret belongs to
 */
public record TokenContext(Purpose purpose, String owner) {

    /** The encryption-context key holding the purpose; template.yaml's conditions name it. */
    public static final String PURPOSE_KEY = "purpose";

    /** The kinds of secret, each with its encryption-context value and the key naming its owner. */
    public enum Purpose {
        /** A connection's Salesforce refresh token, owned by the Sales Connect user. */
        REFRESH_TOKEN("refresh-token", "userId"),
        /** The current Salesforce access token shared with the inbound function, owned by the user. */
        ACCESS_TOKEN("access-token", "userId"),
        /** An org's Outbound Message webhook token, owned by the Salesforce org. */
        WEBHOOK_TOKEN("webhook-token", "orgId");

        private final String value;
        private final String ownerKey;

        Purpose(String value, String ownerKey) {
            this.value = value;
            this.ownerKey = ownerKey;
        }

        public String value() {
            return value;
        }

        public String ownerKey() {
            return ownerKey;
        }
    }

    public TokenContext {
        Objects.requireNonNull(purpose, "purpose");
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("a token context needs its owner");
        }
    }

    public static TokenContext refreshToken(String userId) {
        return new TokenContext(Purpose.REFRESH_TOKEN, userId);
    }

    public static TokenContext accessToken(String userId) {
        return new TokenContext(Purpose.ACCESS_TOKEN, userId);
    }

    public static TokenContext webhookToken(String orgId) {
        return new TokenContext(Purpose.WEBHOOK_TOKEN, orgId);
    }

    /** The KMS encryption context: exactly two keys, the purpose and the owner. */
    public Map<String, String> encryptionContext() {
        return Map.of(PURPOSE_KEY, purpose.value(), purpose.ownerKey(), owner);
    }

    /** A canonical text of the context (associated data of the local cipher). */
    public String canonical() {
        return PURPOSE_KEY + "=" + purpose.value() + "\n" + purpose.ownerKey() + "=" + owner;
    }

    @Override
    public String toString() {
        return purpose.value() + " of " + purpose.ownerKey() + " " + owner;
    }
}
