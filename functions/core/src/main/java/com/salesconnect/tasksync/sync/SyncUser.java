package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.rules.ConnectionIdentity;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.DetachedConnection;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SalesforceIdentity;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.task.TaskStatuses;

import java.util.Objects;

/**
 * One user's sync state for the length of one piece of work: settings and connection as read at its start, and
 * the Salesforce API opened lazily, so work that needs no call makes none.
 */
final class SyncUser {

    private final SyncSettings settings;
    private final SalesforceConnection connection;
    private final SalesforceApiFactory apis;
    private final TaskStatusCache statusCache;
    private final Deadline deadline;
    private SalesforceApi api;
    /** The settings as this piece of work last knew them stored: read at its start, or saved by it since. */
    private SyncSettings stored;

    SyncUser(SyncSettings settings, SalesforceConnection connection, SalesforceApiFactory apis,
             TaskStatusCache statusCache, Deadline deadline) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.apis = apis;
        this.statusCache = statusCache;
        this.deadline = deadline;
        this.stored = settings;
    }

    /** The same user and API (opened or not) with settings read since, e.g. a first sync's after it took its lease. */
    SyncUser withSettings(SyncSettings newer) {
        SyncUser same = new SyncUser(newer, connection, apis, statusCache, deadline);
        same.api = api;
        return same;
    }

    String userId() {
        return settings.userId();
    }

    /** The time the invocation working for this user has left. */
    Deadline deadline() {
        return deadline;
    }

    /** {@link #userId()} typed, for the ports. */
    UserId id() {
        return UserId.of(settings.userId());
    }

    SyncSettings settings() {
        return settings;
    }

    /**
     * The settings as last read or saved for this user by this piece of work ({@link #settings()} stays as read at
     * its start): a write conditional on their version needs no read first while nobody else changed them.
     */
    SyncSettings lastStored() {
        return stored;
    }

    void stored(SyncSettings saved) {
        this.stored = Objects.requireNonNull(saved, "saved");
    }

    SalesforceConnection connection() {
        return connection;
    }

    String orgId() {
        return connection.orgId();
    }

    /** {@link #orgId()} typed, for the ports. */
    OrgId org() {
        return OrgId.of(connection.orgId());
    }

    /** The connected Salesforce user: owner of every synced task. */
    String sfUserId() {
        return connection.sfUserId();
    }

    boolean enabled() {
        return settings.enabled() && settings.enabledAt().isPresent();
    }

    boolean connected() {
        return connection.state() == ConnectionState.CONNECTED;
    }

    /** The Salesforce identity the user is connected as now. */
    SalesforceIdentity identity() {
        return SalesforceIdentity.of(connection);
    }

    /** True when {@code link} was made under the identity the user is connected as now (else it is detached). */
    boolean owns(TaskLink link) {
        return ConnectionIdentity.attached(link, identity(), detached());
    }

    /** The identity detached last, a switch the settings have not followed yet included. */
    DetachedConnection detached() {
        return ConnectionIdentity.lastDetached(settings, identity(), connection.connectedAt());
    }

    /** False between connecting as another identity and the settings following it (see SettingsService#connect). */
    boolean identitySettled() {
        return !ConnectionIdentity.switchPending(settings, identity());
    }

    SalesforceApi api() {
        if (api == null) {
            api = apis.forConnection(connection, deadline);
        }
        return api;
    }

    TaskStatuses statuses() {
        return statusCache.get(orgId(), api());
    }
}
