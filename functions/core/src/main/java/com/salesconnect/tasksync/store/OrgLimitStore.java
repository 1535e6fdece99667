package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.OrgId;

import java.time.Instant;
import java.util.Optional;

/**
 * Orgs that answered REQUEST_LIMIT_EXCEEDED (no call goes to them before {@code blockedUntil}; a block another
 * container recorded may be seen up to a second late, see {@code DynamoDbOrgLimitStore}), and each org's API
 * use: the sync's own calls, counted by the hour, beside what Salesforce last reported for the whole org; and
 * whether the org's change events flow (both pace the org's sweeps).
 */
public interface OrgLimitStore {

    Optional<Instant> blockedUntil(OrgId orgId);

    void blockUntil(OrgId orgId, Instant until);

    /** Adds {@code calls} to the hour of {@code at}; {@code orgUsed}/{@code orgLimit} 0 when not reported. */
    void addCalls(OrgId orgId, Instant at, long calls, long orgUsed, long orgLimit);

    /** The sync's calls to the org over the 24 hours before {@code now}, and the org's last reported use. */
    OrgUsage usage(OrgId orgId, Instant now);

    /**
     * A change event from the org arrived at {@code at} (see {@link ChangeEventFlow}): the org's sweeps may slow.
     */
    void changeEventSeen(OrgId orgId, Instant at);

    /** A GAP event (or one the sync could not apply) arrived at {@code at}: the org's sweeps run at full pace. */
    void changeEventGap(OrgId orgId, Instant at);

    /** The org's change event flow; {@link ChangeEventFlow#NONE} when no event ever arrived. */
    ChangeEventFlow changeEvents(OrgId orgId);
}
