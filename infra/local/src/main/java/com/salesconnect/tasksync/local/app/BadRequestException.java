package com.salesconnect.tasksync.local.app;

/** Bad input to the local app's own API: the message is safe to show and becomes the 400's {@code error}. */
final class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message);
    }
}
