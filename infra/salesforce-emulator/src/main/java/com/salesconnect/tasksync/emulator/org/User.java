package com.salesconnect.tasksync.emulator.org;

import java.util.Objects;

/**
 * A user of an emulated org. The password is for the emulator's password grant only. {@code viewAllData} is the
 * View All Data permission (an admin's), answered by {@code UserPermissionAccess}; the emulator's sharing is
 * otherwise open (every user reads every task, as with a Public Read Only org-wide default).
 */
public record User(String id, String orgId, String username, String firstName, String lastName, String email,
                   String password, String timeZone, boolean active, boolean viewAllData) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(username, "username");
    }

    public String name() {
        return (firstName == null || firstName.isBlank() ? "" : firstName + " ") + lastName;
    }

    /** The password is a secret; keep it out of logs and assertion messages. */
    @Override
    public String toString() {
        return "User[" + id + ", " + username + "]";
    }
}
