package com.salesconnect.tasksync.id;

import java.util.Optional;

/**
 * A Sales Connect task's id: any non-blank text. A task imported from Salesforce has a deterministic one,
 * {@link #IMPORTED_PREFIX} and the 18-character Salesforce id, so a retried import cannot make two.
 */
public record TaskId(String value) implements Comparable<TaskId> {

    public static final String IMPORTED_PREFIX = "sf-";

    public TaskId {
        Ids.requireText(value, "task id");
    }

    public static TaskId of(String value) {
        return new TaskId(value);
    }

    /** The id of the Sales Connect task imported from Salesforce record {@code sfId}. */
    public static TaskId importedFrom(SalesforceId sfId) {
        return new TaskId(IMPORTED_PREFIX + sfId.value());
    }

    /** The Salesforce id this task was imported from; empty for a task created in Sales Connect. */
    public Optional<SalesforceId> importedSfId() {
        if (!value.startsWith(IMPORTED_PREFIX)) {
            return Optional.empty();
        }
        String id = value.substring(IMPORTED_PREFIX.length());
        return id.length() == 18 && SalesforceId.isId(id) ? Optional.of(new SalesforceId(id)) : Optional.empty();
    }

    @Override
    public int compareTo(TaskId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
