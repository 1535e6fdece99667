package com.salesconnect.tasksync.emulator.outbound;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * One event in the life of an outbound message: an attempt and its outcome, or what a fault did to it.
 *
 * @param at         emulator time
 * @param messageId  the emulator's own id for the message (stable across its retries)
 * @param attempt    1 for the first delivery attempt
 * @param httpStatus the listener's status, 0 when there was no answer
 */
public record DeliveryLogEntry(Instant at, String messageId, String orgId, URI endpoint,
                               List<String> notificationIds, List<String> taskIds, int attempt, Outcome outcome,
                               int httpStatus) {

    public DeliveryLogEntry {
        notificationIds = List.copyOf(notificationIds);
        taskIds = List.copyOf(taskIds);
    }

    public enum Outcome {
        /** HTTP 200 with {@code <Ack>true</Ack>}: delivered. */
        ACKED,
        /** The listener answered, but not with an acknowledgement: retried later. */
        NOT_ACKED,
        /** No answer (connection refused, timeout): retried later. */
        UNREACHABLE,
        /** A fault dropped the message: it is lost. */
        DROPPED,
        /** A fault holds the message back, to be sent after later ones. */
        HELD,
        /** A fault sent an acknowledged message a second time. */
        DUPLICATE_SENT,
        /** Not acknowledged within the give-up period (24 hours in Salesforce): discarded. */
        GAVE_UP
    }
}
