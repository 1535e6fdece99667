package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.OrgId;
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

    public final Faults faults = new Faults();

    public FakeOrgLimitStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Instant> blockedUntil(OrgId org) {
        String orgId = org.value();
        return Optional.ofNullable(items.get(orgId)).filter(until -> until.isAfter(clock.instant()));
    }

    @Override
    public synchronized void blockUntil(OrgId org, Instant until) {
        String orgId = org.value();
        items.put(orgId, until);
    }

    @Override
    public synchronized void addCalls(OrgId org, Instant at, long n, long orgUsed, long orgLimit) {
        String orgId = org.value();
        calls.computeIfAbsent(orgId, k -> new TreeMap<>()).merge(at.truncatedTo(ChronoUnit.HOURS), n, Long::sum);
        if (orgLimit > 0) {
            reported.put(orgId, new OrgUsage(0, orgUsed, orgLimit, at));
        }
    }

    @Override
    public synchronized OrgUsage usage(OrgId org, Instant now) {
        faults.check("usage");
        String orgId = org.value();
        Instant from = now.minus(Duration.ofHours(23)).truncatedTo(ChronoUnit.HOURS);
        long own = calls.getOrDefault(orgId, new TreeMap<>()).subMap(from, true, now, true).values().stream()
                .mapToLong(Long::longValue).sum();
        OrgUsage r = reported.get(orgId);
        return r == null ? new OrgUsage(own, 0, 0, null) : new OrgUsage(own, r.orgUsed(), r.orgLimit(), r.reportedAt());
    }

    private final Map<String, ChangeEventFlow> flows = new HashMap<>();

    @Override
    public synchronized void changeEventSeen(OrgId org, Instant at) {
        String orgId = org.value();
        flows.merge(orgId, new ChangeEventFlow(at, null), (a, b) -> new ChangeEventFlow(at, a.gapAt()));
    }

    @Override
    public synchronized void changeEventGap(OrgId org, Instant at) {
        String orgId = org.value();
        flows.merge(orgId, new ChangeEventFlow(null, at), (a, b) -> new ChangeEventFlow(a.lastEventAt(), at));
    }

    @Override
    public synchronized ChangeEventFlow changeEvents(OrgId org) {
        String orgId = org.value();
        return flows.getOrDefault(orgId, ChangeEventFlow.NONE);
    }
}
