package com.salesconnect.tasksync.task;

/** One value of an org's {@code TaskStatus} picklist. */
public record TaskStatus(String apiName, boolean closed, boolean isDefault) {
}
