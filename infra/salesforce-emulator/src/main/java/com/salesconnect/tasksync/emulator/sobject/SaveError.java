package com.salesconnect.tasksync.emulator.sobject;

import java.util.List;
import java.util.Objects;

/**
 * One error of a write, as Salesforce reports it: a status code (e.g. {@code STRING_TOO_LONG}), a message
 * and the fields involved. Collections report it as {@code statusCode}, single-record calls as {@code errorCode}.
 */
public record SaveError(String statusCode, String message, List<String> fields) {

    public SaveError {
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(message, "message");
        fields = List.copyOf(fields);
    }

    public static SaveError of(String statusCode, String message, String... fields) {
        return new SaveError(statusCode, message, List.of(fields));
    }
}
