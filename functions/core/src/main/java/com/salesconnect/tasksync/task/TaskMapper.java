package com.salesconnect.tasksync.task;

import com.salesconnect.tasksync.task.TaskFields.Field;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Maps task content between Sales Connect ({@link TaskFields}) and Salesforce Task fields.
 *
 * <p>Values Salesforce would reject are adapted deliberately and reported as {@link Adjustment}s: a subject over
 * 255 characters is cut and its full text put at the top of Description; a Description over 32,000 characters is
 * cut (Sales Connect keeps the whole text); TaskSubtype is never sent on update (Salesforce refuses it). The
 * "normalized" form of a task is what Salesforce holds after a push; link bases are kept in that form so that
 * echoes compare equal.
 *
 * <p>The org's status picklist is passed as a supplier so it is fetched only when a status is really needed.
 */
public final class TaskMapper {

    public static final int MAX_SUBJECT = 255;
    public static final int MAX_DESCRIPTION = 32_000;
    /** Sales Connect needs a subject; a Salesforce task without one is shown with this text. */
    public static final String NO_SUBJECT = "(no subject)";
    static final String SUBJECT_SEPARATOR = "\n\n";

    /** Task fields the mapping reads. A notification lacking one of them is completed by a query. */
    public static final Set<String> SOURCE_FIELDS = Set.of(
            "Subject", "Description", "ActivityDate", "Status", "Priority", "ReminderDateTime", "IsReminderSet",
            "TaskSubtype", "WhoId", "WhatId");

    private TaskMapper() {
    }

    /** Fields as Salesforce holds them after a push, plus what had to be adapted to get there. */
    public record Normalized(TaskFields fields, List<Adjustment> adjustments) {
        public Normalized {
            adjustments = List.copyOf(adjustments);
        }
    }

    /** The body of a create, and what Salesforce holds afterwards (the link's first base). */
    public record Create(Map<String, Object> fields, List<Adjustment> adjustments, TaskFields salesforceAfter) {
        public Create {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            adjustments = List.copyOf(adjustments);
        }
    }

    /**
     * A partial update: only the fields whose value differs from what Salesforce holds.
     *
     * @param salesforceAfter   what Salesforce holds once the update is applied (the link's next base)
     * @param salesConnectAfter the Sales Connect fields to keep: the desired ones, except values Salesforce cannot
     *                          take (the task type), which revert to Salesforce's
     */
    public record Update(Map<String, Object> fields, List<Adjustment> adjustments, TaskFields salesforceAfter,
                         TaskFields salesConnectAfter) {
        public Update {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            adjustments = List.copyOf(adjustments);
        }

        public boolean nothingToSend() {
            return fields.isEmpty();
        }
    }

    /** Reads a Salesforce task. Completion comes from IsClosed when present, else from the org's picklist. */
    public static TaskFields fromSalesforce(SfTask task, Supplier<TaskStatuses> statuses) {
        String subject = task.subject() == null || task.subject().isBlank() ? NO_SUBJECT : task.subject();
        boolean completed = task.isClosed() != null
                ? task.isClosed()
                : task.status() != null && statuses.get().isClosed(task.status());
        Instant reminder = Boolean.FALSE.equals(task.isReminderSet()) ? null : seconds(task.reminderDateTime());
        return new TaskFields(subject, blankToNull(task.description()), task.activityDate(), completed,
                priority(task.priority()), reminder, type(task.taskSubtype()), blankToNull(task.whoId()),
                blankToNull(task.whatId()));
    }

    /**
     * The form Salesforce will hold. Idempotent: normalizing a normalized value changes nothing, and a
     * subject already preserved at the top of the notes is not added twice.
     *
     * @throws InvalidTaskException when the subject is blank
     */
    public static Normalized normalize(TaskFields fields) {
        if (fields.subject().isBlank()) {
            throw new InvalidTaskException(Field.SUBJECT, "must not be blank");
        }
        List<Adjustment> adjustments = new ArrayList<>();
        String subject = fields.subject();
        String notes = blankToNull(fields.notes());
        if (subject.length() > MAX_SUBJECT) {
            String full = subject;
            subject = cut(subject, MAX_SUBJECT);
            if (notes == null) {
                notes = full;
            } else if (!notes.startsWith(full)) {
                notes = full + SUBJECT_SEPARATOR + notes;
            }
            adjustments.add(new Adjustment(Field.SUBJECT, Adjustment.Kind.SUBJECT_TRUNCATED,
                    "Subject cut to " + MAX_SUBJECT + " characters in Salesforce; the full subject is at the top"
                            + " of the Salesforce description"));
        }
        if (notes != null && notes.length() > MAX_DESCRIPTION) {
            notes = cut(notes, MAX_DESCRIPTION);
            adjustments.add(new Adjustment(Field.NOTES, Adjustment.Kind.NOTES_TRUNCATED,
                    "Notes cut to " + MAX_DESCRIPTION + " characters in Salesforce; Sales Connect keeps them whole"));
        }
        TaskFields normalized = new TaskFields(subject, notes, fields.dueDate(), fields.completed(),
                fields.priority(), seconds(fields.reminderAt()), fields.type(), blankToNull(fields.whoId()),
                blankToNull(fields.whatId()));
        return new Normalized(normalized, adjustments);
    }

