package com.salesconnect.tasksync.task;

import java.util.List;
import java.util.Optional;

/**
 * An org's task status values ({@code SELECT ApiName, IsClosed, IsDefault FROM TaskStatus}):
 * completion in Sales Connect maps to a closed status, re-opening to the default open status.
 */
public record TaskStatuses(List<TaskStatus> values) {

    /** Salesforce's out-of-the-box values, used when an org's picklist cannot be read. */
    public static final TaskStatuses SALESFORCE_DEFAULTS = new TaskStatuses(List.of(
            new TaskStatus("Not Started", false, true),
            new TaskStatus("In Progress", false, false),
            new TaskStatus("Completed", true, false),
            new TaskStatus("Waiting on someone else", false, false),
            new TaskStatus("Deferred", false, false)));

    public TaskStatuses {
        values = List.copyOf(values);
        if (values.stream().noneMatch(TaskStatus::closed) || values.stream().allMatch(TaskStatus::closed)) {
            throw new IllegalArgumentException("an org has at least one open and one closed task status");
        }
    }

    /** The default status when it is open, else the first open one. */
    public String defaultOpen() {
        return values.stream().filter(s -> s.isDefault() && !s.closed()).findFirst()
                .or(() -> values.stream().filter(s -> !s.closed()).findFirst())
                .orElseThrow().apiName();
    }

    /** "Completed" when the org has it as a closed status, else the first closed one. */
    public String defaultClosed() {
        return values.stream().filter(s -> s.closed() && s.apiName().equals("Completed")).findFirst()
                .or(() -> values.stream().filter(TaskStatus::closed).findFirst())
                .orElseThrow().apiName();
    }

    public Optional<TaskStatus> find(String apiName) {
        return values.stream().filter(s -> s.apiName().equalsIgnoreCase(apiName)).findFirst();
    }

    public boolean isClosed(String apiName) {
        return find(apiName).map(TaskStatus::closed).orElse(false);
    }
}
