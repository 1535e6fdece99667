package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.metrics.SyncMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What became of each change, for the operator: one log line per Salesforce change applied (with the change's
 * correlation id, set by the caller) and the metrics ChangesApplied, ChangesIgnored and ChangeLag.
 */
final class AppliedChanges {

    private static final Logger LOG = LoggerFactory.getLogger(AppliedChanges.class);

    private AppliedChanges() {
    }

    /** @param stamp the change's SystemModstamp (null when unknown): the lag is measured from it */
    static SalesforceChangeApplier.Result fromSalesforce(SalesforceChangeApplier.Result result, Instant stamp,
                                                         Clock clock) {
        SyncMetrics metrics = Metrics.current();
        String kind = switch (result) {
            case IMPORTED, ADOPTED, RESTORED -> "Create";
            case MERGED, OWNER_MOVED -> "Update";
            case DELETED -> "Delete";
            default -> null;
        };
        if (kind != null) {
            metrics.changeApplied(SyncMetrics.Direction.TO_SALES_CONNECT, kind);
            if (stamp != null) {
                metrics.changeLag(SyncMetrics.Direction.TO_SALES_CONNECT, Duration.between(stamp, clock.instant()));
            }
        } else if (result == SalesforceChangeApplier.Result.DUPLICATE || result == SalesforceChangeApplier.Result.ECHO) {
            metrics.changeIgnored(SyncMetrics.Direction.TO_SALES_CONNECT, "Duplicate");
        } else if (result == SalesforceChangeApplier.Result.STALE) {
            metrics.changeIgnored(SyncMetrics.Direction.TO_SALES_CONNECT, "Stale");
        }
        if (result != SalesforceChangeApplier.Result.NOTHING) {
            LOG.info("Salesforce change: result={}", result);
        }
        return result;
    }
}
