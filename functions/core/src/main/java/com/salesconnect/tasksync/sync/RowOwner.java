package com.salesconnect.tasksync.sync;

import java.util.Optional;

/** Who a Salesforce row's OwnerId is here: the Sales Connect user connected as them (sync on or off), or nobody. */
sealed interface RowOwner {

    RowOwner NOBODY = new Nobody();

    static RowOwner of(SyncUser user) {
        return new Connected(user);
    }

    /** The owner's user while their sync is on: the only one a Salesforce version is imported for. */
    Optional<SyncUser> syncing();

    record Connected(SyncUser user) implements RowOwner {
        @Override
        public Optional<SyncUser> syncing() {
            return user.enabled() ? Optional.of(user) : Optional.empty();
        }
    }

    record Nobody() implements RowOwner {
        @Override
        public Optional<SyncUser> syncing() {
            return Optional.empty();
        }
    }
}
