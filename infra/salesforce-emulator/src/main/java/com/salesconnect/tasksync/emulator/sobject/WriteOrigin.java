package com.salesconnect.tasksync.emulator.sobject;

/**
 * Who changed a record, which decides what is allowed and what follows: API and UI edits are user edits (they
 * set LastModifiedDate and fire outbound messages), SEED sets up data silently (audit fields and
 * SystemModstamp settable), SYSTEM is an automated process (only SystemModstamp moves).
 */
public enum WriteOrigin {
    API, UI, SEED, SYSTEM;

    public boolean isUserEdit() {
        return this == API || this == UI;
    }
}
