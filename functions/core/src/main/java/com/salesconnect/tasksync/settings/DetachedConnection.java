package com.salesconnect.tasksync.settings;

import java.time.Instant;
import java.util.Objects;

/** A connection replaced by one to another Salesforce identity: its tasks stay in Sales Connect, unsynced. */
public record DetachedConnection(SalesforceIdentity identity, Instant at) {

    public DetachedConnection {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(at, "at");
    }
}
