package com.salesconnect.tasksync.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A Salesforce Task record as read through REST or received in an Outbound Message.
 * Field names follow the Salesforce API names. Any field not selected or not sent is null.
 */
public record SfTask(
        String id,
        String ownerId,
        String subject,
        String description,
        LocalDate activityDate,
        String status,
        Boolean isClosed,
        String priority,
        Instant reminderDateTime,
        Boolean isReminderSet,
        String taskSubtype,
        String whoId,
        String whatId,
        Instant createdDate,
        Instant lastModifiedDate,
        Instant systemModstamp,
        Boolean isDeleted,
        Boolean isRecurrence,
        String createdById) {

    public SfTask {
        Objects.requireNonNull(id, "id");
    }

    /** A task that is not (or not known to be) the master of a recurring series, its creator not read. */
    public SfTask(String id, String ownerId, String subject, String description, LocalDate activityDate, String status,
                  Boolean isClosed, String priority, Instant reminderDateTime, Boolean isReminderSet,
                  String taskSubtype, String whoId, String whatId, Instant createdDate, Instant lastModifiedDate,
                  Instant systemModstamp, Boolean isDeleted) {
        this(id, ownerId, subject, description, activityDate, status, isClosed, priority, reminderDateTime,
                isReminderSet, taskSubtype, whoId, whatId, createdDate, lastModifiedDate, systemModstamp, isDeleted,
                null, null);
    }

    /**
     * The master record of a recurring series ({@code IsRecurrence}): not a task anyone works on, only the template
     * of its occurrences, which are tasks of their own. It is never synced.
     */
    public boolean seriesMaster() {
        return Boolean.TRUE.equals(isRecurrence);
    }

    public boolean deleted() {
        return Boolean.TRUE.equals(isDeleted);
    }
}
