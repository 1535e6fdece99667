package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.PendingPush;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes waiting for the sweep, one per task. Every write gets a new write id; a removal names the write it
 * removes, so a pending push written concurrently (a newer failure) is never lost to the removal of an older one.
 */
public interface PendingPushStore {

    /** Stores {@code push}, replacing any pending push of the task; returns it with its write id. */
    PendingPush put(PendingPush push);

    /** Stores {@code push} unless the task has one already (which keeps its earlier due time); empty then. */
    Optional<PendingPush> putIfAbsent(PendingPush push);

    /**
     * {@link #putIfAbsent} for each of {@code pushes} (a batch's write-ahead): the ones stored, by task id. A failure
     * part-way may leave some stored that are not returned; each is then a pending push like any other.
     */
    default Map<String, PendingPush> putAllIfAbsent(List<PendingPush> pushes) {
        Map<String, PendingPush> stored = new LinkedHashMap<>();
        for (PendingPush push : pushes) {
            putIfAbsent(push).ifPresent(p -> stored.put(p.taskId(), p));
        }
        return stored;
    }

    List<PendingPush> forUser(UserId userId);

    /**
     * Up to {@code limit} of the user's pending pushes, in task-id order, in one bounded read (the Settings page
     * counts them; it never reads them all).
     */
    default List<PendingPush> firstForUser(UserId userId, int limit) {
        return forUser(userId).stream().limit(limit).toList();
    }

    /** Removes the task's pending push if it still is this write; false when it changed (or is gone). */
    boolean remove(PendingPush push);

    /** {@link #remove} for each of {@code pushes} (a batch's intents, once pushed). */
    default void removeAll(List<PendingPush> pushes) {
        pushes.forEach(this::remove);
    }
}
