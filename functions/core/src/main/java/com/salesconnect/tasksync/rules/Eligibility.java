package com.salesconnect.tasksync.rules;

import com.salesconnect.tasksync.link.TaskLink;
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

    public static boolean pushable(SyncSettings settings, Optional<TaskLink> link, ScTask task) {
        Optional<Instant> enabledAt = settings.enabledAt();
        if (enabledAt.isEmpty()) {
            return false;
        }
        if (link.isPresent()) {
            return true;
        }
        return !task.createdAt().isBefore(enabledAt.get());
    }
}
