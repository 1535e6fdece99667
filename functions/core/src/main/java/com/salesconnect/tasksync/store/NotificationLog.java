package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.OrgId;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Outbound Message notification ids already applied, kept for 25 hours (Salesforce retries for 24):
 * a redelivered notification is acknowledged without work. Written only after its changes are durable.
 */
public interface NotificationLog {

    boolean seen(OrgId orgId, String notificationId);

    /** The ids among {@code notificationIds} already applied: for a whole message, a few reads instead of one each. */
    default Set<String> seen(OrgId orgId, Collection<String> notificationIds) {
        Set<String> out = new HashSet<>();
        for (String id : notificationIds) {
            if (seen(orgId, id)) {
                out.add(id);
            }
        }
        return out;
    }

    void record(OrgId orgId, String notificationId, Instant expiresAt);

    /** Records many notification ids of one org at once: for a whole message, a few writes instead of one each. */
    default void recordAll(OrgId orgId, Collection<String> notificationIds, Instant expiresAt) {
        notificationIds.forEach(id -> record(orgId, id, expiresAt));
    }
}
