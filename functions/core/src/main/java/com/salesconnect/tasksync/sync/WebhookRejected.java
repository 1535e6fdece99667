package com.salesconnect.tasksync.sync;

/**
 * An Outbound Message that does not authenticate: nothing is written. The reason is for logs only; the caller
 * answers every reason the same way, so a prober learns nothing.
 */
public final class WebhookRejected extends RuntimeException {

    public enum Reason {
        MISSING_TOKEN, UNKNOWN_TOKEN, ORG_MISMATCH
    }

    private final Reason reason;

    public WebhookRejected(Reason reason) {
        super("webhook rejected: " + reason);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
