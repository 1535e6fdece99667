package com.salesconnect.tasksync.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Orgs that answered REQUEST_LIMIT_EXCEEDED (no call goes to them before {@code blockedUntil}), and each org's API
 * use: the sync's own calls, counted by the hour, beside what Salesforce last reported for the whole org.
 */
public interface OrgLimitStore {

    Optional<Instant> blockedUntil(String orgId);

    void blockUntil(String orgId, Instant until);

    /** Adds {@code calls} to the hour of {@code at}; {@code orgUsed}/{@code orgLimit} 0 when not reported. */
    void addCalls(String orgId, Instant at, long calls, long orgUsed, long orgLimit);

    /** The sync's calls to the org over the 24 hours before {@code now}, and the org's last reported use. */
    OrgUsage usage(String orgId, Instant now);
}
