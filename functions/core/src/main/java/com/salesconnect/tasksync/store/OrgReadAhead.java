package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;

/**
 * Reads in one request the org's items a user's sweep reads one by one when it starts ({@link OrgLimitStore}'s
 * block, usage and change event flow, {@link OrgProbeStore}'s latest probe, prober and the user's access check).
 * Each value read answers only the first read of its item, on the thread that read ahead, within a second; a write
 * of the item through those stores drops it. A value served is one read a moment earlier, as a slower sweep would
 * have read it.
 */
public interface OrgReadAhead {

    /** Reads nothing ahead: for stores whose reads cost no request. */
    OrgReadAhead NONE = (org, user) -> {
    };

    void readAhead(OrgId org, UserId user);
}
