package com.salesconnect.tasksync.emulator.http;

/** The request body is larger than the emulator accepts. */
public final class PayloadTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException() {
        super("request body too large", null, false, false);
    }
}
