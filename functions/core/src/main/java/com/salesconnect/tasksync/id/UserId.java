package com.salesconnect.tasksync.id;

/** A Sales Connect user's id: any non-blank text (Sales Connect makes it; we only carry it). */
public record UserId(String value) {

    public UserId {
        Ids.requireText(value, "user id");
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
