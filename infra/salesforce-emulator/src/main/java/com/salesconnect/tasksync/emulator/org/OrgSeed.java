package com.salesconnect.tasksync.emulator.org;

import com.salesconnect.tasksync.emulator.sobject.PicklistValue;
import com.salesconnect.tasksync.emulator.sobject.TaskSchema;

import java.util.List;
import java.util.Objects;

/**
 * An org to create: its name, users (the first is the org's admin, who outbound messages are sent as),
 * tasks, and its TaskStatus picklist (Salesforce's standard values unless an org customised them).
 */
public record OrgSeed(String name, List<UserSeed> users, List<TaskSeed> tasks, List<PicklistValue> taskStatuses) {

    public OrgSeed {
        Objects.requireNonNull(name, "name");
        users = List.copyOf(users);
        tasks = List.copyOf(tasks);
        taskStatuses = List.copyOf(taskStatuses);
        if (users.isEmpty()) {
            throw new IllegalArgumentException("an org has at least one user");
        }
        long defaults = taskStatuses.stream().filter(PicklistValue::isDefault).count();
        boolean open = taskStatuses.stream().anyMatch(s -> !s.closed());
        boolean closed = taskStatuses.stream().anyMatch(PicklistValue::closed);
        if (defaults != 1 || !open || !closed) {
            throw new IllegalArgumentException(
                    "TaskStatus needs exactly one default value, an open value and a closed value");
        }
    }

    public OrgSeed(String name, List<UserSeed> users) {
        this(name, users, List.of(), TaskSchema.STANDARD_STATUSES);
    }

    public OrgSeed withTasks(List<TaskSeed> seededTasks) {
        return new OrgSeed(name, users, seededTasks, taskStatuses);
    }

    public OrgSeed withTaskStatuses(List<PicklistValue> statuses) {
        return new OrgSeed(name, users, tasks, statuses);
    }
}
