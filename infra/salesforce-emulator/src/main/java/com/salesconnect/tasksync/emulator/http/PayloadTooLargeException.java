package com.salesconnect.tasksync.emulator.http;

/** The request body is larger than the emulator accepts. */
public final class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException() {
        super("request body too large", null, false, false);
    }
}
