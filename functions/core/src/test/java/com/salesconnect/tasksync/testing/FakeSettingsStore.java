package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.SettingsStore;
import com.salesconnect.tasksync.store.WriteConflictException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory {@link SettingsStore} with the versioning contract; enabled users are paged in user-id order. */
public final class FakeSettingsStore implements SettingsStore {

    private final Map<String, SyncSettings> items = new TreeMap<>();
    public final Faults faults = new Faults();

    @Override
    public synchronized Optional<SyncSettings> get(UserId user) {
        String userId = user.value();
        faults.check("get");
        return Optional.ofNullable(items.get(userId));
    }

    @Override
    public synchronized SyncSettings save(SyncSettings s) {
        faults.check("save");
        SyncSettings stored = items.get(s.userId());
        if (s.version() == 0 ? stored != null : stored == null || stored.version() != s.version()) {
            throw new WriteConflictException("settings " + s.userId());
        }
        SyncSettings next = s.withVersion(s.version() + 1);
        items.put(s.userId(), next);
        return next;
    }

    @Override
    public synchronized Page<String> enabledUsers(String cursor, int limit) {
        faults.check("enabledUsers");
        List<String> enabled = items.values().stream()
                .filter(SyncSettings::enabled)
                .map(SyncSettings::userId)
                .filter(u -> cursor == null || u.compareTo(cursor) > 0)
                .toList();
        List<String> page = enabled.subList(0, Math.min(limit, enabled.size()));
        return new Page<>(page, enabled.size() > limit ? page.get(page.size() - 1) : null);
    }
}
