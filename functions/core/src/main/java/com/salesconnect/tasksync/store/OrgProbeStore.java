package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;

import java.time.Instant;
import java.util.Optional;

/**
 * The org-wide sweep probes: which connected user probes each org (a user who sees every task), the latest probe
 * of each org, and when a user's access was last checked (so a user who cannot probe is asked again only weekly).
 */
public interface OrgProbeStore {

    /** An org and the Sales Connect user whose Salesforce connection probes it. */
    record Prober(String orgId, String userId) {
    }

    /** Makes {@code userId} the prober of {@code orgId} (one per org: the latest wins). */
    void nominate(OrgId orgId, UserId userId);

    /**
     * When the org's current prober was nominated; empty when the org has none (or its nomination was stored before
     * the time was).
     */
    Optional<Instant> nominatedAt(OrgId orgId);

    /** Removes the org's prober, but only while it is still {@code userId}. */
    void retire(OrgId orgId, UserId userId);

    /** Every org's prober, a page at a time. */
    Page<Prober> probers(String cursor, int limit);

    Optional<OrgProbe> latest(OrgId orgId);

    /** Saves a probe unless a newer one (a later {@code probedAt}) is stored already. */
    void save(OrgProbe probe);

    /** When {@code userId}'s access to every task of {@code orgId} was last checked; empty after a week. */
    Optional<Instant> accessCheckedAt(OrgId orgId, UserId userId);

    void accessChecked(OrgId orgId, UserId userId, Instant at);
}
