package com.salesconnect.tasksync.emulator.sobject;

import com.salesconnect.tasksync.emulator.ids.IdGenerator;
import com.salesconnect.tasksync.emulator.ids.KeyPrefix;
import com.salesconnect.tasksync.emulator.ids.SalesforceIds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Task rows of one org, with Salesforce's write rules: field validation, defaults, derived and audit fields,
 * allOrNone, and the recycle bin (a delete keeps the row, flagged IsDeleted, for the retention period; then it
 * is purged). Changes by users are reported to a listener after the lock is released (outbound messaging).
 */
public final class TaskTable {

    /** Hears about records that were created or edited (never about deletes). */
    @FunctionalInterface
    public interface ChangeListener {
        void changed(List<SObjectRecord> records, WriteOrigin origin);
    }

    /**
     * Hears about every change Change Data Capture reports (creates, edits, deletes, undeletes; not a stamp-only
     * touch), with the fields each changed, after the lock is released.
     */
    @FunctionalInterface
    public interface CaptureListener {
        void captured(String changeType, List<Captured> records);

        CaptureListener NONE = (type, records) -> { };
    }

    /** A record as a change left it, and the fields the change set (all non-null ones for a create). */
    public record Captured(SObjectRecord record, List<String> changedFields) {
    }

    private volatile CaptureListener capture = CaptureListener.NONE;

    public void captureChanges(CaptureListener listener) {
        this.capture = listener;
    }

    private static final String AUDIT_MESSAGE = "Unable to create/update fields: %s. Please check the security "
            + "settings of this field and verify that it is read/write for your profile or permission set.";

    private final ObjectSchema schema;
    private final Clock clock;
    private final IdGenerator ids;
    private final UserLookup users;
    private final boolean auditFieldsOnCreate;
    private final Duration retention;
    private final ChangeListener listener;
    private final Map<String, SObjectRecord> rows = new LinkedHashMap<>();
    private static final Set<String> SEEDABLE = Set.of("SystemModstamp", "IsRecurrence", "RecurrenceActivityId");
    private final Set<String> purgedIds = new HashSet<>();
    /** When a record was last removed for good before its recycle-bin time ran out (emptied bin, hard delete). */
    private Instant lastEarlyPurge;

    public TaskTable(ObjectSchema schema, Clock clock, IdGenerator ids, UserLookup users, boolean auditFieldsOnCreate,
                     Duration retention, ChangeListener listener) {
        this.schema = schema;
        this.clock = clock;
        this.ids = ids;
        this.users = users;
        this.auditFieldsOnCreate = auditFieldsOnCreate;
        this.retention = retention;
        this.listener = listener;
    }

    public ObjectSchema schema() {
        return schema;
    }

    // ---------------------------------------------------------------- writes

    /** Creates records (typed values by API name), in order; one outcome per input. */
    public List<WriteOutcome> create(List<Map<String, Object>> inputs, String actorId, boolean allOrNone,
                                     WriteOrigin origin) {
        List<SObjectRecord> applied = new ArrayList<>();
        List<WriteOutcome> outcomes;
        synchronized (this) {
            purgeExpired();
            Instant now = now();
            List<Object> checked = new ArrayList<>();
            for (Map<String, Object> input : inputs) {
                checked.add(validateCreate(input, actorId, now, origin));
            }
            outcomes = commit(checked, allOrNone, applied);
        }
        notifyListener(applied, origin);
        if (origin != WriteOrigin.SEED) {
            capture("CREATE", applied.stream().map(r -> new Captured(r, nonNullFields(r))).toList());
        }
        return outcomes;
    }

    /** Updates records; each input holds its "Id" and the fields to change (null clears a field). */
    public List<WriteOutcome> update(List<Map<String, Object>> inputs, String actorId, boolean allOrNone,
                                     WriteOrigin origin) {
        List<SObjectRecord> applied = new ArrayList<>();
        Map<String, SObjectRecord> before = new HashMap<>();
        List<WriteOutcome> outcomes;
        synchronized (this) {
            purgeExpired();
            Instant now = now();
            Set<String> seen = new HashSet<>();
            List<Object> checked = new ArrayList<>();
            for (Map<String, Object> input : inputs) {
                checked.add(validateUpdate(input, actorId, now, origin, seen));
            }
            for (Object c : checked) {
                if (c instanceof SObjectRecord r && r.id() != null && rows.containsKey(r.id())) {
                    before.put(r.id(), rows.get(r.id()));
                }
            }
            outcomes = commit(checked, allOrNone, applied);
        }
        notifyListener(applied, origin);
        if (origin != WriteOrigin.SEED) {
            capture("UPDATE", applied.stream().map(r -> new Captured(r, changedFields(before.get(r.id()), r)))
                    .filter(c -> !c.changedFields().isEmpty()).toList());
        }
        return outcomes;
    }

