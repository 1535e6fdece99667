package com.salesconnect.tasksync.task;

/** Bad task input: the message names the field and the rule, never the value, so it is safe to show. */
public final class InvalidTaskException extends RuntimeException {

    private final transient TaskFields.Field field;

    public InvalidTaskException(TaskFields.Field field, String rule) {
        super(field.name().toLowerCase(java.util.Locale.ROOT) + ": " + rule);
        this.field = field;
    }

    public TaskFields.Field field() {
        return field;
    }
}
