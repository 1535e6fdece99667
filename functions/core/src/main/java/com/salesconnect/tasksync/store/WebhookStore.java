package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.OrgId;

import java.util.Optional;

/**
 * The Outbound Message endpoint token of each connected Salesforce org (one per org). Only a hash of the
 * token is used for lookup; the token itself is kept encrypted so the Settings page can show the URL again.
 */
public interface WebhookStore {

    record Webhook(String orgId, String tokenHash, String encryptedToken) {
        @Override
        public String toString() {
            return "Webhook[orgId=" + orgId + "]";
        }
    }

    Optional<Webhook> forOrg(OrgId orgId);

    /** The org whose token hashes to {@code tokenHash}. */
    Optional<String> orgForTokenHash(String tokenHash);

    /**
     * Stores the org's webhook unless it already has one; returns the one that is stored afterwards
     * (the existing one when two connects race).
     */
    Webhook createIfAbsent(Webhook webhook);
}
