package com.salesconnect.tasksync.settings;

import java.time.Instant;

/** One span during which a user had sync turned on; {@code end} is null while it lasts. */
public record EnabledPeriod(Instant start, Instant end) {

    public boolean open() {
        return end == null;
    }
}
