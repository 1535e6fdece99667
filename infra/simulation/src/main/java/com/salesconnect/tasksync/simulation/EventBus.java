package com.salesconnect.tasksync.simulation;

import com.salesconnect.tasksync.events.EventBridgeSyncEventPublisher;
import com.salesconnect.tasksync.events.PublishException;
import com.salesconnect.tasksync.events.SyncEventPublisher;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * EventBridge as the sweep function sees it: SyncEnabled and UserSweepRequested events wait in a queue until a
 * delivery step hands one to the function (any of them: order is not guaranteed), possibly twice. An invocation that
 * fails is retried twice (Lambda's asynchronous invocation), then the event is gone.
 */
final class EventBus implements SyncEventPublisher {

    static final int ASYNC_RETRIES = 2;
    /** Users an event and events a PutEvents call, as the real publisher packs them. */
    private static final int BATCH = EventBridgeSyncEventPublisher.BATCH;

    static final class Event {
        final String type;
        final List<String> userIds;
        /** The scheduled time of the tick that asked for the sweeps (UserSweepRequested); null for SyncEnabled. */
        final Instant scheduledAt;
        int failures;

        Event(String type, List<String> userIds, Instant scheduledAt) {
            this.type = type;
            this.userIds = List.copyOf(userIds);
            this.scheduledAt = scheduledAt;
        }

        @Override
        public String toString() {
            return type + userIds;
        }
    }

    private final FaultInjector faults;
    private final List<Event> queue = new ArrayList<>();

    EventBus(FaultInjector faults) {
        this.faults = faults;
    }

    @Override
    public void syncEnabled(String userId, Instant enabledAt) {
        if (faults.publishFails()) {
            throw new PublishException("injected: PutEvents failed");
        }
        queue.add(new Event(SYNC_ENABLED, List.of(userId), null));
    }

    /**
     * As the real publisher does ({@link EventBridgeSyncEventPublisher#BATCH}): 10 users an event, 10 events a
     * PutEvents call. A call that fails loses only its own events; the calls before it were delivered.
     */
    @Override
    public void sweepRequested(List<String> userIds, Instant scheduledAt) {
        List<Event> events = new ArrayList<>();
        for (int from = 0; from < userIds.size(); from += BATCH) {
            events.add(new Event(USER_SWEEP_REQUESTED,
                    userIds.subList(from, Math.min(from + BATCH, userIds.size())), scheduledAt));
        }
        for (int from = 0; from < events.size(); from += BATCH) {
            if (faults.publishFails()) {
                throw new PublishException("injected: PutEvents failed");
            }
            queue.addAll(events.subList(from, Math.min(from + BATCH, events.size())));
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    Event take(int index) {
        return queue.remove(index);
    }

    void putBack(Event e) {
        queue.add(e);
    }

    /** A duplicate delivery: the same event stays queued for another delivery. */
    void duplicate(Event e) {
        queue.add(new Event(e.type, e.userIds, e.scheduledAt));
    }
}