    /** Moves records to the recycle bin. Deletes send no outbound message, as in Salesforce (a change event). */
    public List<WriteOutcome> delete(List<String> rawIds, String actorId, boolean allOrNone) {
        List<SObjectRecord> applied = new ArrayList<>();
        List<WriteOutcome> outcomes;
        synchronized (this) {
            outcomes = deleteLocked(rawIds, actorId, allOrNone, applied);
        }
        capture("DELETE", applied.stream().map(r -> new Captured(r, List.of())).toList());
        return outcomes;
    }

    private List<WriteOutcome> deleteLocked(List<String> rawIds, String actorId, boolean allOrNone,
                                            List<SObjectRecord> applied) {
        purgeExpired();
        Instant now = now();
        Set<String> seen = new HashSet<>();
        List<Object> checked = new ArrayList<>();
        for (String raw : rawIds) {
            Optional<String> id = taskId(raw);
            if (id.isEmpty()) {
                checked.add(new WriteOutcome.Failed(null, List.of(SaveError.of("MALFORMED_ID",
                        "malformed id " + shorten(raw)))));
            } else if (!seen.add(id.get())) {
                checked.add(duplicate(id.get()));
            } else if (!isLive(id.get())) {
                checked.add(entityIsDeleted(id.get()));
            } else {
                checked.add(rows.get(id.get()).with(Map.of("IsDeleted", true, "SystemModstamp", now,
                        "LastModifiedDate", now, "LastModifiedById", actorId)));
            }
        }
        return commit(checked, allOrNone, applied);
    }

    /** Restores a record from the recycle bin (admin API: Salesforce's undelete). */
    public WriteOutcome undelete(String rawId, String actorId) {
        WriteOutcome outcome;
        synchronized (this) {
            outcome = undeleteLocked(rawId, actorId);
        }
        if (outcome instanceof WriteOutcome.Saved saved) {
            find(saved.id()).ifPresent(r -> capture("UNDELETE", List.of(new Captured(r, nonNullFields(r)))));
        }
        return outcome;
    }

    private WriteOutcome undeleteLocked(String rawId, String actorId) {
        purgeExpired();
        Optional<String> id = taskId(rawId);
        SObjectRecord row = id.map(rows::get).orElse(null);
        if (row == null || !row.isDeleted()) {
            return new WriteOutcome.Failed(id.orElse(null), List.of(SaveError.of("UNDELETE_FAILED",
                    "Entity is not in the recycle bin")));
        }
        Instant now = now();
        rows.put(row.id(), row.with(Map.of("IsDeleted", false, "SystemModstamp", now, "LastModifiedDate", now,
                "LastModifiedById", actorId)));
        return new WriteOutcome.Saved(row.id());
    }

    /** An automated process touches the record: only SystemModstamp moves, no outbound message. */
    public WriteOutcome systemTouch(String rawId) {
        SObjectRecord touched;
        synchronized (this) {
            purgeExpired();
            Optional<String> id = taskId(rawId);
            if (id.isEmpty() || !isLive(id.get())) {
                return entityIsDeleted(id.orElse(null));
            }
            touched = rows.get(id.get()).with(Map.of("SystemModstamp", now()));
            rows.put(touched.id(), touched);
        }
        notifyListener(List.of(touched), WriteOrigin.SYSTEM);
        return new WriteOutcome.Saved(touched.id());
    }

    // ---------------------------------------------------------------- reads

    /** A row by 15- or 18-character id, deleted rows included; empty when unknown or purged. */
    public synchronized Optional<SObjectRecord> find(String rawId) {
        purgeExpired();
        return taskId(rawId).map(rows::get);
    }

    public synchronized boolean wasPurged(String rawId) {
        purgeExpired();
        return taskId(rawId).map(purgedIds::contains).orElse(false);
    }

    /** All rows in creation order; deleted rows only when asked for. */
    public synchronized List<SObjectRecord> rows(boolean includeDeleted) {
        purgeExpired();
        return rows.values().stream().filter(r -> includeDeleted || !r.isDeleted()).toList();
    }

