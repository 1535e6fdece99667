package com.salesconnect.tasksync.emulator.sobject;

import java.util.Objects;

/**
 * One picklist value. {@code closed} matters for TaskStatus, {@code highPriority} for Task Priority.
 */
public record PicklistValue(String value, String label, boolean isDefault, boolean closed, boolean highPriority) {

    public PicklistValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(label, "label");
    }

    public static PicklistValue of(String value) {
        return new PicklistValue(value, value, false, false, false);
    }

    public static PicklistValue defaultValue(String value) {
        return new PicklistValue(value, value, true, false, false);
    }
}
