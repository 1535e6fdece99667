package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.store.OrgLimitStore;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link OrgLimitStore}; a block that has passed reads as absent. */
public final class FakeOrgLimitStore implements OrgLimitStore {

    private final Clock clock;
    private final Map<String, Instant> items = new HashMap<>();

    public FakeOrgLimitStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Instant> blockedUntil(String orgId) {
        return Optional.ofNullable(items.get(orgId)).filter(until -> until.isAfter(clock.instant()));
    }

    @Override
    public synchronized void blockUntil(String orgId, Instant until) {
        items.put(orgId, until);
    }
}
