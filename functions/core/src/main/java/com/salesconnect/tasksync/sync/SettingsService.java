package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.rules.ConnectionIdentity;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.EnabledPeriod;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SalesforceIdentity;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.store.SettingsStore;
import com.salesconnect.tasksync.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and changes a user's "Sync tasks with Salesforce" setting (the enable-sync function). */
public final class SettingsService {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsService.class);
    /** A new user's zone until a request gives one. */
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

    /** The time zone enabling leaves the user with, given the stored one (UTC for a new user). */
    @FunctionalInterface
    private interface ZoneChoice {
        ZoneChoice KEEP = stored -> stored;

        ZoneId from(ZoneId stored);
    }

    private final SettingsStore settings;
    private final ConnectionStore connections;
    private final SyncEventPublisher events;
    private final Clock clock;
    /** Null when the view does not tell the org's API budget (services that only change settings). */
    private final ApiBudget budget;

    public SettingsService(SettingsStore settings, ConnectionStore connections, SyncEventPublisher events,
                           Clock clock) {
        this(settings, connections, events, clock, null);
    }

    private SettingsService(SettingsStore settings, ConnectionStore connections, SyncEventPublisher events,
                            Clock clock, ApiBudget budget) {
        this.settings = settings;
        this.connections = connections;
        this.events = events;
        this.clock = clock;
        this.budget = budget;
    }

    /** A service whose view also says when the org's sync is slowed down by its API budget (the Settings page). */
    public static SettingsService withApiBudget(SettingsStore settings, ConnectionStore connections,
                                                SyncEventPublisher events, Clock clock, OrgLimitStore orgLimits,
                                                double apiBudgetCeiling) {
        return new SettingsService(settings, connections, events, clock,
                new ApiBudget(orgLimits, apiBudgetCeiling, clock));
    }

    public SettingsView view(UserId user) {
        String userId = user.value();
        return view(current(userId, DEFAULT_ZONE), userId);
    }

    /**
     * Turns sync on: opens a new enabled period now, queues the first sync and asks the sweep to run it at once.
     * Already on: nothing changes and no event is sent (only a given time zone is taken over). Without a CONNECTED
     * Salesforce connection nothing changes at all ({@link EnableOutcome.NotConnected}).
     */
    public EnableOutcome enable(UserId user) {
        String userId = user.value();
        return turnOn(userId, ZoneChoice.KEEP);
    }

    /** {@link #enable(UserId)}, taking {@code timeZone} over as the user's zone. */
    public EnableOutcome enable(UserId user, ZoneId timeZone) {
        String userId = user.value();
        return turnOn(userId, stored -> timeZone);
    }

    private EnableOutcome turnOn(String userId, ZoneChoice timeZone) {
        Optional<SalesforceConnection> connection = connections.get(UserId.of(userId));
        if (connection.isEmpty() || connection.get().state() != ConnectionState.CONNECTED) {
            return new EnableOutcome.NotConnected();
        }
        SalesforceIdentity identity = SalesforceIdentity.of(connection.get());
        record Outcome(SyncSettings settings, boolean started) {
        }
        Outcome outcome = Retry.onWriteConflict(() -> {
            SyncSettings stored = current(userId, timeZone.from(DEFAULT_ZONE));
            Instant start = clock.instant();
            SyncSettings now = ConnectionIdentity.settle(stored, identity, connection.get().connectedAt(), start);
            ZoneId zone = timeZone.from(now.timeZone());
            if (now.enabled()) {
                SyncSettings next = now.withTimeZone(zone);
                if (next.equals(stored)) {
                    return new Outcome(stored, false);
                }
                // Settling a switched identity opens a new period: its first sync starts like any other.
                return new Outcome(settings.save(next), !next.enabledAt().equals(stored.enabledAt()));
            }
            List<EnabledPeriod> periods = new ArrayList<>(now.periods());
            // A re-enable: the links of the connected identity are settled first. After a switch there may be some
            // too (the user came back to an identity used before); for a new identity there are none to settle.
            boolean reEnable = !periods.isEmpty();
            periods.add(new EnabledPeriod(start, null));
            SyncSettings enabled = now.withPeriods(true, periods).withTimeZone(zone)
                    .withFirstSync(FirstSync.queued(reEnable));
            return new Outcome(settings.save(enabled), true);
        });
        if (outcome.started()) {
            started(userId, outcome.settings());
        }
        return new EnableOutcome.Enabled(view(outcome.settings(), connection.get()));
    }

    /**
     * Stores the connection the OAuth callback made. The same Salesforce identity again keeps every link; another
     * user or org detaches the previous identity's links (nothing is deleted on either side) and, while sync is on,
     * starts a first sync as on a fresh enable.
     */
    public SalesforceConnection connect(SalesforceConnection fresh) {
        SalesforceConnection saved = Retry.onWriteConflict(() -> {
            long version = connections.get(UserId.of(fresh.userId())).map(SalesforceConnection::version).orElse(0L);
            return connections.save(new SalesforceConnection(fresh.userId(), fresh.orgId(), fresh.sfUserId(),
                    fresh.instanceUrl(), fresh.encryptedRefreshToken(), fresh.state(), fresh.connectedAt(),
                    fresh.brokenReason(), version));
        });
        settleIdentity(saved);
        return saved;
    }

    /**
     * Makes the settings follow the connection's identity (see {@link ConnectionIdentity#settle}); starts the first
     * sync when that opened a new period. Idempotent: the sweep calls it too, so a connect that stopped right after
     * storing the connection is completed.
     */
    void settleIdentity(SalesforceConnection connection) {
        String userId = connection.userId();
        SalesforceIdentity identity = SalesforceIdentity.of(connection);
        record Outcome(SyncSettings settings, boolean started) {
        }
        Outcome outcome = Retry.onWriteConflict(() -> {
            Optional<SyncSettings> stored = settings.get(UserId.of(userId));
            if (stored.isEmpty()) {
                return new Outcome(null, false);
            }
            SyncSettings next = ConnectionIdentity.settle(stored.get(), identity, connection.connectedAt(),
                    clock.instant());
            if (next.equals(stored.get())) {
                return new Outcome(next, false);
            }
            boolean started = next.enabled() && !next.enabledAt().equals(stored.get().enabledAt());
            return new Outcome(settings.save(next), started);
        });
        if (outcome.started()) {
            LOG.info("Salesforce identity changed: previous links detached, first sync queued: userId={}", userId);
            started(userId, outcome.settings());
        }
    }

    private void started(String userId, SyncSettings enabledSettings) {
        Instant enabledAt = enabledSettings.enabledAt().orElseThrow();
        try {
            events.syncEnabled(userId, enabledAt);
        } catch (RuntimeException e) {
            // Sync is on and its first sync QUEUED: the scheduled sweep starts it within one interval.
            LOG.warn("SyncEnabled event not published; the scheduled sweep will start the first sync: userId={}"
                    + " error={}", userId, e.getClass().getSimpleName());
        }
        LOG.info("sync enabled: userId={} enabledAt={} reEnable={}", userId, enabledAt,
                enabledSettings.firstSync().reEnable());
    }

    /**
     * A fresh reconciliation of the user (the operator's resync): the user's sweep is marked as settling, the state
     * it enters by itself when Salesforce's deletion log cannot reach back ({@link IncrementalSweep}). Its next sweeps
     * settle every linked pair against Salesforce's current records, push Sales Connect's side (unlinked tasks of the
     * period included), then read Salesforce's logs again from now. Asked for before the first sync has finished,
     * the mark waits for it ({@link FirstSyncRun} keeps it): a first sync imports Salesforce's side only, so a task
     * made meanwhile whose stream record was lost is created by the settle after it. Nothing is marked while sync is
     * off or while a settle is under way.
     */
    public void requestReconciliation(UserId user) {
        Retry.onWriteConflict(() -> {
            Optional<SyncSettings> current = settings.get(user);
            if (current.isEmpty() || !current.get().enabled() || current.get().sweep().settling()) {
                return current;
            }
            return Optional.of(settings.save(current.get().withSweep(current.get().sweep()
                    .settlingFrom(clock.instant()))));
        });
    }

    /** Turns sync off at once; links are kept so a later re-enable continues cleanly. Idempotent. */
    public SettingsView disable(UserId user) {
        String userId = user.value();
        SyncSettings saved = Retry.onWriteConflict(() -> {
            SyncSettings now = current(userId, DEFAULT_ZONE);
            if (!now.enabled()) {
                return now;
            }
            List<EnabledPeriod> periods = new ArrayList<>(now.periods());
            EnabledPeriod last = periods.remove(periods.size() - 1);
            periods.add(new EnabledPeriod(last.start(), clock.instant()));
            return settings.save(now.withPeriods(false, periods));
        });
        LOG.info("sync disabled: userId={}", userId);
        return view(saved, userId);
    }

    /** The stored settings, or a new user's (sync off) in {@code initialZone}. */
    private SyncSettings current(String userId, ZoneId initialZone) {
        return settings.get(UserId.of(userId)).orElseGet(() -> SyncSettings.initial(userId, initialZone));
    }

    /** The view with the user's connection as it is stored now (or none). */
    private SettingsView view(SyncSettings s, String userId) {
        return connections.get(UserId.of(userId)).map(conn -> view(s, conn)).orElseGet(() -> view(s,
                new SettingsView.Connection(SettingsView.ConnectionStatus.NOT_CONNECTED, null), null));
    }

    private SettingsView view(SyncSettings s, SalesforceConnection conn) {
        SettingsView.Connection c = new SettingsView.Connection(conn.state() == ConnectionState.CONNECTED
                ? SettingsView.ConnectionStatus.CONNECTED
                : SettingsView.ConnectionStatus.BROKEN, conn.orgId());
        return view(s, c, budget == null ? null : throttled(conn.orgId()));
    }

    /**
     * Why the org is slowed down, for the page; null when it is not, or when that cannot be read now: the settings
     * (and a change of them, already stored) never fail on what only the page's budget line needs.
     */
    private String throttled(String orgId) {
        try {
            return budget.throttle(orgId).reason();
        } catch (StoreException e) {
            LOG.warn("API budget not read for the Settings page: orgId={} error={}", orgId,
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /** {@code throttled}: why the org's sync is slowed down, null when it is not (or the view does not tell). */
    private static SettingsView view(SyncSettings s, SettingsView.Connection c, String throttled) {
        FirstSync f = s.firstSync();
        return new SettingsView(s.enabled(), s.enabledAt().orElse(null), s.previouslyEnabled(), s.timeZone(), c,
                new SettingsView.FirstSyncView(f.state(), f.imported(), f.startedAt(), f.finishedAt(), f.error()),
                s.detached() == null ? null : new SettingsView.Detached(s.detached().identity().orgId(),
                        s.detached().identity().sfUserId(), s.detached().at()),
                throttled);
    }
}
