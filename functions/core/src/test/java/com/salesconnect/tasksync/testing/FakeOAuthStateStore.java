package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.OAuthStateStore;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link OAuthStateStore}: one-time states that expire. */
public final class FakeOAuthStateStore implements OAuthStateStore {

    private record Entry(String userId, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<String, Entry> states = new HashMap<>();

    public FakeOAuthStateStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void put(String state, UserId user, Instant expiresAt) {
        String userId = user.value();
        states.put(state, new Entry(userId, expiresAt));
    }

    @Override
    public synchronized Optional<String> consume(String state) {
        Entry e = states.remove(state);
        if (e == null || !e.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(e.userId());
    }
}
