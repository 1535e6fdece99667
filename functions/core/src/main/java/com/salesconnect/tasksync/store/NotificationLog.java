package com.salesconnect.tasksync.store;

import java.time.Instant;

/**
 * Outbound Message notification ids already applied, kept for 25 hours (Salesforce retries for 24):
 * a redelivered notification is acknowledged without work. Written only after its changes are durable.
 */
public interface NotificationLog {

    boolean seen(String orgId, String notificationId);

    void record(String orgId, String notificationId, Instant expiresAt);
}
