package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.UserId;

/**
 * Reads in one request what the retry of a user's pending pushes reads one after the other when it starts: the
 * markers of its pending pushes ({@link PendingPushStore#forUser}) and of its pending creates
 * ({@link LinkStore#pendingCreates}). Each value read answers only the first read of its item, on the thread that read
 * ahead, within a second; a write of the item through those stores drops it. A value served is one read a moment
 * earlier, as the two reads made one after the other would have read it.
 */
public interface PendingReadAhead {

    /** Reads nothing ahead: for stores whose reads cost no request. */
    PendingReadAhead NONE = user -> {
    };

    void readAhead(UserId user);
}
