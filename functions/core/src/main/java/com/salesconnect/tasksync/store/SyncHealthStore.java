package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.UserId;

import java.time.Instant;

/**
 * When the sync last succeeded each way, per user. The times only move forward: a late or concurrent write of an
 * earlier time changes nothing.
 */
public interface SyncHealthStore {

    /** {@link LastSync#NEVER} when nothing was recorded yet. */
    LastSync get(UserId userId);

    /** A push of the user's changes was accepted by Salesforce at {@code at}. */
    void pushed(UserId userId, Instant at);

    /** Salesforce's changes were applied for the user at {@code at}. */
    void pulled(UserId userId, Instant at);

    /** Keeps nothing: for wirings that show no sync health (the deterministic simulation). */
    SyncHealthStore NOT_KEPT = new SyncHealthStore() {
        @Override
        public LastSync get(UserId userId) {
            return LastSync.NEVER;
        }

        @Override
        public void pushed(UserId userId, Instant at) {
        }

        @Override
        public void pulled(UserId userId, Instant at) {
        }
    };
}
