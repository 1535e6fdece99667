package com.salesconnect.tasksync.task;

import java.util.Objects;

/**
 * A deliberate change the mapping made because Salesforce would reject (or cannot take) a value as it is.
 * Reported to the caller, which records it, so nothing is changed silently.
 *
 * @param field  the Sales Connect field whose value Salesforce gets in another form
 * @param detail a short, user-safe explanation
 */
public record Adjustment(TaskFields.Field field, Kind kind, String detail) {

    public enum Kind {
        /** Subject longer than Salesforce's 255 characters: cut, the full text kept at the top of Description. */
        SUBJECT_TRUNCATED,
        /** Notes longer than Salesforce's 32,000 characters: cut in Salesforce, kept whole in Sales Connect. */
        NOTES_TRUNCATED,
        /** TaskSubtype can only be set when Salesforce creates the task: the Salesforce type is kept. */
        TYPE_NOT_UPDATABLE
    }

    public Adjustment {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(kind, "kind");
    }
}
