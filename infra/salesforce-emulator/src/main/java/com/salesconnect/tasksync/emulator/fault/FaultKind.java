package com.salesconnect.tasksync.emulator.fault;

/** What an injected fault does to a matching API call. */
public enum FaultKind {
    /** HTTP 500 UNKNOWN_EXCEPTION. */
    HTTP_500,
    /** HTTP 503 SERVER_UNAVAILABLE. */
    HTTP_503,
    /** Writes fail with UNABLE_TO_LOCK_ROW: per record in collections, HTTP 400 for single-record calls. */
    UNABLE_TO_LOCK_ROW,
    /**
     * Writes fail with FIELD_CUSTOM_VALIDATION_EXCEPTION, as when an admin's validation rule refuses the values: per
     * record in collections, HTTP 400 for single-record calls; nothing is written.
     */
    VALIDATION_RULE,
    /** HTTP 403 REQUEST_LIMIT_EXCEEDED, whatever the real usage. */
    REQUEST_LIMIT_EXCEEDED,
    /** The call is answered normally after a delay. */
    LATENCY
}
