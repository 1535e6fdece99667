package com.salesconnect.tasksync.sync;

/** What turning sync on did: on (with the settings as they are now), or nothing, for want of a connection. */
public sealed interface EnableOutcome {

    record Enabled(SettingsView view) implements EnableOutcome {
    }

    /** The user has no working Salesforce connection (none yet, or it needs renewing): nothing changed. */
    record NotConnected() implements EnableOutcome {
    }
}
