package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.EnabledPeriod;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.SettingsStore;
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

    private final SettingsStore settings;
    private final ConnectionStore connections;
    private final SyncEventPublisher events;
    private final Clock clock;

    public SettingsService(SettingsStore settings, ConnectionStore connections, SyncEventPublisher events,
                           Clock clock) {
        this.settings = settings;
        this.connections = connections;
        this.events = events;
        this.clock = clock;
    }

    public SettingsView view(String userId) {
        return view(current(userId, Optional.empty()), connections.get(userId));
    }

    /**
     * Turns sync on: opens a new enabled period now, queues the first sync and asks the sweep to run it at once.
     * Already on: nothing changes and no event is sent (only a given time zone is taken over).
     *
     * @throws NotConnectedException when the user has no CONNECTED Salesforce connection
     */
    public SettingsView enable(String userId, Optional<ZoneId> timeZone) {
        Optional<SalesforceConnection> connection = connections.get(userId);
        if (connection.isEmpty() || connection.get().state() != ConnectionState.CONNECTED) {
            throw new NotConnectedException();
        }
        record Outcome(SyncSettings settings, boolean started) {
        }
        Outcome outcome = Retry.onWriteConflict(() -> {
            SyncSettings now = current(userId, timeZone);
            ZoneId zone = timeZone.orElse(now.timeZone());
            if (now.enabled()) {
                if (zone.equals(now.timeZone())) {
                    return new Outcome(now, false);
                }
                return new Outcome(settings.save(withZone(now, zone)), false);
            }
            Instant start = clock.instant();
            List<EnabledPeriod> periods = new ArrayList<>(now.periods());
            boolean reEnable = !periods.isEmpty();
            periods.add(new EnabledPeriod(start, null));
            SyncSettings enabled = new SyncSettings(userId, true, periods, zone, FirstSync.queued(reEnable),
                    now.watermark(), now.version());
            return new Outcome(settings.save(enabled), true);
        });
        if (outcome.started()) {
            Instant enabledAt = outcome.settings().enabledAt().orElseThrow();
            try {
                events.syncEnabled(userId, enabledAt);
            } catch (RuntimeException e) {
                // Sync is on and its first sync QUEUED: the scheduled sweep starts it within one interval.
                LOG.warn("SyncEnabled event not published; the scheduled sweep will start the first sync: userId={}"
                        + " error={}", userId, e.getClass().getSimpleName());
            }
            LOG.info("sync enabled: userId={} enabledAt={} reEnable={}", userId, enabledAt,
                    outcome.settings().firstSync().reEnable());
        }
        return view(outcome.settings(), connection);
    }

    /** Turns sync off at once; links are kept so a later re-enable continues cleanly. Idempotent. */
    public SettingsView disable(String userId) {
        SyncSettings saved = Retry.onWriteConflict(() -> {
            SyncSettings now = current(userId, Optional.empty());
            if (!now.enabled()) {
                return now;
            }
            List<EnabledPeriod> periods = new ArrayList<>(now.periods());
            EnabledPeriod last = periods.remove(periods.size() - 1);
            periods.add(new EnabledPeriod(last.start(), clock.instant()));
            return settings.save(new SyncSettings(userId, false, periods, now.timeZone(), now.firstSync(),
                    now.watermark(), now.version()));
        });
        LOG.info("sync disabled: userId={}", userId);
        return view(saved, connections.get(userId));
    }

    private SyncSettings current(String userId, Optional<ZoneId> zone) {
        return settings.get(userId).orElseGet(() -> SyncSettings.initial(userId, zone.orElse(ZoneId.of("UTC"))));
    }

    private static SyncSettings withZone(SyncSettings s, ZoneId zone) {
        return new SyncSettings(s.userId(), s.enabled(), s.periods(), zone, s.firstSync(), s.watermark(), s.version());
    }

    private static SettingsView view(SyncSettings s, Optional<SalesforceConnection> connection) {
        SettingsView.Connection c = connection
                .map(conn -> new SettingsView.Connection(conn.state() == ConnectionState.CONNECTED
                        ? SettingsView.ConnectionStatus.CONNECTED
                        : SettingsView.ConnectionStatus.BROKEN, conn.orgId()))
                .orElse(new SettingsView.Connection(SettingsView.ConnectionStatus.NOT_CONNECTED, null));
        FirstSync f = s.firstSync();
        return new SettingsView(s.enabled(), s.enabledAt().orElse(null), s.previouslyEnabled(), s.timeZone(), c,
                new SettingsView.FirstSyncView(f.state(), f.imported(), f.startedAt(), f.finishedAt(), f.error()));
    }
}
