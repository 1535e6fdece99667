package com.salesconnect.tasksync.emulator.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How outbound messages are sent. Salesforce retries with exponentially growing intervals up to two hours and
 * gives up after 24 hours; the emulator's back-off runs on real time (so tests set a small base), the give-up
 * period on emulator time (so tests advance the clock).
 *
 * @param retryBase     first retry interval, doubled on each failure
 * @param retryMax      longest retry interval
 * @param giveUpAfter   age (emulator time) at which an unacknowledged message is dropped
 * @param timeout       how long to wait for the listener's answer
 * @param batchWindow   how long queued changes wait for company before they are sent (Salesforce batches)
 * @param sendSessionId whether messages carry a SessionId (the org admin's session)
 * @param nullsAsNil    send null fields as {@code xsi:nil="true"} instead of leaving them out
 * @param onApiEdits    whether changes made through the REST API send messages (the workflow fires for any edit)
 * @param fields        the Task fields sent; empty means all of them
 */
public record OutboundConfig(Duration retryBase, Duration retryMax, Duration giveUpAfter, Duration timeout,
                             Duration batchWindow, boolean sendSessionId, boolean nullsAsNil, boolean onApiEdits,
                             List<String> fields) {

    public OutboundConfig {
        Objects.requireNonNull(retryBase, "retryBase");
        Objects.requireNonNull(retryMax, "retryMax");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(batchWindow, "batchWindow");
        fields = List.copyOf(fields);
        if (retryBase.isNegative() || retryBase.isZero() || retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("0 < retryBase <= retryMax");
        }
    }

    /** Salesforce's behaviour, with a 5-second first retry. */
    public static OutboundConfig defaults() {
        return new OutboundConfig(Duration.ofSeconds(5), Duration.ofHours(2), Duration.ofHours(24),
                Duration.ofSeconds(60), Duration.ofMillis(20), true, false, true, List.of());
    }

    /** Retries within milliseconds, for tests. */
    public static OutboundConfig fastForTests() {
        return defaults().withRetry(Duration.ofMillis(20), Duration.ofMillis(200)).withTimeout(Duration.ofSeconds(5));
    }

    /** The same settings with other retry intervals. */
    public OutboundConfig withRetry(Duration base, Duration max) {
        return new OutboundConfig(base, max, giveUpAfter, timeout, batchWindow, sendSessionId, nullsAsNil,
                onApiEdits, fields);
    }

    public OutboundConfig withTimeout(Duration answerTimeout) {
        return new OutboundConfig(retryBase, retryMax, giveUpAfter, answerTimeout, batchWindow, sendSessionId,
                nullsAsNil, onApiEdits, fields);
    }

    public OutboundConfig withGiveUpAfter(Duration age) {
        return new OutboundConfig(retryBase, retryMax, age, timeout, batchWindow, sendSessionId, nullsAsNil,
                onApiEdits, fields);
    }

    public OutboundConfig withBatchWindow(Duration window) {
        return new OutboundConfig(retryBase, retryMax, giveUpAfter, timeout, window, sendSessionId, nullsAsNil,
                onApiEdits, fields);
    }

    public OutboundConfig withSessionId(boolean send) {
        return new OutboundConfig(retryBase, retryMax, giveUpAfter, timeout, batchWindow, send, nullsAsNil,
                onApiEdits, fields);
    }

    public OutboundConfig withNullsAsNil(boolean nil) {
        return new OutboundConfig(retryBase, retryMax, giveUpAfter, timeout, batchWindow, sendSessionId, nil,
                onApiEdits, fields);
    }

    public OutboundConfig withOnApiEdits(boolean send) {
        return new OutboundConfig(retryBase, retryMax, giveUpAfter, timeout, batchWindow, sendSessionId, nullsAsNil,
                send, fields);
    }

    public OutboundConfig withFields(List<String> sentFields) {
        return new OutboundConfig(retryBase, retryMax, giveUpAfter, timeout, batchWindow, sendSessionId, nullsAsNil,
                onApiEdits, sentFields);
    }
}
