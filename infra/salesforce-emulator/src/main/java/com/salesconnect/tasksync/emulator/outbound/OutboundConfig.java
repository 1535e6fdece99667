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

    /** A builder holding this configuration, to change a few settings and {@link Builder#build()} a new one. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public OutboundConfig withRetry(Duration base, Duration max) {
        return toBuilder().retryBase(base).retryMax(max).build();
    }

    public OutboundConfig withTimeout(Duration answerTimeout) {
        return toBuilder().timeout(answerTimeout).build();
    }

    public OutboundConfig withGiveUpAfter(Duration age) {
        return toBuilder().giveUpAfter(age).build();
    }

    public OutboundConfig withBatchWindow(Duration window) {
        return toBuilder().batchWindow(window).build();
    }

    public OutboundConfig withSessionId(boolean send) {
        return toBuilder().sendSessionId(send).build();
    }

    public OutboundConfig withNullsAsNil(boolean nil) {
        return toBuilder().nullsAsNil(nil).build();
    }

    public OutboundConfig withOnApiEdits(boolean send) {
        return toBuilder().onApiEdits(send).build();
    }

    public OutboundConfig withFields(List<String> sentFields) {
        return toBuilder().fields(sentFields).build();
    }

    /**
     * Collects settings for a new configuration; {@link #build()} checks them as the record's constructor does.
     * A new setting is a record component plus its field, setter, copy line and constructor argument here.
     */
    public static final class Builder {
        private Duration retryBase;
        private Duration retryMax;
        private Duration giveUpAfter;
        private Duration timeout;
        private Duration batchWindow;
        private boolean sendSessionId;
        private boolean nullsAsNil;
        private boolean onApiEdits;
        private List<String> fields;

        private Builder(OutboundConfig from) {
            retryBase = from.retryBase;
            retryMax = from.retryMax;
            giveUpAfter = from.giveUpAfter;
            timeout = from.timeout;
            batchWindow = from.batchWindow;
            sendSessionId = from.sendSessionId;
            nullsAsNil = from.nullsAsNil;
            onApiEdits = from.onApiEdits;
            fields = from.fields;
        }

        public Builder retryBase(Duration value) {
            retryBase = value;
            return this;
        }

        public Builder retryMax(Duration value) {
            retryMax = value;
            return this;
        }

        public Builder giveUpAfter(Duration value) {
            giveUpAfter = value;
            return this;
        }

        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        public Builder batchWindow(Duration value) {
            batchWindow = value;
            return this;
        }

        public Builder sendSessionId(boolean value) {
            sendSessionId = value;
            return this;
        }

        public Builder nullsAsNil(boolean value) {
            nullsAsNil = value;
            return this;
        }

        public Builder onApiEdits(boolean value) {
            onApiEdits = value;
            return this;
        }

        public Builder fields(List<String> value) {
            fields = value;
            return this;
        }

        public OutboundConfig build() {
            return new OutboundConfig(retryBase, retryMax, giveUpAfter, timeout, batchWindow, sendSessionId,
                    nullsAsNil, onApiEdits, fields);
        }
    }
}
