package com.salesconnect.tasksync.emulator.sobject;

/** The Salesforce field types the emulated objects use (describe's {@code type} is the lower-case name). */
public enum FieldType {
    ID, REFERENCE, STRING, TEXTAREA, PICKLIST, DATE, DATETIME, BOOLEAN, INT;

    public String describeName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isText() {
        return this == STRING || this == TEXTAREA || this == PICKLIST;
    }

    public boolean isId() {
        return this == ID || this == REFERENCE;
    }
}
