package com.salesconnect.tasksync.emulator.sobject;

import java.util.List;

/**
 * A request Salesforce rejects as a whole (malformed JSON, unknown field, bad SOQL, ...): the HTTP status and
 * the error code and message of the {@code [{"message":..,"errorCode":..}]} body. Messages are the API's own
 * wording, never an internal exception text.
 */
public final class ApiRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String errorCode;
    private final transient List<String> fields;

    public ApiRequestException(int httpStatus, String errorCode, String message) {
        this(httpStatus, errorCode, message, List.of());
    }

    public ApiRequestException(int httpStatus, String errorCode, String message, List<String> fields) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.fields = List.copyOf(fields);
    }

    public static ApiRequestException badRequest(String errorCode, String message) {
        return new ApiRequestException(400, errorCode, message);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String errorCode() {
        return errorCode;
    }

    public List<String> fields() {
        return fields;
    }
}
