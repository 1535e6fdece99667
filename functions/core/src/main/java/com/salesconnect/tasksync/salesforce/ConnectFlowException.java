package com.salesconnect.tasksync.salesforce;

/** The OAuth connect flow cannot complete; {@link #getMessage()} is safe to show the user. */
public final class ConnectFlowException extends RuntimeException {

    public enum Reason {
        /** The callback lacks a code or state, or they are malformed. */
        INVALID_REQUEST("The sign-in answer from Salesforce was incomplete. Please try again."),
        /** The state is unknown, used already or expired (10 minutes). */
        UNKNOWN_STATE("This sign-in link has expired or was already used. Please start again."),
        /** Salesforce refused the authorization code. */
        CODE_REJECTED("Salesforce did not accept the sign-in. Please start again."),
        /** The grant has no refresh token: the connected app lacks the refresh_token scope. */
        NO_REFRESH_TOKEN("Salesforce did not grant offline access. Please ask your admin to allow the "
                + "refresh_token scope for this app."),
        /** Another Sales Connect user is already connected as this Salesforce user. */
        SALESFORCE_USER_TAKEN("This Salesforce user is already connected to another Sales Connect account.");

        private final String userMessage;

        Reason(String userMessage) {
            this.userMessage = userMessage;
        }
    }

    private final Reason reason;

    public ConnectFlowException(Reason reason) {
        super(reason.userMessage);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
