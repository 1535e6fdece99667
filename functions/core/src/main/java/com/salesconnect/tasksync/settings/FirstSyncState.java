package com.salesconnect.tasksync.settings;

/** Progress of the first sync after enabling, as shown on the Settings page. */
public enum FirstSyncState {
    NONE, QUEUED, RUNNING, DONE, FAILED
}
