package com.salesconnect.tasksync.salesforce;

/**
 * An Outbound Message or a change event that cannot be accepted. The message says what is wrong in general terms and never
 * repeats content of the request, so it may go into a SOAP fault and a log line as it is.
 * A change event's problems come from {@link ChangeEventCodec}.
 */
public final class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message);
    }
}
