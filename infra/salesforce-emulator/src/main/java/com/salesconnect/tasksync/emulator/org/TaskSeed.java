package com.salesconnect.tasksync.emulator.org;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A task to create while seeding: its owner's username and field values by API name (typed values or their
 * REST text). Seeding may set the audit fields and {@code SystemModstamp}, and sends no outbound message.
 */
public record TaskSeed(String ownerUsername, Map<String, Object> fields) {

    public TaskSeed {
        Objects.requireNonNull(ownerUsername, "ownerUsername");
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