    /** Live rows whose SystemModstamp is in [start, end). */
    public synchronized List<String> updatedIds(Instant start, Instant end) {
        purgeExpired();
        return rows.values().stream().filter(r -> !r.isDeleted())
                .filter(r -> within(r.instant("SystemModstamp"), start, end)).map(SObjectRecord::id).toList();
    }

    /** Rows in the recycle bin whose deletion time (their SystemModstamp) is in [start, end). */
    public synchronized List<SObjectRecord> deletedBetween(Instant start, Instant end) {
        purgeExpired();
        return rows.values().stream().filter(SObjectRecord::isDeleted)
                .filter(r -> within(r.instant("SystemModstamp"), start, end)).toList();
    }

    /**
     * The earliest time the deletion log still answers for: the recycle bin's retention, or later when records were
     * removed for good since (Salesforce's earliestDateAvailable: "the last physically deleted object").
     */
    public synchronized Instant earliestDeletionAvailable() {
        Instant byRetention = now().minus(retention);
        return lastEarlyPurge != null && lastEarlyPurge.isAfter(byRetention) ? lastEarlyPurge : byRetention;
    }

    /**
     * Removes a deleted record from the recycle bin for good (an emptied recycle bin, or Bulk API hardDelete after a
     * delete): queryAll no longer returns it, undelete is impossible, and the deletion log's earliest date moves.
     */
    public synchronized WriteOutcome purge(String rawId) {
        purgeExpired();
        Optional<String> id = taskId(rawId);
        SObjectRecord row = id.map(rows::get).orElse(null);
        if (row == null || !row.isDeleted()) {
            return new WriteOutcome.Failed(id.orElse(null), List.of(SaveError.of("INVALID_ID_FIELD",
                    "Entity is not in the recycle bin")));
        }
        rows.remove(row.id());
        purgedIds.add(row.id());
        lastEarlyPurge = now();
        return new WriteOutcome.Saved(row.id());
    }

    // ---------------------------------------------------------------- validation

