package com.salesconnect.tasksync.id;

/** The check every id shares. */
final class Ids {

    private Ids() {
    }

    static String requireText(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        return value;
    }
}
