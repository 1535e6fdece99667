package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the requests this container sends to each org and adds them to the org's hourly count in the
 * {@link OrgLimitStore} every {@value #FLUSH_CALLS} requests or {@link #FLUSH_AFTER}, whichever comes first, with the
 * org's use as the latest {@code Sforce-Limit-Info} reported it. A container that stops loses at most that many
 * uncounted requests. Counting never fails a call: a store failure is logged and the counts are kept for later.
 */
public final class ApiCallMeter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiCallMeter.class);
    static final int FLUSH_CALLS = 10;
    static final Duration FLUSH_AFTER = Duration.ofMinutes(1);

    private final OrgLimitStore store;
    private final Clock clock;
    private final Map<String, Pending> pending = new HashMap<>();

    private static final class Pending {
        long calls;
        Instant since;
        SalesforceApi.ApiUsage usage;
    }

    public ApiCallMeter(OrgLimitStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One request sent to {@code orgId}; {@code usage} is what its answer reported (null when nothing). */
    public void counted(String orgId, SalesforceApi.ApiUsage usage) {
        Instant now = clock.instant();
        Metrics.current().salesforceCall(usage == null || usage.limit() <= 0 ? -1
                : Math.max(0, 100.0 * (usage.limit() - usage.used()) / usage.limit()));
        long calls;
        SalesforceApi.ApiUsage reported;
        synchronized (this) {
            Pending p = pending.computeIfAbsent(orgId, k -> new Pending());
            if (p.calls == 0) {
                p.since = now;
            }
            p.calls++;
            if (usage != null) {
                p.usage = usage;
            }
            if (p.calls < FLUSH_CALLS && now.isBefore(p.since.plus(FLUSH_AFTER))) {
                return;
            }
            calls = p.calls;
            reported = p.usage;
            pending.remove(orgId);
        }
        try {
            store.addCalls(OrgId.of(orgId), now, calls, reported == null ? 0 : reported.used(),
                    reported == null ? 0 : reported.limit());
        } catch (StoreException e) {
            LOG.warn("API call count not stored, kept for the next flush: orgId={}", orgId);
            synchronized (this) {
                Pending p = pending.computeIfAbsent(orgId, k -> new Pending());
                p.calls += calls;
                p.since = p.since == null ? now : p.since;
            }
        }
    }
}
