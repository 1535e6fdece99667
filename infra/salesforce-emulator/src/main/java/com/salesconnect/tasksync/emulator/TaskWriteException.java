package com.salesconnect.tasksync.emulator;

import com.salesconnect.tasksync.emulator.sobject.SaveError;

import java.util.List;

/** An admin-API task write that Salesforce would have rejected, with Salesforce's errors. */
public final class TaskWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<SaveError> errors;

    public TaskWriteException(List<SaveError> errors) {
        super("Salesforce rejected the write: " + errors.stream().map(SaveError::statusCode).toList(), null,
                false, false);
        this.errors = List.copyOf(errors);
    }

    public List<SaveError> errors() {
        return errors;
    }

    public boolean hasCode(String statusCode) {
        return errors.stream().anyMatch(e -> e.statusCode().equals(statusCode));
    }
}
