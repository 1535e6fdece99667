package com.salesconnect.tasksync.sync;

/** Whether an Outbound Message authenticates: its org, or why not (then nothing is written). */
public sealed interface WebhookAuth {

    /** Why a message did not authenticate: for logs only; the caller answers every reason the same way. */
    enum Reason {
        MISSING_TOKEN, UNKNOWN_TOKEN, ORG_MISMATCH
    }

    /** The token belongs to {@code orgId} and the message says it comes from that org. */
    record Authenticated(String orgId) implements WebhookAuth {
    }

    record Rejected(Reason reason) implements WebhookAuth {
    }
}
