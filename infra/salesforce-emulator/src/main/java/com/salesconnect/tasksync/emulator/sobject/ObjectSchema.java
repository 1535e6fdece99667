package com.salesconnect.tasksync.emulator.sobject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The fields of one emulated object type; field names resolve case-insensitively, as in the API. */
public final class ObjectSchema {

    private final String name;
    private final String keyPrefix;
    private final List<FieldDef> fields;
    private final Map<String, FieldDef> byLowerName = new LinkedHashMap<>();

    public ObjectSchema(String name, String keyPrefix, List<FieldDef> fields) {
        this.name = name;
        this.keyPrefix = keyPrefix;
        this.fields = List.copyOf(fields);
        for (FieldDef f : this.fields) {
            byLowerName.put(f.name().toLowerCase(Locale.ROOT), f);
        }
    }

    public String name() {
        return name;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public List<FieldDef> fields() {
        return fields;
    }

    public Optional<FieldDef> field(String anyCase) {
        return Optional.ofNullable(byLowerName.get(anyCase.toLowerCase(Locale.ROOT)));
    }

    public FieldDef require(String exactName) {
        return field(exactName).orElseThrow(() -> new IllegalArgumentException("no field " + exactName));
    }
}
