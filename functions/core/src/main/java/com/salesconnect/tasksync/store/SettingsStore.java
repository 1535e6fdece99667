package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.SyncSettings;

import java.util.Optional;

/** Sync settings per user. Same versioning contract as {@link TaskStore#save}. */
public interface SettingsStore {

    Optional<SyncSettings> get(UserId userId);

    /** @throws WriteConflictException when the stored version differs from {@code settings.version()} */
    SyncSettings save(SyncSettings settings);

    /** Users whose sync is enabled, for the sweep's fan-out. Eventually consistent. */
    Page<String> enabledUsers(String cursor, int limit);
}
