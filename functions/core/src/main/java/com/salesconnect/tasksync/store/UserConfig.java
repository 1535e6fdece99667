package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SyncSettings;

/**
 * A user's sync settings and Salesforce connection as stored, read together.
 *
 * @param settings   the settings, or null when the user has none
 * @param connection the connection, or null when the user has none
 */
public record UserConfig(SyncSettings settings, SalesforceConnection connection) {
}
