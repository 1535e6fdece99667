package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.store.ChangeEventFlow;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.store.OrgUsage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory {@link OrgLimitStore}; a block that has passed reads as absent; calls are kept by the hour. */
public final class FakeOrgLimitStore implements OrgLimitStore {

    private final Clock clock;
    private final Map<String, Instant> items = new HashMap<>();
    private final Map<String, TreeMap<Instant, Long>> calls = new HashMap<>();
    private final Map<String, OrgUsage> reported = new HashMap<>();

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

    @Override
    public synchronized void addCalls(String orgId, Instant at, long n, long orgUsed, long orgLimit) {
        calls.computeIfAbsent(orgId, k -> new TreeMap<>()).merge(at.truncatedTo(ChronoUnit.HOURS), n, Long::sum);
        if (orgLimit > 0) {
            reported.put(orgId, new OrgUsage(0, orgUsed, orgLimit, at));
        }
    }

    @Override
    public synchronized OrgUsage usage(String orgId, Instant now) {
        Instant from = now.minus(Duration.ofHours(23)).truncatedTo(ChronoUnit.HOURS);
        long own = calls.getOrDefault(orgId, new TreeMap<>()).subMap(from, true, now, true).values().stream()
                .mapToLong(Long::longValue).sum();
        OrgUsage r = reported.get(orgId);
        return r == null ? new OrgUsage(own, 0, 0, null) : new OrgUsage(own, r.orgUsed(), r.orgLimit(), r.reportedAt());
    }

    private final Map<String, ChangeEventFlow> flows = new HashMap<>();

    @Override
    public synchronized void changeEventSeen(String orgId, Instant at) {
        flows.merge(orgId, new ChangeEventFlow(at, null), (a, b) -> new ChangeEventFlow(at, a.gapAt()));
    }

    @Override
    public synchronized void changeEventGap(String orgId, Instant at) {
        flows.merge(orgId, new ChangeEventFlow(null, at), (a, b) -> new ChangeEventFlow(a.lastEventAt(), at));
    }

    @Override
    public synchronized ChangeEventFlow changeEvents(String orgId) {
        return flows.getOrDefault(orgId, ChangeEventFlow.NONE);
    }
}
