package com.salesconnect.tasksync.ops;

import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SweepState;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.SettingsStore;
import com.salesconnect.tasksync.store.WriteConflictException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final Clock clock;

    SweepRequests(SettingsStore settings, ConnectionStore connections, SyncEventPublisher events, Clock clock) {
        this.settings = settings;
        this.connections = connections;
        this.events = events;
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
     * A fresh reconciliation of {@code userIds}, then their sweeps: each user's next sweep settles every linked pair
     * against Salesforce's current records before anything else, Salesforce's side applied and Sales Connect's pushed
     * (edits and deletions whose stream records never reached task-stream-outbound included, and tasks of the
     * current period without a link created), and then reads
     * Salesforce's logs again from that moment. It is the state the sweep enters by itself when Salesforce's deletion
     * log cannot reach back to its last run, and it is continued by later sweeps until every pair is settled. A
     * user whose first sync has not finished is only swept: that first sync settles or imports everything itself.
     *
     * @return how many users were asked for
     */
    int reconcile(List<String> userIds) {
        for (String userId : userIds) {
            startSettling(UserId.of(userId));
        }
        return request(userIds);
    }

    /** Marks the user's sweep as settling from the first link, unless it already is (a conflicting write: again). */
    private void startSettling(UserId userId) {
        for (int attempt = 0; ; attempt++) {
            Optional<SyncSettings> current = settings.get(userId);
            if (current.isEmpty() || !current.get().enabled()
                    || current.get().firstSync().state() != FirstSyncState.DONE || current.get().sweep().settling()) {
                return;
            }
            SweepState sweep = current.get().sweep();
            try {
                settings.save(current.get().withSweep(new SweepState(sweep.deletionsCheckedAt(),
                        sweep.updatesCheckedAt(), "", clock.instant())));
                return;
            } catch (WriteConflictException e) {
                if (attempt == 4) {
                    throw e;
                }
            }
        }
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