    /** The fields of a create. OwnerId is the connected Salesforce user; TaskSubtype can only be set here. */
    public static Create forCreate(TaskFields desired, String ownerId, Supplier<TaskStatuses> statuses) {
        Objects.requireNonNull(ownerId, "ownerId");
        Normalized n = normalize(desired);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : Field.values()) {
            if (n.fields().get(field) != null) {
                put(out, field, n.fields(), statuses);
            }
        }
        out.put("TaskSubtype", subtype(n.fields().type()));
        out.put("OwnerId", ownerId);
        return new Create(out, n.adjustments(), n.fields());
    }

    /**
     * A partial update from what Salesforce holds now ({@code salesforceNow}, in Sales Connect terms) to
     * {@code desired}: only differing fields are sent, so concurrent Salesforce edits of other fields survive.
     */
    public static Update forUpdate(TaskFields salesforceNow, TaskFields desired, Supplier<TaskStatuses> statuses) {
        Normalized n = normalize(desired);
        TaskFields target = n.fields().with(Field.TYPE, salesforceNow.type());
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : Field.values()) {
            if (field != Field.TYPE && !Objects.equals(target.get(field), salesforceNow.get(field))) {
                put(out, field, target, statuses);
            }
        }
        List<Adjustment> adjustments = new ArrayList<>();
        for (Adjustment a : n.adjustments()) {
            boolean sent = out.containsKey("Description")
                    || (a.kind() == Adjustment.Kind.SUBJECT_TRUNCATED && out.containsKey("Subject"));
            if (sent) {
                adjustments.add(a);
            }
        }
        if (desired.type() != salesforceNow.type()) {
            adjustments.add(new Adjustment(Field.TYPE, Adjustment.Kind.TYPE_NOT_UPDATABLE,
                    "Salesforce cannot change the type of an existing task; it stays " + salesforceNow.type()));
        }
        return new Update(out, adjustments, target, desired.with(Field.TYPE, salesforceNow.type()));
    }

    /** The Sales Connect fields behind Salesforce field names (for example the fields of a rejected write). */
    public static Set<Field> fieldsNamed(Collection<String> salesforceFields) {
        Set<Field> out = EnumSet.noneOf(Field.class);
        for (String name : salesforceFields) {
            switch (name) {
                case "Subject" -> out.add(Field.SUBJECT);
                case "Description" -> out.add(Field.NOTES);
                case "ActivityDate" -> out.add(Field.DUE_DATE);
                case "Status", "IsClosed" -> out.add(Field.COMPLETED);
                case "Priority" -> out.add(Field.PRIORITY);
                case "ReminderDateTime", "IsReminderSet" -> out.add(Field.REMINDER);
                case "TaskSubtype" -> out.add(Field.TYPE);
                case "WhoId" -> out.add(Field.WHO);
                case "WhatId" -> out.add(Field.WHAT);
                default -> {
                    // Fields outside the mapping (OwnerId, custom validation targets) name no synced field.
                }
            }
        }
        return out;
    }

    private static void put(Map<String, Object> out, Field field, TaskFields f, Supplier<TaskStatuses> statuses) {
        switch (field) {
            case SUBJECT -> out.put("Subject", f.subject());
            case NOTES -> out.put("Description", f.notes());
            case DUE_DATE -> out.put("ActivityDate", f.dueDate());
            case COMPLETED -> out.put("Status", f.completed()
                    ? statuses.get().defaultClosed()
                    : statuses.get().defaultOpen());
            case PRIORITY -> out.put("Priority", priority(f.priority()));
            case REMINDER -> {
                out.put("IsReminderSet", f.reminderAt() != null);
                out.put("ReminderDateTime", f.reminderAt());
            }
            case TYPE -> out.put("TaskSubtype", subtype(f.type()));
            case WHO -> out.put("WhoId", f.whoId());
            case WHAT -> out.put("WhatId", f.whatId());
        }
    }

    static String priority(Priority priority) {
        return switch (priority) {
            case LOW -> "Low";
            case NORMAL -> "Normal";
            case HIGH -> "High";
        };
    }

    /** Salesforce's standard values; an org's custom value (e.g. "Medium") reads as NORMAL. */
    static Priority priority(String value) {
        if (value == null) {
            return Priority.NORMAL;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "high" -> Priority.HIGH;
            case "low" -> Priority.LOW;
            default -> Priority.NORMAL;
        };
    }

    static String subtype(TaskType type) {
        return switch (type) {
            case CALL -> "Call";
            case EMAIL -> "Email";
            case TODO -> "Task";
        };
    }

    static TaskType type(String subtype) {
        if (subtype == null) {
            return TaskType.TODO;
        }
        return switch (subtype) {
            case "Call" -> TaskType.CALL;
            case "Email", "ListEmail" -> TaskType.EMAIL;
            default -> TaskType.TODO;
        };
    }

    /** Cuts to at most {@code max} chars without splitting a surrogate pair. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    /** Salesforce keeps date-times to the second; comparing at finer precision would see false changes. */
    private static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
