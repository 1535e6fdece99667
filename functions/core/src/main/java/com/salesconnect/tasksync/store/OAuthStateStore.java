package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.UserId;

import java.time.Instant;
import java.util.Optional;

/** One-time OAuth {@code state} values of connects in progress (CSRF protection), with a short TTL. */
public interface OAuthStateStore {

    /**
     * Stores a new state. A live state is never overwritten by another user's or expiry's ({@link
     * WriteConflictException}); the same put again (a retry whose first attempt landed) is no error.
     */
    void put(String state, UserId userId, Instant expiresAt);

    /**
     * Returns the user the state was issued to and uses it up (once: a second consume, concurrent or later, gets
     * nothing); empty when unknown, used or expired. A store request retried inside one consume (its answer lost
     * after the write) still gets the user.
     */
    Optional<String> consume(String state);
}
