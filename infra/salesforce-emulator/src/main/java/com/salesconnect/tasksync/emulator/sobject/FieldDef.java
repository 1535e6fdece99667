package com.salesconnect.tasksync.emulator.sobject;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One field of an emulated object, with the properties describe reports and the API enforces.
 *
 * @param length          maximum length of text values (0 when not text)
 * @param createable      settable on create by anyone
 * @param updateable      settable on update
 * @param auditField      settable on create only when the org allows "Set Audit Fields upon Record Creation"
 * @param nillable        may be null (non-nillable fields without a value get a default or are rejected)
 * @param filterable      usable in a SOQL WHERE clause (long text areas are not)
 * @param picklist        the allowed values of a picklist
 * @param restricted      a picklist that rejects other values
 * @param referencePrefixes key prefixes a reference may point to; empty with {@code referenceExcludes} set
 * @param referenceExcludes key prefixes a reference may not point to (a polymorphic "what")
 */
public record FieldDef(
        String name,
        String label,
        FieldType type,
        int length,
        boolean createable,
        boolean updateable,
        boolean auditField,
        boolean nillable,
        boolean filterable,
        List<PicklistValue> picklist,
        boolean restricted,
        Set<String> referencePrefixes,
        Set<String> referenceExcludes) {

    public FieldDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        picklist = List.copyOf(picklist);
        referencePrefixes = Set.copyOf(referencePrefixes);
        referenceExcludes = Set.copyOf(referenceExcludes);
    }

    /** A read-only field maintained by the emulator. */
    public static FieldDef readOnly(String name, String label, FieldType type, boolean nillable) {
        return new FieldDef(name, label, type, type == FieldType.ID ? 18 : 0, false, false, false, nillable,
                true, List.of(), false, Set.of(), Set.of());
    }

    public static FieldDef writable(String name, String label, FieldType type, int length, boolean nillable) {
        return new FieldDef(name, label, type, length, true, true, false, nillable, type != FieldType.TEXTAREA,
                List.of(), false, Set.of(), Set.of());
    }

    public FieldDef withPicklist(List<PicklistValue> values, boolean restrictedValues) {
        return new FieldDef(name, label, type, length, createable, updateable, auditField, nillable, filterable,
                values, restrictedValues, referencePrefixes, referenceExcludes);
    }

    public FieldDef withReferences(Set<String> allowed, Set<String> excluded) {
        return new FieldDef(name, label, type, 18, createable, updateable, auditField, nillable, filterable,
                picklist, restricted, allowed, excluded);
    }

    public FieldDef createOnly() {
        return new FieldDef(name, label, type, length, true, false, auditField, nillable, filterable, picklist,
                restricted, referencePrefixes, referenceExcludes);
    }

    public FieldDef asAuditField() {
        return new FieldDef(name, label, type, length, false, false, true, nillable, filterable, picklist,
                restricted, referencePrefixes, referenceExcludes);
    }

    public Optional<PicklistValue> picklistValue(String value) {
        return picklist.stream().filter(v -> v.value().equals(value)).findFirst();
    }

    public Optional<PicklistValue> defaultPicklistValue() {
        return picklist.stream().filter(PicklistValue::isDefault).findFirst();
    }

    /** Whether a reference may point at an id with this key prefix. */
    public boolean acceptsReferenceTo(String keyPrefix) {
        if (!referencePrefixes.isEmpty()) {
            return referencePrefixes.contains(keyPrefix);
        }
        return !referenceExcludes.contains(keyPrefix);
    }

    /** Sortable in ORDER BY: the same rule Salesforce applies to long text areas. */
    public boolean sortable() {
        return type != FieldType.TEXTAREA;
    }
}
