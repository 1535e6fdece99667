package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.UserId;

import java.util.List;

/**
 * Reads a user's settings and connection together, as every piece of work that loads a user does: one request
 * where the store keeps them side by side. Both reads are strongly consistent, as {@link SettingsStore#get} and
 * {@link ConnectionStore#get} are.
 */
public interface UserConfigStore {

    UserConfig get(UserId user);

    /**
     * Reads ahead, in as few requests as the store can, the settings and connections of users whose work follows one
     * after the other on this thread (a sweep event's users). Each user's next {@link #get} on this thread within a
     * second is answered by what was read, once; later, or after a write of either item through its store, it reads
     * again. A value served is one read a moment earlier, as a slower run of the same work would have read it. Reads
     * nothing here: for stores whose reads cost no request.
     */
    default void readAhead(List<UserId> users) {
    }

    /** One read from each store, for stores that keep the two apart. */
    static UserConfigStore separately(SettingsStore settings, ConnectionStore connections) {
        return user -> new UserConfig(settings.get(user).orElse(null), connections.get(user).orElse(null));
    }
}
