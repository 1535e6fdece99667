package com.salesconnect.tasksync.emulator.org;

import java.util.Objects;

/** A user of an emulated org. The password is for the emulator's password grant only. */
public record User(String id, String orgId, String username, String firstName, String lastName, String email,
                   String password, String timeZone, boolean active) {

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
