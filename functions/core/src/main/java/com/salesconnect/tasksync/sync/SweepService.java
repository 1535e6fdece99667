package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.runtime.LogFields;
import com.salesconnect.tasksync.salesforce.ConnectionBrokenException;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.salesforce.SalesforceRequestException;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.ChangeEventFlow;
import com.salesconnect.tasksync.store.OrgProbe;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.ReadAhead;
import com.salesconnect.tasksync.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reconciliation sweep (the reconciliation-sweep function): the scheduled fan-out over enabled users, and per
 * user, when it is due, the first sync after enabling ({@link FirstSyncRun}) or else an incremental catch-up
 * ({@link IncrementalSweep}), then the retry of pending pushes ({@link PendingPushRetry}). Work stops early,
 * progress saved, when the user turns sync off meanwhile.
 */
public final class SweepService {

    private static final Logger LOG = LoggerFactory.getLogger(SweepService.class);

    /**
     * The users of an event read ahead ({@link #readAhead}): the fan-out's events name 10, and an idle user's sweep
     * takes tens of milliseconds, so 10 are swept within the second a value read ahead serves.
     */
    static final int READ_AHEAD_USERS = 10;

    /**
     * Enabled users read per page: large, so 10,000 users cost some 26 Queries (ten pages, each a Query of every
     * index shard it spans), not 116. A Query answers at most 1 MB and the page simply continues; 1,000 ids are
     * little memory. (On moto each Query walks the whole table: at 10,000 users the pages of 100 made the
     * schedule's fan-out time out.)
     */
    static final int ENABLED_USERS_PAGE = 1_000;
    /** SystemModstamp is set when a transaction starts but becomes visible at commit: re-read a little. */
    static final Duration OVERLAP = Duration.ofMinutes(2);
    static final Duration FAILED_RETRY_AFTER = Duration.ofHours(1);

    private final SyncStores stores;
    private final SalesforceApiFactory apis;
    private final SyncEventPublisher events;
    private final Clock clock;
    private final TaskStatusCache statusCache;
    private final SalesforceFailures failures;
    private final SettingsService settings;
    private final PeriodSettings periodSettings;
    private final OrgProbes probes;
    private final OrgReads orgReads;
    private final ChangeEventPace pace;
    private final FirstSyncRun firstSyncRun;
    private final IncrementalSweep incremental;
    private final PendingPushRetry pendingPushes;

    public SweepService(SyncStores stores, SalesforceApiFactory apis, SyncEventPublisher events, Clock clock) {
        this(stores, apis, events, clock, ApiBudget.DEFAULT_CEILING);
    }

    /** @param apiBudgetCeiling the sync's share of each org's daily API limit it keeps under (see {@link ApiBudget}) */
    public SweepService(SyncStores stores, SalesforceApiFactory apis, SyncEventPublisher events, Clock clock,
                        double apiBudgetCeiling) {
        this(stores, apis, events, clock, apiBudgetCeiling, ChangeEventPace.DEFAULT);
    }

    /** @param changeEventPace how an org's sweep slows while its change events flow */
    public SweepService(SyncStores stores, SalesforceApiFactory apis, SyncEventPublisher events, Clock clock,
                        double apiBudgetCeiling, ChangeEventPace changeEventPace) {
        this.pace = changeEventPace;
        this.stores = stores;
        this.apis = apis;
        this.events = events;
        this.clock = clock;
        this.statusCache = new TaskStatusCache(clock);
        this.failures = new SalesforceFailures(stores.orgLimits(), stores.connections(), clock, apiBudgetCeiling);
        ConflictRecorder conflicts = new ConflictRecorder(stores.conflicts());
        ReadAhead reads = stores.readAhead();
        SyncMarks marks = new SyncMarks(stores.health(), clock);
        TaskPusher pusher = new TaskPusher(reads, stores.pendingPushes(), conflicts, failures, marks, clock);
        SalesforceChangeApplier applier = new SalesforceChangeApplier(reads, stores.pendingPushes(), conflicts,
                pusher, marks, clock);
        LinkReconciler reconciler = new LinkReconciler(stores, applier, pusher, clock);
        this.settings = new SettingsService(stores.settings(), stores.connections(), events, clock);
        this.periodSettings = new PeriodSettings(stores.settings());
        this.probes = new OrgProbes(stores.orgProbes(), stores.orgLimits(), changeEventPace, clock);
        this.orgReads = new OrgReads(stores.orgLimits(), stores.orgProbes(), stores.orgReadAhead(), clock);
        this.firstSyncRun = new FirstSyncRun(reads, applier, reconciler, periodSettings, clock);
        this.incremental = new IncrementalSweep(stores, reads, applier, reconciler, probes, orgReads, periodSettings,
                clock);
        this.pendingPushes = new PendingPushRetry(stores.pendingPushes(), stores.pendingReadAhead(), reads, pusher,
                conflicts, clock);
    }

