package com.salesconnect.tasksync.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One read of an item no one writes ({@link SyncKey#neverWritten}): a JVM's first DynamoDB request loads and runs
 * the SDK's whole request path (marshalling, signing, retries, the HTTP connection, unmarshalling) for the first
 * time, which costs a cold start about as much as all its later requests together. Made on a thread of its own
 * while the handler still starts, it takes that cost off the first request's path, which then also reuses its
 * connection. An eventually consistent GetItem of a missing item: half a read unit, nothing written, no secret read.
 */
public final class DynamoDbWarmUp {

    private DynamoDbWarmUp() {
    }

    /** The read; whatever it finds is dropped, a failure is the caller's to ignore (the first request meets it). */
    public static void read(DynamoDbClient dynamoDb, String syncTableName) {
        dynamoDb.getItem(r -> r.tableName(syncTableName).key(SyncKey.neverWritten().toKey()));
    }
}
