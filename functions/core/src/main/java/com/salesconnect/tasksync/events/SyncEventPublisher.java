package com.salesconnect.tasksync.events;

import java.time.Instant;
import java.util.List;

/** Publishes the sync's own events (EventBridge in AWS). */
public interface SyncEventPublisher {

    String SOURCE = "com.salesconnect.tasksync";
    String SYNC_ENABLED = "SyncEnabled";
    String USER_SWEEP_REQUESTED = "UserSweepRequested";

    /** Asks the sweep to run the first sync of a user at once. */
    void syncEnabled(String userId, Instant enabledAt);

    /** The scheduled sweep's fan-out: one unit of work per enabled user (10 users an event, 10 events a call). */
    void sweepRequested(List<String> userIds, Instant scheduledAt);
}
