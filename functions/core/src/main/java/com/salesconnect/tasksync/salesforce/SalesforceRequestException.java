package com.salesconnect.tasksync.salesforce;

import java.util.List;

/** A request Salesforce rejected for good (4xx other than the cases above), with its errors. */
public final class SalesforceRequestException extends SalesforceException {

    private final int httpStatus;
    private final transient List<SfError> errors;

    public SalesforceRequestException(int httpStatus, List<SfError> errors) {
        super("Salesforce rejected the request: HTTP " + httpStatus + " "
                + errors.stream().map(SfError::statusCode).toList(), null);
        this.httpStatus = httpStatus;
        this.errors = List.copyOf(errors);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public List<SfError> errors() {
        return errors;
    }
}