    private Object validateCreate(Map<String, Object> input, String actorId, Instant now, WriteOrigin origin) {
        List<SaveError> errors = new ArrayList<>();
        if (input.containsKey("Id")) {
            errors.add(SaveError.of("INVALID_FIELD", "cannot specify Id in an insert call", "Id"));
        }
        List<String> notWritable = input.keySet().stream().filter(f -> !f.equals("Id"))
                .filter(f -> !creatable(schema.require(f), origin)).toList();
        if (!notWritable.isEmpty()) {
            errors.add(notWritable(notWritable));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        schema.fields().forEach(f -> values.put(f.name(), null));
        input.forEach((k, v) -> {
            if (!k.equals("Id")) {
                values.put(k, v);
            }
        });
        defaultIfNull(values, "Status", schema.require("Status").defaultPicklistValue().orElseThrow().value());
        defaultIfNull(values, "Priority", schema.require("Priority").defaultPicklistValue().orElseThrow().value());
        defaultIfNull(values, "OwnerId", actorId);
        defaultIfNull(values, "IsReminderSet", false);
        checkValues(values, input.keySet(), errors);
        if (!errors.isEmpty()) {
            return new WriteOutcome.Failed(null, errors);
        }
        Instant created = (Instant) values.get("CreatedDate");
        defaultIfNull(values, "CreatedDate", now);
        defaultIfNull(values, "LastModifiedDate", created != null ? created : now);
        defaultIfNull(values, "CreatedById", actorId);
        defaultIfNull(values, "LastModifiedById", values.get("CreatedById"));
        if (origin != WriteOrigin.SEED || values.get("SystemModstamp") == null) {
            values.put("SystemModstamp", origin == WriteOrigin.SEED ? values.get("LastModifiedDate") : now);
        }
        values.put("IsDeleted", false);
        values.put("IsArchived", false);
        if (values.get("IsRecurrence") == null) {
            values.put("IsRecurrence", false);
        }
        derive(values, false, now);
        return new SObjectRecord(schema.name(), values);
    }

    private Object validateUpdate(Map<String, Object> input, String actorId, Instant now, WriteOrigin origin,
                                  Set<String> seen) {
        Object rawId = input.get("Id");
        if (rawId == null) {
            return new WriteOutcome.Failed(null, List.of(SaveError.of("MISSING_ARGUMENT",
                    "Id not specified in an update call")));
        }
        Optional<String> id = taskId(rawId.toString());
        if (id.isEmpty()) {
            return new WriteOutcome.Failed(null, List.of(SaveError.of("MALFORMED_ID",
                    "Task ID: id value of incorrect type: " + shorten(rawId.toString()), "Id")));
        }
        if (!seen.add(id.get())) {
            return duplicate(id.get());
        }
        if (!isLive(id.get())) {
            return entityIsDeleted(id.get());
        }
        List<SaveError> errors = new ArrayList<>();
        List<String> notWritable = input.keySet().stream().filter(f -> !f.equals("Id"))
                .filter(f -> !schema.require(f).updateable()).toList();
        if (!notWritable.isEmpty()) {
            errors.add(notWritable(notWritable));
        }
        SObjectRecord existing = rows.get(id.get());
        Map<String, Object> values = new LinkedHashMap<>(existing.values());
        input.forEach((k, v) -> {
            if (!k.equals("Id") && schema.require(k).updateable()) {
                values.put(k, v);
            }
        });
        if (values.get("IsReminderSet") == null) {
            values.put("IsReminderSet", false);
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("Status", "Priority", "OwnerId")) {
            if (input.containsKey(required) && input.get(required) == null) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            errors.add(new SaveError("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing));
        }
        checkValues(values, input.keySet(), errors);
        if (!errors.isEmpty()) {
            return new WriteOutcome.Failed(id.get(), errors);
        }
        values.put("SystemModstamp", now);
        if (origin != WriteOrigin.SYSTEM) {
            values.put("LastModifiedDate", now);
            values.put("LastModifiedById", actorId);
        }
        derive(values, existing.bool("IsClosed"), now);
        return new SObjectRecord(schema.name(), values);
    }

    private boolean creatable(FieldDef field, WriteOrigin origin) {
        if (field.createable()) {
            return true;
        }
        if (field.auditField()) {
            return auditFieldsOnCreate || origin == WriteOrigin.SEED;
        }
        // Seeding sets what Salesforce sets itself: the modstamp, and the series fields of a recurring task.
        return origin == WriteOrigin.SEED && SEEDABLE.contains(field.name());
    }

    /** Checks the fields the caller sent; values already stored were checked when they were written. */
    private void checkValues(Map<String, Object> values, Set<String> sent, List<SaveError> errors) {
        for (String name : sent) {
            if (name.equals("Id")) {
                continue;
            }
            FieldDef field = schema.require(name);
            Object value = values.get(name);
            if (value == null) {
                continue;
            }
            switch (field.type()) {
                case STRING, TEXTAREA -> checkLength(field, (String) value, errors);
                case PICKLIST -> checkPicklist(field, (String) value, errors);
                case REFERENCE -> checkReference(field, (String) value, values, errors);
                default -> {
                }
            }
        }
    }

    private static void checkLength(FieldDef field, String value, List<SaveError> errors) {
        if (value.length() > field.length()) {
            errors.add(SaveError.of("STRING_TOO_LONG", field.label() + ": data value too large: "
                    + shorten(value) + " (max length=" + field.length() + ")", field.name()));
        }
    }

    private static void checkPicklist(FieldDef field, String value, List<SaveError> errors) {
        if (field.restricted() && field.picklistValue(value).isEmpty()) {
            errors.add(SaveError.of("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", field.label()
                    + ": bad value for restricted picklist field: " + shorten(value), field.name()));
        } else if (value.length() > field.length()) {
            checkLength(field, value, errors);
        }
    }

    private void checkReference(FieldDef field, String value, Map<String, Object> values, List<SaveError> errors) {
        Optional<String> id = SalesforceIds.normalize(value);
        if (id.isEmpty()) {
            errors.add(SaveError.of("MALFORMED_ID", field.label() + ": id value of incorrect type: "
                    + shorten(value), field.name()));
            return;
        }
        if (!field.acceptsReferenceTo(SalesforceIds.keyPrefix(id.get()))) {
            errors.add(SaveError.of("FIELD_INTEGRITY_EXCEPTION", field.label() + ": id value of incorrect type: "
                    + id.get(), field.name()));
            return;
        }
        if (field.referencePrefixes().contains(KeyPrefix.USER)) {
            UserLookup.State state = users.state(id.get());
            if (state == UserLookup.State.UNKNOWN) {
                errors.add(SaveError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", field.name()));
                return;
            }
            if (state == UserLookup.State.INACTIVE && field.name().equals("OwnerId")) {
                errors.add(SaveError.of("INACTIVE_OWNER_OR_USER", "operation performed with inactive user ["
                        + id.get() + "] as owner of task", field.name()));
                return;
            }
        }
        values.put(field.name(), id.get());
    }

    /** Fields Salesforce derives from others. */
    private void derive(Map<String, Object> values, boolean wasClosed, Instant now) {
        String status = (String) values.get("Status");
        boolean closed = schema.require("Status").picklistValue(status).map(PicklistValue::closed).orElse(false);
        values.put("IsClosed", closed);
        String priority = (String) values.get("Priority");
        values.put("IsHighPriority",
                schema.require("Priority").picklistValue(priority).map(PicklistValue::highPriority).orElse(false));
        String whatId = (String) values.get("WhatId");
        values.put("AccountId", whatId != null && whatId.startsWith(KeyPrefix.ACCOUNT) ? whatId : null);
        if (closed && !wasClosed) {
            values.put("CompletedDateTime", now);
        } else if (!closed) {
            values.put("CompletedDateTime", null);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Applies the valid records unless allOrNone and something failed; one outcome per input, in order. */
    private List<WriteOutcome> commit(List<Object> checked, boolean allOrNone, List<SObjectRecord> applied) {
        boolean anyFailed = checked.stream().anyMatch(c -> c instanceof WriteOutcome.Failed);
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (Object c : checked) {
            if (c instanceof WriteOutcome.Failed failed) {
                outcomes.add(failed);
            } else if (allOrNone && anyFailed) {
                SObjectRecord r = (SObjectRecord) c;
                outcomes.add(WriteOutcome.rolledBack(r.id()));
            } else {
                SObjectRecord r = (SObjectRecord) c;
                if (r.id() == null) {
                    r = r.with(Map.of("Id", ids.next(KeyPrefix.TASK)));
                }
                rows.put(r.id(), r);
                applied.add(r);
                outcomes.add(new WriteOutcome.Saved(r.id()));
            }
        }
        return outcomes;
    }

    private void capture(String changeType, List<Captured> records) {
        if (!records.isEmpty()) {
            capture.captured(changeType, records);
        }
    }

    /** What a change event carries of a created or undeleted record: every non-null field but the system ones. */
    private static List<String> nonNullFields(SObjectRecord r) {
        return r.values().entrySet().stream().filter(e -> e.getValue() != null && !NOT_IN_EVENTS.contains(e.getKey()))
                .map(Map.Entry::getKey).toList();
    }

    private static List<String> changedFields(SObjectRecord before, SObjectRecord after) {
        if (before == null) {
            return nonNullFields(after);
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : after.values().entrySet()) {
            if (!NOT_IN_EVENTS.contains(e.getKey()) && !java.util.Objects.equals(e.getValue(), before.get(e.getKey()))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Change events never carry IsDeleted nor SystemModstamp (Change Event Message Structure). */
    private static final Set<String> NOT_IN_EVENTS = Set.of("IsDeleted", "SystemModstamp", "Id");

    private void notifyListener(List<SObjectRecord> applied, WriteOrigin origin) {
        if (!applied.isEmpty()) {
            listener.changed(List.copyOf(applied), origin);
        }
    }

    private void purgeExpired() {
        Instant cutoff = now().minus(retention);
        rows.values().removeIf(r -> {
            boolean expired = r.isDeleted() && !r.instant("SystemModstamp").isAfter(cutoff);
            if (expired) {
                purgedIds.add(r.id());
            }
            return expired;
        });
    }

    private boolean isLive(String id) {
        SObjectRecord row = rows.get(id);
        return row != null && !row.isDeleted();
    }

    private static Optional<String> taskId(String raw) {
        return SalesforceIds.normalize(raw).filter(id -> id.startsWith(KeyPrefix.TASK));
    }

    private static WriteOutcome.Failed entityIsDeleted(String id) {
        return new WriteOutcome.Failed(id, List.of(SaveError.of("ENTITY_IS_DELETED", "entity is deleted")));
    }

    private static WriteOutcome.Failed duplicate(String id) {
        return new WriteOutcome.Failed(id, List.of(SaveError.of("DUPLICATE_VALUE", "Duplicate id in list: " + id)));
    }

    private static SaveError notWritable(List<String> fields) {
        return new SaveError("INVALID_FIELD_FOR_INSERT_UPDATE", String.format(AUDIT_MESSAGE,
                String.join(", ", fields)), fields);
    }

    private static void defaultIfNull(Map<String, Object> values, String field, Object value) {
        if (values.get(field) == null) {
            values.put(field, value);
        }
    }

    private static boolean within(Instant t, Instant start, Instant end) {
        return t != null && !t.isBefore(start) && t.isBefore(end);
    }

    private Instant now() {
        return SfTime.truncate(clock.instant());
    }

    static String shorten(String value) {
        Objects.requireNonNull(value);
        return value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }
}
