package com.salesconnect.tasksync.settings;

/** State of a user's Salesforce connection. BROKEN needs the user to connect again. */
public enum ConnectionState {
    CONNECTED, BROKEN
}
