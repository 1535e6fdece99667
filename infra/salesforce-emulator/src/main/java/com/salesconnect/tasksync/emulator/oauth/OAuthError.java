package com.salesconnect.tasksync.emulator.oauth;

/** An OAuth error answer: {@code {"error":..,"error_description":..}} with its HTTP status. */
public final class OAuthError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    public OAuthError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }
}
