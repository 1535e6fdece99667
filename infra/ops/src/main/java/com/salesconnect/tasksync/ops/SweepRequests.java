package com.salesconnect.tasksync.ops;

import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.SettingsStore;
import com.salesconnect.tasksync.sync.SettingsService;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Asks the reconciliation sweep to run for some users, with the very event its fan-out publishes
 * ({@code UserSweepRequested}), after marking their sweeps as settling when a fresh reconciliation is asked for: the
 * sweep function does the work, so the tool adds no sync logic, and a sweep run twice never duplicates anything.
 */
final class SweepRequests {

    private static final int PAGE = 100;

    private final SettingsStore settings;
    private final ConnectionStore connections;
    private final SyncEventPublisher events;
    private final SettingsService reconciliations;
    private final Clock clock;

    SweepRequests(SettingsStore settings, ConnectionStore connections, SyncEventPublisher events, Clock clock) {
        this.settings = settings;
        this.connections = connections;
        this.events = events;
        this.reconciliations = new SettingsService(settings, connections, events, clock);
        this.clock = clock;
    }

    /** Publishes sweep requests for {@code userIds} (in events of up to 10); returns how many users. */
    int request(List<String> userIds) {
        if (!userIds.isEmpty()) {
            events.sweepRequested(List.copyOf(userIds), clock.instant());
        }
        return userIds.size();
    }

    /**
     * A fresh reconciliation of {@code userIds} ({@link SettingsService#requestReconciliation}), then their sweeps,
     * which do it: every linked pair settled against Salesforce's current records, Sales Connect's side pushed
     * (edits, deletions and creates whose stream records never reached task-stream-outbound included).
     *
     * @return how many users were asked for
     */
    int reconcile(List<String> userIds) {
        userIds.forEach(userId -> reconciliations.requestReconciliation(UserId.of(userId)));
        return request(userIds);
    }

    /** Every user whose sync is on (what the scheduled fan-out sweeps). */
    List<String> enabledUsers() {
        List<String> users = new ArrayList<>();
        String cursor = null;
        do {
            Page<String> page = settings.enabledUsers(cursor, PAGE);
            users.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return users;
    }

    /** The enabled users connected to {@code orgId}. */
    List<String> enabledUsersOf(String orgId) {
        return enabledUsers().stream()
                .filter(u -> connections.get(UserId.of(u)).map(SalesforceConnection::orgId).filter(orgId::equals)
                        .isPresent())
                .toList();
    }

    /** The enabled users among {@code userIds}, in their order. */
    List<String> enabledAmong(Set<String> userIds) {
        return userIds.stream().filter(u -> settings.get(UserId.of(u)).map(s -> s.enabled()).orElse(false)).toList();
    }
}
