package com.salesconnect.tasksync.emulator.sobject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of one record: its type and field values by API name. Values are String (ids, text,
 * picklists), LocalDate, Instant, Boolean or Integer; a field without a value maps to null.
 */
public final class SObjectRecord {

    private final String type;
    private final Map<String, Object> values;

    public SObjectRecord(String type, Map<String, Object> values) {
        this.type = Objects.requireNonNull(type, "type");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String type() {
        return type;
    }

    /** The 18-character id. */
    public String id() {
        return (String) values.get("Id");
    }

    /** All values, in the object's field order. */
    public Map<String, Object> values() {
        return values;
    }

    /** The value of a field by its API name (any case); null when unset. */
    public Object get(String field) {
        if (values.containsKey(field)) {
            return values.get(field);
        }
        return values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(field))
                .map(Map.Entry::getValue).filter(Objects::nonNull).findFirst().orElse(null);
    }

    public String string(String field) {
        return (String) get(field);
    }

    public Instant instant(String field) {
        return (Instant) get(field);
    }

    public LocalDate date(String field) {
        return (LocalDate) get(field);
    }

    public boolean bool(String field) {
        return Boolean.TRUE.equals(get(field));
    }

    public boolean isDeleted() {
        return bool("IsDeleted");
    }

    /** A copy with some values replaced. */
    public SObjectRecord with(Map<String, Object> changes) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.putAll(changes);
        return new SObjectRecord(type, copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SObjectRecord other && other.type.equals(type) && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, values);
    }

    @Override
    public String toString() {
        return type + "[" + id() + "]";
    }
}
