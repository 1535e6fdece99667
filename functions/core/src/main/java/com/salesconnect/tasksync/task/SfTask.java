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
        Boolean isDeleted) {

    public SfTask {
        Objects.requireNonNull(id, "id");
    }

    public boolean deleted() {
        return Boolean.TRUE.equals(isDeleted);
    }
}
