package com.salesconnect.tasksync.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** Every DynamoDB store, wired once from one client and the two table names (for handlers and the local runtime). */
public record DynamoDbStores(
        DynamoDbTaskStore tasks,
        DynamoDbSettingsStore settings,
        DynamoDbConnectionStore connections,
        DynamoDbUserConfigStore userConfigs,
        DynamoDbWebhookStore webhooks,
        DynamoDbOAuthStateStore oauthStates,
        DynamoDbLinkStore links,
        DynamoDbPendingPushStore pendingPushes,
        DynamoDbConflictLog conflicts,
        DynamoDbNotificationLog notifications,
        DynamoDbOrgLimitStore orgLimits,
        DynamoDbOrgProbeStore orgProbes,
        DynamoDbOrgReadAhead orgReadAhead,
        DynamoDbAccessTokenStore accessTokens,
        DynamoDbSyncHealthStore health,
        DynamoDbTaskLinkReads taskLinkReads,
        DynamoDbPendingReadAhead pendingReadAhead) {

    public static DynamoDbStores create(DynamoDbClient dynamoDb, String tasksTable, String syncTable, Clock clock) {
        HeldItems orgItems = new HeldItems(clock);
        HeldItems pendingMarkers = new HeldItems(clock);
        HeldItems userConfigs = new HeldItems(clock);
        return new DynamoDbStores(
                new DynamoDbTaskStore(dynamoDb, tasksTable, clock),
                new DynamoDbSettingsStore(dynamoDb, syncTable, userConfigs),
                new DynamoDbConnectionStore(dynamoDb, syncTable, userConfigs),
                new DynamoDbUserConfigStore(dynamoDb, syncTable, userConfigs),
                new DynamoDbWebhookStore(dynamoDb, syncTable),
                new DynamoDbOAuthStateStore(dynamoDb, syncTable, clock),
                new DynamoDbLinkStore(dynamoDb, syncTable, clock, pendingMarkers),
                new DynamoDbPendingPushStore(dynamoDb, syncTable, clock, pendingMarkers),
                new DynamoDbConflictLog(dynamoDb, syncTable, clock),
                new DynamoDbNotificationLog(dynamoDb, syncTable, clock),
                new DynamoDbOrgLimitStore(dynamoDb, syncTable, clock, orgItems),
                new DynamoDbOrgProbeStore(dynamoDb, syncTable, clock, orgItems),
                new DynamoDbOrgReadAhead(dynamoDb, syncTable, orgItems),
                new DynamoDbAccessTokenStore(dynamoDb, syncTable, clock),
                new DynamoDbSyncHealthStore(dynamoDb, syncTable),
                new DynamoDbTaskLinkReads(dynamoDb, tasksTable, syncTable, clock),
                new DynamoDbPendingReadAhead(dynamoDb, syncTable, pendingMarkers));
    }
}
