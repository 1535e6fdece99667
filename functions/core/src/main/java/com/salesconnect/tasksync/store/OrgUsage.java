package com.salesconnect.tasksync.store;

import java.time.Instant;

/**
 * An org's Salesforce API use as the sync sees it: its own calls over the last 24 hours (Salesforce's daily limit is
 * a rolling 24 hours) and the org's whole use and limit as the latest {@code Sforce-Limit-Info} reported them.
 *
 * @param reportedAt when the org's use was last reported; null when no answer carried it
 */
public record OrgUsage(long ownCallsLast24h, long orgUsed, long orgLimit, Instant reportedAt) {

    public static final OrgUsage UNKNOWN = new OrgUsage(0, 0, 0, null);
}
