package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.SalesforceRequestException;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.store.OrgProbe;
import com.salesconnect.tasksync.store.OrgProbeStore;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The org-wide look at Salesforce's change logs that lets an idle org's sweep cost one API call per tick, whatever
 * its number of users. At each tick the fan-out asks, per org, one connected user who sees every task (View All
 * Data: Salesforce answers getUpdated and getDeleted within the caller's sharing) for the task ids updated and
 * deleted since the org's previous look, in one composite request. Each user's sweep then uses that probe instead of
 * reading the logs itself, and skips its own query when nothing changed in the org. Users sweep on their own
 * (as before) when the org has no such user, when its probe failed or is stale, or when their own checks began
 * before the probe's window (a chain's first probe reaches back {@link #FIRST_REACH} to cover them).
 */
final class OrgProbes {

    private static final Logger LOG = LoggerFactory.getLogger(OrgProbes.class);

    /**
     * A user's sweep uses a probe at most this old (the fan-out probes just before it publishes the sweeps), or, when
     * it is a tick's sweep, any probe made since that tick's scheduled time ({@link #TICK_LEEWAY} before it), however
     * long the tick's sweeps take: a big org, a throttled function or 2 cores locally may need longer than this.
     */
    static final Duration PROBE_FRESH = Duration.ofMinutes(4);
    /** How long before its tick's scheduled time a probe may be stamped (clocks differ) and still be the tick's. */
    static final Duration TICK_LEEWAY = Duration.ofMinutes(1);
    /** An org whose latest probe is older than this has no working prober: its users offer themselves. */
    static final Duration PROBER_LOST = Duration.ofHours(2);
    /**
     * A chain of probes broken for longer starts again (users whose checks are older than {@link #FIRST_REACH} then
     * read the logs themselves once).
     */
    static final Duration CHAIN_LIMIT = Duration.ofDays(1);
    /**
     * How far back the first probe of a chain looks: over the checks its users made while the org had no probe (a
     * team that enabled together read the logs user by user until the prober was nominated), so that their next
     * sweeps can use it at once. More ids than a probe keeps only mean an overflow: users read the logs themselves
     * for one more tick, as they would have anyway.
     */
    static final Duration FIRST_REACH = PROBER_LOST;
    static final int PROBERS_PAGE = 100;

    private final OrgProbeStore store;
    private final OrgLimitStore limits;
    private final ChangeEventPace pace;
    private final Clock clock;

    OrgProbes(OrgProbeStore store, OrgLimitStore limits, ChangeEventPace pace, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.pace = pace;
        this.clock = clock;
    }

    /**
     * Probes every org that has a prober; returns how many probes were saved. An org whose probe fails (Salesforce
     * or the store) is skipped, and a store that cannot list the probers skips the rest: the tick's sweeps then read
     * Salesforce user by user, and the fan-out itself never fails for a probe.
     */
    int probeAll(Supplier<SyncUsers> users, SalesforceFailures failures) {
        int saved = 0;
        String cursor = null;
        try {
            do {
                Page<OrgProbeStore.Prober> page = store.probers(cursor, PROBERS_PAGE);
                for (OrgProbeStore.Prober prober : page.items()) {
                    if (probeQuietly(prober, users.get(), failures)) {
                        saved++;
                    }
                }
                cursor = page.nextCursor();
            } while (cursor != null);
        } catch (StoreException e) {
            LOG.warn("org probers not listed, this tick sweeps user by user: error={}", e.getClass().getSimpleName());
        }
        return saved;
    }

    private boolean probeQuietly(OrgProbeStore.Prober prober, SyncUsers users, SalesforceFailures failures) {
        try {
            return probe(prober, users, failures);
        } catch (StoreException e) {
            LOG.warn("org probe not stored: orgId={} error={}", prober.orgId(), e.getClass().getSimpleName());
            return false;
        }
    }

    private boolean probe(OrgProbeStore.Prober prober, SyncUsers users, SalesforceFailures failures) {
        Optional<SyncUser> found = users.get(prober.userId());
        if (found.isEmpty() || !found.get().orgId().equals(prober.orgId())) {
            store.retire(OrgId.of(prober.orgId()), UserId.of(prober.userId()));
            return false;
        }
        SyncUser user = found.get();
        if (!user.connected() || failures.blocked(prober.orgId())) {
            return false;
        }
        Instant now = clock.instant();
        Optional<OrgProbe> last = store.latest(OrgId.of(prober.orgId()));
        ApiBudget.Throttle pace = failures.pace(prober.orgId());
        if (pace.throttled() && last.filter(p -> p.probedAt().isAfter(now.minus(pace.pace().interval()))).isPresent()) {
            return false; // the org's API budget: one probe per slower interval
        }
        if (this.pace.notDueYet(limits.changeEvents(OrgId.of(prober.orgId())),
                last.map(OrgProbe::probedAt).orElse(null), now)) {
            return false; // the org's change events flow: the probe is a slow safety net
        }
        Instant from = last
                .map(OrgProbe::covered)
                .filter(covered -> covered.isAfter(now.minus(CHAIN_LIMIT)))
                .orElse(now.minus(FIRST_REACH))
                .minus(SweepService.OVERLAP);
        SalesforceApi.OrgChanges changes;
        try {
            changes = user.api().orgChanges(from, now);
        } catch (SalesforceException e) {
            LOG.warn("org probe failed: orgId={} error={}", prober.orgId(), e.getClass().getSimpleName());
            return false;
        }
        if (!changes.seesAllTasks()) {
            LOG.info("org prober no longer sees every task: orgId={} userId={}", prober.orgId(), prober.userId());
            store.retire(OrgId.of(prober.orgId()), UserId.of(prober.userId()));
            return false;
        }
        List<String> updated = changes.updated().ids().stream().map(SalesforceIds::to18).toList();
        List<String> deleted = changes.deleted().deletedRecords().stream()
                .map(d -> SalesforceIds.to18(d.id())).toList();
        boolean overflow = updated.size() + deleted.size() > OrgProbe.MAX_IDS;
        Instant updatesCovered = Objects.requireNonNullElse(changes.updated().latestDateCovered(), from);
        Instant deletionsCovered = Objects.requireNonNullElse(changes.deleted().latestDateCovered(), from);
        store.save(new OrgProbe(prober.orgId(), prober.userId(), now, from, overflow ? List.of() : updated,
                updatesCovered, overflow ? List.of() : deleted, deletionsCovered,
                changes.deleted().earliestDateAvailable(), overflow));
        return true;
    }

    /**
     * The org's latest probe, when the sweep of a user with these settings can use it instead of reading the logs:
     * fresh ({@link #fresh}), without overflow, its window starting no later than each of the user's own (overlap
     * included), and covering as far as the user got (its log checkpoints) or beyond. A sweep that uses an older probe
     * reads no further than the probe looked: the user's checkpoints stop there, and the next probe goes on from them.
     * A probe that covers exactly as far is one this user's sweep used already (the tick's sweep delivered twice):
     * it still covers the user's overlap, so the repeat costs no call.
     *
     * @param tickAt the scheduled time of the tick whose sweep this is; null for a sweep of no tick (a first sync's
     *               event, an operator's resync)
     */
    Optional<OrgProbe> usableFor(OrgProbe latest, SyncSettings settings, Instant tickAt) {
        Instant updatesChecked = updatesChecked(settings);
        Instant deletionsChecked = deletionsChecked(settings);
        Instant updatedFrom = updatesChecked.minus(SweepService.OVERLAP);
        Instant deletedFrom = deletionsChecked.minus(SweepService.OVERLAP);
        return Optional.ofNullable(latest)
                .filter(p -> !p.overflow())
                .filter(p -> fresh(p, tickAt))
                .filter(p -> !p.from().isAfter(updatedFrom) && !p.from().isAfter(deletedFrom))
                .filter(p -> !p.updatesCovered().isBefore(updatesChecked)
                        && !p.deletionsCovered().isBefore(deletionsChecked));
    }

    /** The sweep of a user with these settings can use the org's latest probe (null: none); see {@link #usableFor}. */
    boolean usableBy(OrgProbe latest, SyncSettings settings, Instant tickAt) {
        return latest != null && settings.enabledAt().isPresent() && usableFor(latest, settings, tickAt).isPresent();
    }

    /** Where a user's sweep reads Salesforce's changes from: its watermark, else when it enabled sync. */
    static Instant since(SyncSettings settings) {
        return settings.watermark() != null ? settings.watermark() : settings.enabledAt().orElseThrow();
    }

    /** How far the user's sweeps read Salesforce's log of updated ids. */
    static Instant updatesChecked(SyncSettings settings) {
        Instant checked = settings.sweep().updatesCheckedAt();
        return checked != null ? checked : since(settings);
    }

    /** How far the user's sweeps read Salesforce's deletion log. */
    static Instant deletionsChecked(SyncSettings settings) {
        Instant checked = settings.sweep().deletionsCheckedAt();
        return checked != null ? checked : since(settings);
    }

    /** The org's latest probe (null: none) is fresh for the sweep of this tick ({@link #fresh}). */
    boolean probedRecently(OrgProbe latest, Instant tickAt) {
        return latest != null && fresh(latest, tickAt);
    }

    /**
     * Made within {@link #PROBE_FRESH} of now, or, for a tick's sweep ({@code tickAt} not null), since that tick's
     * scheduled time (less {@link #TICK_LEEWAY}); never a probe stamped in the future.
     */
    private boolean fresh(OrgProbe probe, Instant tickAt) {
        Instant now = clock.instant();
        Instant at = probe.probedAt();
        return !at.isAfter(now) && (at.isAfter(now.minus(PROBE_FRESH))
                || tickAt != null && !at.isBefore(tickAt.minus(TICK_LEEWAY)));
    }

    /**
     * When the org has no working prober, asks once a week whether this user sees every task (one call) and, if
     * so, makes it the org's prober from the next tick on. A Salesforce that refuses the question (an API version
     * without UserPermissionAccess) counts as "no". An org with a prober nominated within {@link #PROBER_LOST} has
     * one: its users do not ask (a team that enabled together would each ask in the tick before the first probe).
     */
    void offer(SyncUser user, OrgProbe latest) {
        Instant now = clock.instant();
        boolean probed = latest != null && latest.probedAt().isAfter(now.minus(PROBER_LOST));
        if (probed || store.accessCheckedAt(user.org(), user.id()).isPresent()
                || store.nominatedAt(user.org()).filter(at -> at.isAfter(now.minus(PROBER_LOST))).isPresent()) {
            return;
        }
        boolean seesAll;
        try {
            seesAll = user.api().seesAllTasks();
        } catch (SalesforceRequestException e) {
            seesAll = false;
        }
        store.accessChecked(user.org(), user.id(), now);
        if (seesAll) {
            LOG.info("org prober nominated: orgId={} userId={}", user.orgId(), user.userId());
            store.nominate(user.org(), user.id());
        }
    }
}
