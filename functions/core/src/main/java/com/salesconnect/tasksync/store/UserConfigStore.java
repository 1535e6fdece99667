package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.UserId;

/**
 * Reads a user's settings and connection together, as every piece of work that loads a user does: one request
 * where the store keeps them side by side. Both reads are strongly consistent, as {@link SettingsStore#get} and
 * {@link ConnectionStore#get} are.
 */
public interface UserConfigStore {

    UserConfig get(UserId user);

    /** One read from each store, for stores that keep the two apart. */
    static UserConfigStore separately(SettingsStore settings, ConnectionStore connections) {
        return user -> new UserConfig(settings.get(user).orElse(null), connections.get(user).orElse(null));
    }
}
