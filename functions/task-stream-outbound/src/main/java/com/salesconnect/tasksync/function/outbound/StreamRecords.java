package com.salesconnect.tasksync.function.outbound;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.dynamodb.DynamoDbTaskStore;
import com.salesconnect.tasksync.sync.TaskChange;
import com.salesconnect.tasksync.task.ScTask;

import java.util.Map;
import java.util.Set;

/** Decodes records of the tasks table's stream into {@link TaskChange}s, with the store's item mapping. */
final class StreamRecords {

    private static final Set<String> EVENT_NAMES = Set.of("INSERT", "MODIFY", "REMOVE");

    /** A record that can never be decoded (retrying it cannot help); the reason names no content. */
    static final class Undecodable extends Exception {
        Undecodable(String reason) {
            super(reason, null, false, false);
        }
    }

    private StreamRecords() {
    }

    /** The record's id for partial batch failures: its sequence number (null when the record has none). */
    static String id(DynamodbEvent.DynamodbStreamRecord record) {
        StreamRecord stream = record.getDynamodb();
        return stream == null ? null : stream.getSequenceNumber();
    }

    static TaskChange decode(DynamodbEvent.DynamodbStreamRecord record) throws Undecodable {
        StreamRecord stream = record.getDynamodb();
        if (stream == null || stream.getSequenceNumber() == null) {
            throw new Undecodable("no dynamodb.SequenceNumber");
        }
        if (record.getEventName() == null || !EVENT_NAMES.contains(record.getEventName())) {
            throw new Undecodable("eventName is not INSERT, MODIFY or REMOVE");
        }
        String userId = key(stream, "userId");
        String taskId = key(stream, "taskId");
        ScTask oldImage = image(stream.getOldImage(), "OldImage");
        ScTask newImage = image(stream.getNewImage(), "NewImage");
        return new TaskChange(stream.getSequenceNumber(), userId, taskId, oldImage, newImage, ttlExpiry(record));
    }

    /**
     * A removal made by DynamoDB's TTL: Lambda marks it with the user identity {@code Service} /
     * {@code dynamodb.amazonaws.com}. Such records are not user deletions and are never pushed.
     */
    static boolean ttlExpiry(DynamodbEvent.DynamodbStreamRecord record) {
        Identity identity = record.getUserIdentity();
        return "REMOVE".equals(record.getEventName()) && identity != null
                && "Service".equals(identity.getType()) && "dynamodb.amazonaws.com".equals(identity.getPrincipalId());
    }

    private static String key(StreamRecord stream, String name) throws Undecodable {
        Map<String, AttributeValue> keys = stream.getKeys();
        AttributeValue value = keys == null ? null : keys.get(name);
        if (value == null || value.getS() == null || value.getS().isBlank()) {
            throw new Undecodable("Keys." + name + " is missing or not a string");
        }
        return value.getS();
    }

    private static ScTask image(Map<String, AttributeValue> image, String which) throws Undecodable {
        if (image == null || image.isEmpty()) {
            return null;
        }
        try {
            return DynamoDbTaskStore.taskOf(AttributeValues.toSdk(image));
        } catch (StoreException | IllegalArgumentException | NullPointerException e) {
            throw new Undecodable(which + " is not a task item (" + e.getClass().getSimpleName() + ")");
        }
    }
}
