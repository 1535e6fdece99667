package com.salesconnect.tasksync.salesforce;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record of a create or update. {@code ref} is the caller's key (the Sales Connect task id) so results
 * map back; {@code id} is the Salesforce id (null on create). A field mapped to null clears it.
 * Values: String, Boolean, Number, LocalDate (a date, never shifted), Instant (a date-time).
 */
public record SfWrite(String ref, String id, Map<String, Object> fields) {

    public SfWrite {
        Objects.requireNonNull(ref, "ref");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