    /**
     * Probes each org that has a prober (one call per org: see {@link OrgProbes}), reads every enabled user, then
     * hands them all to the publisher at once (which packs ten users an event, ten events a PutEvents call); returns
     * the number of users. All pages are read before the first sweep is asked for, so the reads never wait behind
     * the sweeps they start (the ids of 10,000 users are well under a megabyte).
     */
    public int fanOut(Instant scheduledAt) {
        int probed = probes.probeAll(() -> new SyncUsers(stores, apis, statusCache, Deadline.NONE), failures);
        List<String> users = new ArrayList<>();
        String cursor = null;
        do {
            Page<String> page = stores.settings().enabledUsers(cursor, ENABLED_USERS_PAGE);
            users.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        if (!users.isEmpty()) {
            events.sweepRequested(users, scheduledAt);
        }
        LOG.info("sweep fan-out: users={} orgsProbed={} scheduledAt={}", users.size(), probed, scheduledAt);
        return users.size();
    }

    /**
     * Before the sweeps of an event's users, run one after the other on this thread: the settings and connections of
     * the first {@link #READ_AHEAD_USERS} in one request ({@code UserConfigStore.readAhead}), where each user's sweep
     * read its own. A user swept more than a second later reads them again. A failed read-ahead is only logged: each
     * user's sweep then reads (and meets any failure) on its own.
     */
    public void readAhead(List<UserId> users) {
        try {
            stores.userConfigs().readAhead(users.subList(0, Math.min(users.size(), READ_AHEAD_USERS)));
        } catch (StoreException e) {
            LOG.info("users' settings not read ahead, each sweep reads its own: users={} error={}", users.size(),
                    e.getMessage());
        }
    }

    public SweepResult runForUser(UserId userId) {
        return runForUser(userId, Deadline.NONE);
    }

    /**
     * The sweep of one user, within the invocation's {@code deadline} (progress is saved as it goes); its log lines
     * carry the user's id as a field.
     */
    public SweepResult runForUser(UserId id, Deadline deadline) {
        return runForUser(id, deadline, null);
    }

    /**
     * As {@link #runForUser(UserId, Deadline)}, for the sweep a tick asked for: {@code tickAt} is that tick's scheduled
     * time, so the org's probe of the tick serves the sweep however late it runs (see {@link OrgProbes#usableFor}).
     */
    public SweepResult runForUser(UserId id, Deadline deadline, Instant tickAt) {
        try (LogFields.Scope ignored = LogFields.with(LogFields.USER_ID, id.value())) {
            return sweep(id, deadline, tickAt);
        }
    }

    private SweepResult sweep(UserId id, Deadline deadline, Instant tickAt) {
        String userId = id.value();
        SyncUsers users = new SyncUsers(stores, apis, statusCache, deadline);
        Optional<SyncUser> found = users.get(userId);
        if (found.isPresent() && (!found.get().identitySettled() || found.get().settings().identity() == null)) {
            // A connect to another identity that stopped before its settings followed (or settings from before
            // identities were recorded): settle now, then work on the settled state.
            settings.settleIdentity(found.get().connection());
            users = new SyncUsers(stores, apis, statusCache, deadline);
            found = users.get(userId);
        }
        if (found.isEmpty()) {
            boolean enabled = users.settingsRead(userId).map(SyncSettings::enabled).orElse(false);
            return SweepResult.of(enabled ? SweepResult.Kind.SKIPPED_NOT_CONNECTED : SweepResult.Kind.SKIPPED_DISABLED);
        }
        SyncUser user = found.get();
        if (!user.enabled()) {
            return SweepResult.of(SweepResult.Kind.SKIPPED_DISABLED);
        }
        if (!user.connected()) {
            return SweepResult.of(SweepResult.Kind.SKIPPED_NOT_CONNECTED);
        }
        orgReads.readAhead(user.orgId(), id);
        if (failures.blocked(user.orgId())) {
            return SweepResult.of(SweepResult.Kind.SKIPPED_ORG_BLOCKED);
        }
        FirstSync firstSync = user.settings().firstSync();
        boolean firstSyncDue = firstSyncDue(firstSync);
        if (!firstSyncDue && !dueUnderBudget(user, tickAt)) {
            return SweepResult.of(SweepResult.Kind.SKIPPED_THROTTLED);
        }
        if (firstSync.state() == FirstSyncState.FAILED && !firstSyncDue) {
            return SweepResult.of(SweepResult.Kind.FIRST_SYNC_FAILED);
        }
        if (firstSync.leasedAt(clock.instant())) {
            // Another sweep runs this user's first sync now (a tick during the SyncEnabled run): one at a time.
            return SweepResult.of(SweepResult.Kind.FIRST_SYNC_RUNNING);
        }
        // A settle asked for (the operator's resync or redrive) or under way runs at once, not at the safety net's hour.
        boolean eventsFlow = !firstSyncDue && !user.settings().sweep().settling() && eventsFlowAndNotDue(user, tickAt);
        try {
            SweepResult pulled = eventsFlow ? SweepResult.of(SweepResult.Kind.SKIPPED_EVENTS_FLOWING)
                    : firstSyncDue ? firstSyncRun.run(user, users, deadline) : incremental.run(user, users, tickAt);
            if (pulled.kind() == SweepResult.Kind.STOPPED || pulled.kind() == SweepResult.Kind.FIRST_SYNC_RUNNING) {
                return pulled;
            }
            if (pulled.kind() == SweepResult.Kind.FIRST_SYNC_DONE) {
                offerAsProber(user);
            }
            return new SweepResult(pulled.kind(), pulled.changesApplied(), pendingPushes.run(user));
        } catch (SalesforceException e) {
            SalesforceFailures.Handling h = failures.handle(user, e);
            boolean permanent = e instanceof ConnectionBrokenException || e instanceof SalesforceRequestException;
            if (firstSyncDue && permanent) {
                periodSettings.update(user, s -> s.withFirstSync(s.firstSync().failed(clock.instant(), h.reason())));
                return SweepResult.of(SweepResult.Kind.FIRST_SYNC_FAILED);
            }
            if (firstSyncDue) {
                // Progress is saved; without the lease the next sweep resumes at once.
                periodSettings.update(user, s -> s.withFirstSync(s.firstSync().released()));
            }
            return SweepResult.of(SweepResult.Kind.INCOMPLETE);
        }
    }

    /**
     * A first sync just done: its user offers to probe the org ({@link OrgProbes#offer}: nothing when the org has a
     * prober or the user was asked this week), so that a team that enabled together has its prober before its first
     * tick, whose probe (the chain's first, reaching back over their enables) then serves them all: one call for the
     * org instead of three a user reading the logs themselves. Best effort: a failure leaves the offer to the user's
     * sweeps, which make it where the org has no probe.
     */
    private void offerAsProber(SyncUser user) {
        try {
            probes.offer(user, orgReads.latestProbe(user.orgId()).orElse(null));
        } catch (SalesforceException | StoreException e) {
            LOG.info("org prober offer left to the user's sweeps: orgId={} error={}", user.orgId(),
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Under a slowed pace (see {@link ApiBudget}) a user is swept once per the pace's interval, or whenever the org
     * was probed this tick (then the sweep reads nothing more of Salesforce unless the org changed). A first sync the
     * user asked for is never held back.
     */
    private boolean dueUnderBudget(SyncUser user, Instant tickAt) {
        ApiBudget.Throttle pace = failures.pace(user.orgId());
        if (!pace.throttled()) {
            return true;
        }
        Instant last = user.settings().sweep().updatesCheckedAt();
        return last == null || !last.isAfter(clock.instant().minus(pace.pace().interval()))
                || probes.probedRecently(orgReads.latestProbe(user.orgId()).orElse(null), tickAt);
    }

    /** The org's change events flow and this user's safety-net sweep is not due (see {@link ChangeEventPace}). */
    private boolean eventsFlowAndNotDue(SyncUser user, Instant tickAt) {
        ChangeEventFlow flow = orgReads.changeEvents(user.orgId());
        Instant now = clock.instant();
        if (!flow.flowing(now, pace.quietAfter())) {
            return false;
        }
        OrgProbe latest = orgReads.latestProbe(user.orgId()).orElse(null);
        // A probe that overflowed serves no user: each reads its own logs at its own hour.
        Instant probedAt = latest == null || latest.overflow() ? null : latest.probedAt();
        return pace.userNotDueYet(flow, user.settings().sweep().updatesCheckedAt(), probedAt,
                probes.usableBy(latest, user.settings(), tickAt), now);
    }

    private boolean firstSyncDue(FirstSync f) {
        return switch (f.state()) {
            case QUEUED, RUNNING -> true;
            case FAILED -> f.finishedAt() == null || !f.finishedAt().plus(FAILED_RETRY_AFTER).isAfter(clock.instant());
            case NONE, DONE -> false;
        };
    }
}
