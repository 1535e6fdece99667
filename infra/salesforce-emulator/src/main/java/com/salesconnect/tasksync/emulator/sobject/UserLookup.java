package com.salesconnect.tasksync.emulator.sobject;

/** Whether an id names a user of the org, for OwnerId and the audit user fields. */
@FunctionalInterface
public interface UserLookup {

    enum State { ACTIVE, INACTIVE, UNKNOWN }

    State state(String userId18);
}
