package com.salesconnect.tasksync.store;

import java.time.Instant;
import java.util.Optional;

/** Orgs that answered REQUEST_LIMIT_EXCEEDED: no call goes to them before {@code blockedUntil}. */
public interface OrgLimitStore {

    Optional<Instant> blockedUntil(String orgId);

    void blockUntil(String orgId, Instant until);
}
