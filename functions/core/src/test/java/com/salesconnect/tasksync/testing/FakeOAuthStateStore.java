package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.OAuthStateStore;
import com.salesconnect.tasksync.store.WriteConflictException;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link OAuthStateStore}: one-time states that expire; a live state is never overwritten by another. */
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
        Entry entry = new Entry(user.value(), expiresAt);
        Entry live = states.get(state);
        if (live != null && live.expiresAt().isAfter(clock.instant()) && !live.equals(entry)) {
            throw new WriteConflictException("OAuth state was changed or created concurrently");
        }
        states.put(state, entry);
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
