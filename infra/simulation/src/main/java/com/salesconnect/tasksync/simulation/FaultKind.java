package com.salesconnect.tasksync.simulation;

/**
 * Everything that goes wrong on purpose. The first group is armed on one invocation (at its k-th call of a kind);
 * the second group is what the platforms do to deliveries anyway (Lambda's stream, Salesforce's Outbound
 * Messages, EventBridge), counted when it happens.
 */
public enum FaultKind {
    // ---- armed on an invocation
    /** Salesforce answers 503 until the client's retries are used up: SalesforceUnavailableException, nothing written. */
    SF_5XX(Target.SF_CALL),
    /**
     * The call times out before Salesforce did anything: SalesforceUnavailableException of unknown outcome (the caller
     * cannot tell it from {@link #SF_TIMEOUT_AFTER_COMMIT}), nothing written.
     */
    SF_TIMEOUT_BEFORE_COMMIT(Target.SF_CALL),
    /** Every record of a collection write fails UNABLE_TO_LOCK_ROW (also after the client's own retries). */
    SF_LOCK_ROW(Target.SF_WRITE),
    /** One record of a collection write fails UNABLE_TO_LOCK_ROW; the others are written. */
    SF_LOCK_ONE_RECORD(Target.SF_WRITE),
    /** The org's daily API allowance is used up (by other integrations) for a while: REQUEST_LIMIT_EXCEEDED. */
    SF_REQUEST_LIMIT(Target.SF_CALL),
    /** 401 INVALID_SESSION_ID: the client renews the session with the refresh token (fails when revoked). */
    SF_INVALID_SESSION(Target.SF_CALL),
    /** The write is committed in Salesforce, then the response is lost: the caller sees a time-out. */
    SF_TIMEOUT_AFTER_COMMIT(Target.SF_WRITE),
    /** The invocation dies right after a Salesforce call returned (its effect is committed). */
    CRASH_AFTER_SF_CALL(Target.SF_CALL),
    /** The invocation dies right after a store write (the write is durable). */
    CRASH_AFTER_STORE_WRITE(Target.STORE_WRITE),
    /** The function runs out of time: killed just before its k-th store or Salesforce call. */
    OUT_OF_TIME(Target.ANY_CALL),
    /** Another invocation runs to completion just before the k-th store write (a conditional-check race). */
    CONCURRENT_INVOCATION(Target.STORE_WRITE),
    /** DynamoDB throttles or fails the k-th store call (StoreException). */
    STORE_UNAVAILABLE(Target.STORE_CALL),
    /** EventBridge PutEvents fails. */
    EVENT_PUBLISH_FAILED(Target.EVENT),

    // ---- conditions that last a while (steps of their own; counted)
    /** An org answers 5xx to every call for 5-60 minutes (an outage). */
    SF_OUTAGE(Target.PLATFORM),
    /** An org is so slow for 5-60 minutes that every invocation calling it runs out of time (counted per kill). */
    SF_TOO_SLOW(Target.PLATFORM),

    // ---- what the delivery platforms do (not armed; counted)
    /** A stream batch (or its remainder) used up its retries: the records went to the failure queue, data-less. */
    STREAM_RETRIES_EXHAUSTED(Target.PLATFORM),
    /** A stream record older than 24 h was dropped by the event source mapping. */
    STREAM_RECORD_EXPIRED(Target.PLATFORM),
    /** Salesforce sent an Outbound Message a second time (same notification ids, the data as first sent). */
    MESSAGE_DUPLICATED(Target.PLATFORM),
    /**
     * An Outbound Message was held on the way (a slow network or endpoint): it arrives later, after messages sent
     * after it, with the data as it was when sent; Salesforce, without an Ack meanwhile, sends the notifications again
     * if that late delivery fails.
     */
    MESSAGE_DELAYED(Target.PLATFORM),
    /** An Outbound Message notification was lost on the way. */
    MESSAGE_DROPPED(Target.PLATFORM),
    /** A notification queued more than 24 h was given up by Salesforce. */
    MESSAGE_EXPIRED(Target.PLATFORM),
    /** EventBridge delivered an event twice. */
    EVENT_DUPLICATED(Target.PLATFORM),
    /**
     * A Salesforce change event (Event Relay) arrived: any past change of a record, so duplicated, reordered and
     * never-delivered ones happen as the PRNG picks; a tenth arrive as GAP events (data lost), a fiftieth as
     * GAP_OVERFLOW.
     */
    CHANGE_EVENT_GAP(Target.PLATFORM);

    /** What the armed fault counts to find its moment. */
    public enum Target {
        SF_CALL, SF_WRITE, STORE_WRITE, STORE_CALL, ANY_CALL, EVENT, PLATFORM
    }

    private final Target target;

    FaultKind(Target target) {
        this.target = target;
    }

    public Target target() {
        return target;
    }

    public boolean armable() {
        return target != Target.PLATFORM;
    }
}
