package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.settings.FirstSyncState;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What the Settings page shows: the toggle, the connection, and the progress of the first sync.
 * Holds nothing secret (no tokens, no instance URL).
 *
 * @param enabledAt start of the current enabled period, null while sync is off
 */
public record SettingsView(
        boolean enabled,
        Instant enabledAt,
        boolean previouslyEnabled,
        ZoneId timeZone,
        Connection connection,
        FirstSyncView firstSync) {

    public enum ConnectionStatus {
        NOT_CONNECTED, CONNECTED, BROKEN
    }

    /** @param orgId null when not connected */
    public record Connection(ConnectionStatus state, String orgId) {
    }

    /** @param error a short, user-safe reason when the first sync FAILED */
    public record FirstSyncView(FirstSyncState state, int imported, Instant startedAt, Instant finishedAt,
                                String error) {
    }
}
