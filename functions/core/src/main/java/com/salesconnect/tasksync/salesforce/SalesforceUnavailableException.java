package com.salesconnect.tasksync.salesforce;

/**
 * Retryable failure (5xx, UNABLE_TO_LOCK_ROW, timeout) that outlasted the client's own retries.
 *
 * <p>{@link #mayHaveWritten()} tells a write whose outcome is unknown (a time-out or a broken connection after the
 * request went out, a gateway's 502/504, an unreadable answer) from one Salesforce answered without writing (HTTP 500,
 * 503, 429 or UNABLE_TO_LOCK_ROW on every attempt, or a connection never made): only the first can have made a
 * record, so only the first keeps a create in doubt.
 */
public final class SalesforceUnavailableException extends SalesforceException {

    private final boolean mayHaveWritten;

    /** A failure whose write, if any, may have committed (the safe assumption). */
    public SalesforceUnavailableException(String message, Throwable cause) {
        this(message, cause, true);
    }

    private SalesforceUnavailableException(String message, Throwable cause, boolean mayHaveWritten) {
        super(message, cause);
        this.mayHaveWritten = mayHaveWritten;
    }

    /** A failure Salesforce answered on every attempt without writing anything. */
    public static SalesforceUnavailableException nothingWritten(String message, Throwable cause) {
        return new SalesforceUnavailableException(message, cause, false);
    }

    /** False only when every attempt was answered by Salesforce as not done (or never reached it). */
    public boolean mayHaveWritten() {
        return mayHaveWritten;
    }
}
