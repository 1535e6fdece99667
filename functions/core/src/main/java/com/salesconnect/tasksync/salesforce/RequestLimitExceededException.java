package com.salesconnect.tasksync.salesforce;

import java.time.Instant;

/** REQUEST_LIMIT_EXCEEDED: the org's API limit is used up; call it again no earlier than {@code retryAfter}. */
public final class RequestLimitExceededException extends SalesforceException {

    private final transient Instant retryAfter;

    public RequestLimitExceededException(String message, Instant retryAfter) {
        super(message, null);
        this.retryAfter = retryAfter;
    }

    public Instant retryAfter() {
        return retryAfter;
    }
}
