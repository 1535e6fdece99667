package com.salesconnect.tasksync.store;

import java.time.Instant;

/**
 * When the sync last succeeded each way for one user (the Settings page's sync health).
 *
 * @param pushedAt the last push Salesforce accepted (Sales Connect to Salesforce); null before the first
 * @param pulledAt the last time Salesforce's changes were applied (Salesforce to Sales Connect); null before the
 *                 first
 */
public record LastSync(Instant pushedAt, Instant pulledAt) {

    public static final LastSync NEVER = new LastSync(null, null);
}
