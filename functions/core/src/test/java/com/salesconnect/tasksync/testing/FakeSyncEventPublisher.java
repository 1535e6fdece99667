package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.events.SyncEventPublisher;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records published events; can be made to fail. */
public final class FakeSyncEventPublisher implements SyncEventPublisher {

    public record SyncEnabled(String userId, Instant enabledAt) {
    }

    public record SweepRequested(List<String> userIds, Instant scheduledAt) {
    }

    private final List<SyncEnabled> enabled = new ArrayList<>();
    private final List<SweepRequested> sweeps = new ArrayList<>();
    public final Faults faults = new Faults();

    @Override
    public synchronized void syncEnabled(String userId, Instant enabledAt) {
        faults.check("syncEnabled");
        enabled.add(new SyncEnabled(userId, enabledAt));
    }

    @Override
    public synchronized void sweepRequested(List<String> userIds, Instant scheduledAt) {
        faults.check("sweepRequested");
        sweeps.add(new SweepRequested(List.copyOf(userIds), scheduledAt));
    }

    public synchronized List<SyncEnabled> syncEnabledEvents() {
        return List.copyOf(enabled);
    }

    public synchronized List<SweepRequested> sweepRequests() {
        return List.copyOf(sweeps);
    }

    /** The users of the sweep requests published since the last call, in order; they are forgotten. */
    public synchronized List<String> takeSweepRequests() {
        List<String> users = sweeps.stream().flatMap(s -> s.userIds().stream()).toList();
        sweeps.clear();
        return users;
    }
}
