package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.task.ScTask;

import java.util.Objects;

/**
 * One record of the tasks table's stream, decoded.
 *
 * @param recordId   the stream record's id, reported back when the record must be retried
 * @param oldImage   null on insert
 * @param newImage   null on removal
 * @param ttlExpiry  true when DynamoDB's TTL removed an expired tombstone (not a user action)
 */
public record TaskChange(String recordId, String userId, String taskId, ScTask oldImage, ScTask newImage,
                         boolean ttlExpiry) {

    public TaskChange {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(taskId, "taskId");
    }
}
