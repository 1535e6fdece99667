package com.salesconnect.tasksync.metrics;

import java.time.Duration;

/**
 * The sync's operational metrics (a port): the functions write them as CloudWatch Embedded Metric Format lines
 * ({@link EmfMetrics}), the tests read them from a {@link MetricRecorder}. Names and dimensions are the ones the
 * template's dashboard and alarms use (README, "Operations"). No method ever fails the sync.
 */
public interface SyncMetrics {

    /** Which way a change goes. */
    enum Direction {
        TO_SALESFORCE("ToSalesforce"), TO_SALES_CONNECT("ToSalesConnect");

        private final String dimension;

        Direction(String dimension) {
            this.dimension = dimension;
        }

        public String dimension() {
            return dimension;
        }
    }

    /** A change applied on the other side; {@code kind} is Create, Update or Delete. */
    void changeApplied(Direction direction, String kind);

    /** A change not applied because it was already applied ({@code Duplicate}) or older than what is there ({@code Stale}). */
    void changeIgnored(Direction direction, String reason);

    /** Both sides changed the same task; {@code winner} is the side whose value stayed. */
    void conflict(String winner);

    /** A push kept for later (a pending push); {@code reason} is the store's reason (LIMIT, CONNECTION, ...). */
    void pushDeferred(String reason);

    /** A pending push given up after its attempts ran out. */
    void pushGivenUp();

    /** From a change on one side to its application on the other. */
    void changeLag(Direction direction, Duration lag);

    /** A user's first sync (import) from its start to its end. */
    void firstSyncDuration(Duration duration);

    /** One request sent to Salesforce; {@code remainingPercent} is the org's unused share of its daily allowance
     *  as its answer's {@code Sforce-Limit-Info} reported it (negative when the answer did not say). */
    void salesforceCall(double remainingPercent);

    /** An org blocked because its API limit is used up (REQUEST_LIMIT_EXCEEDED). */
    void orgThrottled();

    /** Records nothing. */
    SyncMetrics NONE = new SyncMetrics() {
        @Override public void changeApplied(Direction direction, String kind) { }
        @Override public void changeIgnored(Direction direction, String reason) { }
        @Override public void conflict(String winner) { }
        @Override public void pushDeferred(String reason) { }
        @Override public void pushGivenUp() { }
        @Override public void changeLag(Direction direction, Duration lag) { }
        @Override public void firstSyncDuration(Duration duration) { }
        @Override public void salesforceCall(double remainingPercent) { }
        @Override public void orgThrottled() { }
    };
}
