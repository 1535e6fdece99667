package com.salesconnect.tasksync.local.streams;

/** Where an event source mapping sends the record of a discarded batch (an SQS queue in the template). */
@FunctionalInterface
public interface FailureDestination {

    FailureDestination NONE = message -> { };

    void send(String invocationRecordJson);
}
