package com.salesconnect.tasksync.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The synced content of a task, in Sales Connect's terms, as both sides see it.
 * Three-way merges, echo detection and pushes compare values of this type.
 *
 * @param subject    required, never blank
 * @param notes      free text, may be null
 * @param dueDate    a calendar date without time zone (Salesforce {@code ActivityDate}), may be null
 * @param completed  Salesforce: a closed {@code Status}
 * @param priority   never null
 * @param reminderAt may be null (no reminder)
 * @param type       never null
 * @param whoId      Salesforce id of a contact or lead, may be null
 * @param whatId     Salesforce id of an account, opportunity etc., may be null
 */
public record TaskFields(
        String subject,
        String notes,
        LocalDate dueDate,
        boolean completed,
        Priority priority,
        Instant reminderAt,
        TaskType type,
        String whoId,
        String whatId) {

    public TaskFields {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(type, "type");
    }

    /** One synced field; the unit of a three-way merge and of a recorded conflict. */
    public enum Field {
        SUBJECT, NOTES, DUE_DATE, COMPLETED, PRIORITY, REMINDER, TYPE, WHO, WHAT
    }

    public Object get(Field field) {
        return switch (field) {
            case SUBJECT -> subject;
            case NOTES -> notes;
            case DUE_DATE -> dueDate;
            case COMPLETED -> completed;
            case PRIORITY -> priority;
            case REMINDER -> reminderAt;
            case TYPE -> type;
            case WHO -> whoId;
            case WHAT -> whatId;
        };
    }

    public TaskFields with(Field field, Object value) {
        return new TaskFields(
                field == Field.SUBJECT ? (String) value : subject,
                field == Field.NOTES ? (String) value : notes,
                field == Field.DUE_DATE ? (LocalDate) value : dueDate,
                field == Field.COMPLETED ? (Boolean) value : completed,
                field == Field.PRIORITY ? (Priority) value : priority,
                field == Field.REMINDER ? (Instant) value : reminderAt,
                field == Field.TYPE ? (TaskType) value : type,
                field == Field.WHO ? (String) value : whoId,
                field == Field.WHAT ? (String) value : whatId);
    }

    public static TaskFields todo(String subject) {
        return new TaskFields(subject, null, null, false, Priority.NORMAL, null, TaskType.TODO, null, null);
    }
}
