package com.salesconnect.tasksync.events;

/** Events could not be published (after bounded retries); the caller's unit of work should be retried. */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }

    public PublishException(String message) {
        super(message);
    }
}
