package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.settings.FirstSyncState;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What the Settings page shows: the toggle, the connection, and the progress of the first sync.
 * Holds nothing secret (no tokens, no instance URL).
 *
 * @param enabledAt start of the current enabled period, null while sync is off
 * @param detached  the Salesforce connection replaced by a connection to another Salesforce user or org, whose tasks
 *                  stay in Sales Connect but no longer sync; null when there is none
 * @param apiBudget why the org's sync is slowed down by its Salesforce API budget (see {@link ApiBudget}), in a
 *                  sentence for the user; null while it is not
 */
public record SettingsView(
        boolean enabled,
        Instant enabledAt,
        boolean previouslyEnabled,
        ZoneId timeZone,
        Connection connection,
        FirstSyncView firstSync,
        Detached detached,
        String apiBudget) {

    public enum ConnectionStatus {
        NOT_CONNECTED, CONNECTED, BROKEN
    }

    /** @param orgId null when not connected */
    public record Connection(ConnectionStatus state, String orgId) {
    }

    /** A previous connection's identity: its tasks were kept in Sales Connect and stopped syncing {@code at}. */
    public record Detached(String orgId, String sfUserId, Instant at) {
    }

    /** @param error a short, user-safe reason when the first sync FAILED */
    public record FirstSyncView(FirstSyncState state, int imported, Instant startedAt, Instant finishedAt,
                                String error) {
    }
}
