package com.salesconnect.tasksync.local.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.task.Priority;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskFields.Field;
import com.salesconnect.tasksync.task.TaskType;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The Sales Connect stand-in's task JSON: {@code id}, the fields ({@code subject}, {@code notes}, {@code dueDate}
 * yyyy-MM-dd, {@code priority} low|normal|high, {@code type} call|email|todo, {@code reminderAt} ISO instant,
 * {@code whoId}, {@code whatId}), {@code status} OPEN|COMPLETED, {@code createdAt}, {@code updatedAt} and
 * {@code salesforceId} (null while not linked). Input is checked strictly: an unknown field or a value of the
 * wrong shape is a {@link BadRequestException} naming the field.
 */
final class TaskJson {

    private static final Set<String> FIELDS = Set.of("subject", "notes", "dueDate", "priority", "type",
            "reminderAt", "whoId", "whatId", "status");

    private TaskJson() {
    }

    static Map<String, Object> write(ScTask task, String salesforceId) {
        TaskFields f = task.fields();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", task.taskId());
        json.put("subject", f.subject());
        json.put("notes", f.notes());
        json.put("dueDate", f.dueDate() == null ? null : f.dueDate().toString());
        json.put("priority", f.priority().name().toLowerCase(Locale.ROOT));
        json.put("type", f.type().name().toLowerCase(Locale.ROOT));
        json.put("reminderAt", f.reminderAt() == null ? null : f.reminderAt().toString());
        json.put("whoId", f.whoId());
        json.put("whatId", f.whatId());
        json.put("status", f.completed() ? "COMPLETED" : "OPEN");
        json.put("createdAt", task.createdAt().toString());
        json.put("updatedAt", task.updatedAt().toString());
        json.put("salesforceId", salesforceId);
        return json;
    }

    /** The fields of a new task: {@code subject} is required, everything else optional. */
    static TaskFields create(JsonNode body) {
        requireObject(body);
        if (!body.hasNonNull("subject")) {
            throw new BadRequestException("subject is required");
        }
        return patch(body).apply(TaskFields.todo(text(body, "subject")));
    }

    /** A change of the fields present in {@code body}; null clears an optional field. */
    static UnaryOperator<TaskFields> patch(JsonNode body) {
        requireObject(body);
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new BadRequestException("unknown field " + name);
            }
        });
        if (body.has("subject") && body.get("subject").isNull()) {
            throw new BadRequestException("subject cannot be cleared");
        }
        // Parse everything first, so a bad value fails before anything is applied.
        Map<Field, Object> changes = new LinkedHashMap<>();
        if (body.has("subject")) {
            changes.put(Field.SUBJECT, text(body, "subject"));
        }
        if (body.has("notes")) {
            changes.put(Field.NOTES, nullableText(body, "notes"));
        }
        if (body.has("dueDate")) {
            changes.put(Field.DUE_DATE, date(body, "dueDate"));
        }
        if (body.has("priority")) {
            changes.put(Field.PRIORITY, priority(body));
        }
        if (body.has("type")) {
            changes.put(Field.TYPE, type(body));
        }
        if (body.has("reminderAt")) {
            changes.put(Field.REMINDER, instant(body, "reminderAt"));
        }
        if (body.has("whoId")) {
            changes.put(Field.WHO, nullableText(body, "whoId"));
        }
        if (body.has("whatId")) {
            changes.put(Field.WHAT, nullableText(body, "whatId"));
        }
        if (body.has("status")) {
            changes.put(Field.COMPLETED, status(body));
        }
        return fields -> {
            TaskFields out = fields;
            for (Map.Entry<Field, Object> change : changes.entrySet()) {
                out = out.with(change.getKey(), change.getValue());
            }
            return out;
        };
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new BadRequestException("the body must be a JSON object");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (!v.isTextual()) {
            throw new BadRequestException(field + " must be a string");
        }
        return v.asText();
    }

    private static String nullableText(JsonNode body, String field) {
        return body.get(field).isNull() ? null : text(body, field);
    }

    private static LocalDate date(JsonNode body, String field) {
        String value = nullableText(body, field);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw new BadRequestException(field + " must be a date like 2026-11-24");
        }
    }

    private static Instant instant(JsonNode body, String field) {
        String value = nullableText(body, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeException e) {
            throw new BadRequestException(field + " must be an ISO-8601 instant like 2026-11-24T09:00:00Z");
        }
    }

    private static Priority priority(JsonNode body) {
        String value = text(body, "priority").toUpperCase(Locale.ROOT);
        try {
            return Priority.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("priority must be low, normal or high");
        }
    }

    private static TaskType type(JsonNode body) {
        String value = text(body, "type").toUpperCase(Locale.ROOT).replace("-", "");
        try {
            return TaskType.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("type must be call, email or todo");
        }
    }

    private static boolean status(JsonNode body) {
        return switch (text(body, "status").toUpperCase(Locale.ROOT)) {
            case "OPEN" -> false;
            case "COMPLETED" -> true;
            default -> throw new BadRequestException("status must be OPEN or COMPLETED");
        };
    }
}
