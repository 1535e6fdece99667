package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.UserConfig;
import com.salesconnect.tasksync.store.UserConfigStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.Map;

/**
 * A user's settings and connection in one strongly consistent Query: both live in the partition
 * {@code CONFIG#USER#{u}} ({@code CONNECTION} and {@code SETTINGS}; the access token sorts before both and is not
 * read), so the read costs one request and one read unit where two GetItems cost two of each. The items are as
 * {@link DynamoDbSettingsStore} and {@link DynamoDbConnectionStore} write them.
 */
public final class DynamoDbUserConfigStore implements UserConfigStore {

    private final Table table;

    public DynamoDbUserConfigStore(DynamoDbClient dynamoDb, String syncTableName) {
        this.table = new Table(dynamoDb, syncTableName);
    }

    @Override
    public UserConfig get(UserId user) {
        SyncKey connectionKey = SyncKey.connection(user.value());
        SyncKey settingsKey = SyncKey.settings(user.value());
        // Two small items: one page (a Query stops at 1 MB).
        QueryResponse response = table.query(q -> q
                .keyConditionExpression("pk = :pk AND sk BETWEEN :first AND :last")
                .expressionAttributeValues(Map.of(":pk", Values.s(connectionKey.pk()),
                        ":first", Values.s(connectionKey.sk()), ":last", Values.s(settingsKey.sk())))
                .consistentRead(true), "settings and connection");
        SyncSettings settings = null;
        SalesforceConnection connection = null;
        for (Map<String, AttributeValue> item : response.items()) {
            String sk = new ItemReader(item, "settings and connection").string("sk");
            if (sk.equals(settingsKey.sk())) {
                settings = SettingsItems.fromItem(item);
            } else if (sk.equals(connectionKey.sk())) {
                connection = ConnectionItems.fromItem(item);
            }
        }
        return new UserConfig(settings, connection);
    }
}
