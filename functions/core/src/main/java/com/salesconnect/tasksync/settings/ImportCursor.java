package com.salesconnect.tasksync.settings;

import java.time.Instant;

/**
 * Resume point of a paged import ordered by (SystemModstamp, Id): the last record already applied.
 * Keyset paging survives a crash and the 15-minute expiry of Salesforce query locators.
 */
public record ImportCursor(Instant systemModstamp, String sfId) {
}
