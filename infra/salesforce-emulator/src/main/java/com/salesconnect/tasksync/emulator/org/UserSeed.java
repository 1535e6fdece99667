package com.salesconnect.tasksync.emulator.org;

import java.util.Objects;

/** A user to create in a seeded org. */
public record UserSeed(String username, String firstName, String lastName, String email, String password,
                       String timeZone, boolean viewAllData) {

    /** A user without View All Data. */
    public UserSeed(String username, String firstName, String lastName, String email, String password,
                    String timeZone) {
        this(username, firstName, lastName, email, password, timeZone, false);
    }

    public UserSeed {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(password, "password");
        email = email == null ? username : email;
        timeZone = timeZone == null ? "Europe/Berlin" : timeZone;
    }

    @Override
    public String toString() {
        return "UserSeed[" + username + "]";
    }
}
