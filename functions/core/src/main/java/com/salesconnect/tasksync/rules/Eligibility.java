package com.salesconnect.tasksync.rules;

import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.task.ScTask;

import java.time.Instant;
import java.util.Optional;

/**
 * No back-fill: a Sales Connect change goes to Salesforce only while sync is on, and only for a task that is
 * already linked or was created at or after the start of the current enabled period. A task created before
 * enabling (or while sync was off) is never pushed: not when edited, completed or deleted later.
 */
public final class Eligibility {

    private Eligibility() {
    }

    /** A task not linked yet: only while sync is on, and only one created at or after the current period began. */
    public static boolean pushable(SyncSettings settings, ScTask task) {
        Optional<Instant> enabledAt = settings.enabledAt();
        return enabledAt.isPresent() && !task.createdAt().isBefore(enabledAt.get());
    }

    /** A linked task: whenever sync is on, whenever it was created. */
    public static boolean pushableLinked(SyncSettings settings) {
        return settings.enabledAt().isPresent();
    }
}
