package com.salesconnect.tasksync.sync;

/** Sync cannot be enabled: the user has no working Salesforce connection (none yet, or it needs renewing). */
public final class NotConnectedException extends RuntimeException {

    public NotConnectedException() {
        super("Connect Sales Connect to Salesforce before turning task sync on");
    }
}
