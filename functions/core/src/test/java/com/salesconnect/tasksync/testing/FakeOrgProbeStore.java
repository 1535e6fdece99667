package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.OrgProbe;
import com.salesconnect.tasksync.store.OrgProbeStore;
import com.salesconnect.tasksync.store.Page;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory {@link OrgProbeStore} with the DynamoDB adapter's rules (newest probe wins, checks expire in a week). */
public final class FakeOrgProbeStore implements OrgProbeStore {

    /** Armed failures by operation name ("probers", "latest", "save", ...). */
    public final Faults faults = new Faults();
    private final Clock clock;
    /** Each org's prober and when it was nominated, as the DynamoDB adapter's prober item holds them. */
    private record Nomination(String userId, Instant at) {
    }

    private final TreeMap<String, Nomination> probers = new TreeMap<>();
    private final Map<String, OrgProbe> probes = new HashMap<>();
    private final Map<String, Instant> checks = new HashMap<>();

    public FakeOrgProbeStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void nominate(OrgId org, UserId user) {
        probers.put(org.value(), new Nomination(user.value(), clock.instant()));
    }

    @Override
    public synchronized Optional<Instant> nominatedAt(OrgId org) {
        faults.check("nominatedAt");
        return Optional.ofNullable(probers.get(org.value())).map(Nomination::at);
    }

    @Override
    public synchronized void retire(OrgId org, UserId user) {
        Nomination nomination = probers.get(org.value());
        if (nomination != null && nomination.userId().equals(user.value())) {
            probers.remove(org.value());
        }
    }

    @Override
    public synchronized Page<Prober> probers(String cursor, int limit) {
        faults.check("probers");
        List<Prober> page = new ArrayList<>();
        String next = null;
        for (Map.Entry<String, Nomination> e
                : (cursor == null ? probers : probers.tailMap(cursor, false)).entrySet()) {
            if (page.size() == limit) {
                next = page.get(page.size() - 1).orgId();
                break;
            }
            page.add(new Prober(e.getKey(), e.getValue().userId()));
        }
        return new Page<>(page, next);
    }

    @Override
    public synchronized Optional<OrgProbe> latest(OrgId org) {
        String orgId = org.value();
        return Optional.ofNullable(probes.get(orgId))
                .filter(p -> p.probedAt().plus(Duration.ofDays(2)).isAfter(clock.instant()));
    }

    @Override
    public synchronized void save(OrgProbe probe) {
        faults.check("save");
        OrgProbe stored = probes.get(probe.orgId());
        if (stored == null || stored.probedAt().isBefore(probe.probedAt())) {
            probes.put(probe.orgId(), probe);
        }
    }

    @Override
    public synchronized Optional<Instant> accessCheckedAt(OrgId org, UserId user) {
        String orgId = org.value();
        String userId = user.value();
        return Optional.ofNullable(checks.get(orgId + "/" + userId))
                .filter(at -> at.plus(Duration.ofDays(7)).isAfter(clock.instant()));
    }

    @Override
    public synchronized void accessChecked(OrgId org, UserId user, Instant at) {
        String orgId = org.value();
        String userId = user.value();
        checks.put(orgId + "/" + userId, at);
    }
}
