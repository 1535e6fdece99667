package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** A user's Salesforce connection ({@code CONFIG#USER#{u}/CONNECTION}) and its owner routing item. */
final class ConnectionItems {

    private ConnectionItems() {
    }

    static Map<String, AttributeValue> toItem(SalesforceConnection connection) {
        return ItemBuilder.keyed(SyncKey.connection(connection.userId()))
                .string("userId", connection.userId())
                .string("orgId", connection.orgId())
                .string("sfUserId", connection.sfUserId())
                .string("instanceUrl", connection.instanceUrl())
                .string("encryptedRefreshToken", connection.encryptedRefreshToken())
                .enumValue("state", connection.state())
                .instant("connectedAt", connection.connectedAt())
                .string("brokenReason", connection.brokenReason())
                .number("version", connection.version())
                .build();
    }

    static SalesforceConnection fromItem(Map<String, AttributeValue> attributes) {
        ItemReader item = new ItemReader(attributes, "connection");
        return new SalesforceConnection(
                item.string("userId"),
                item.string("orgId"),
                item.string("sfUserId"),
                item.string("instanceUrl"),
                item.string("encryptedRefreshToken"),
                item.enumValue("state", ConnectionState.class),
                item.optInstant("connectedAt"),
                item.optString("brokenReason"),
                item.number("version"));
    }

    /** {@code CONFIG#ORG#{o}/OWNER#{sfUserId}}: which Sales Connect user is connected as this Salesforce user. */
    static Map<String, AttributeValue> routingItem(SalesforceConnection connection) {
        return ItemBuilder.keyed(SyncKey.owner(connection.orgId(), connection.sfUserId()))
                .string("orgId", connection.orgId())
                .string("sfUserId", connection.sfUserId())
                .string("userId", connection.userId())
                .build();
    }
}
