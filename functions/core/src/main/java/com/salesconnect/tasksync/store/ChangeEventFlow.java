package com.salesconnect.tasksync.store;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether an org's Salesforce change events reach the sync: when the last one arrived, and when the last GAP (or
 * an event the sync could not apply) said that changes may have been missed. Either may be null.
 */
public record ChangeEventFlow(Instant lastEventAt, Instant gapAt) {

    public static final ChangeEventFlow NONE = new ChangeEventFlow(null, null);

    /**
     * Events flow when one arrived within {@code quietAfter} before {@code now} and no gap came after it: then the
     * org's sweep can be a slow safety net.
     */
    public boolean flowing(Instant now, Duration quietAfter) {
        return lastEventAt != null && lastEventAt.isAfter(now.minus(quietAfter))
                && (gapAt == null || lastEventAt.isAfter(gapAt));
    }
}
