package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.SettingsStore;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Loads {@link SyncUser}s; one instance per piece of work caches them, so a batch reads each user once. */
final class SyncUsers {

    private final SettingsStore settings;
    private final ConnectionStore connections;
    private final SalesforceApiFactory apis;
    private final TaskStatusCache statusCache;
    private final Deadline deadline;
    private final Map<String, Optional<SyncUser>> loaded = new HashMap<>();
    private final Map<String, Optional<String>> owners = new HashMap<>();

    SyncUsers(SettingsStore settings, ConnectionStore connections, SalesforceApiFactory apis,
              TaskStatusCache statusCache, Deadline deadline) {
        this.settings = settings;
        this.connections = connections;
        this.apis = apis;
        this.statusCache = statusCache;
        this.deadline = deadline;
    }

    /** The user with settings and a connection (in any state); empty when either is missing. */
    Optional<SyncUser> get(String userId) {
        return loaded.computeIfAbsent(userId, this::load);
    }

    /**
     * The Sales Connect user connected as Salesforce user {@code sfUserId} of the org, read once per piece of work
     * (a message's notifications mostly share a few owners).
     */
    Optional<String> userIdForOwner(String orgId, String sfUserId) {
        return owners.computeIfAbsent(orgId + "/" + sfUserId, k -> connections.userForOwner(orgId, sfUserId));
    }

    private Optional<SyncUser> load(String userId) {
        Optional<SyncSettings> s = settings.get(userId);
        Optional<SalesforceConnection> c = connections.get(userId);
        if (s.isEmpty() || c.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SyncUser(s.get(), c.get(), apis, statusCache, deadline));
    }
}
