package com.salesconnect.tasksync.simulation;

import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.task.Priority;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskStatus;
import com.salesconnect.tasksync.task.TaskType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Task content as users write it: subjects from a small vocabulary (so tasks of both sides share subjects), due
 * dates around today and tomorrow in the user's zone, reminders around local midnight (where DST changes happen),
 * now and then values Salesforce cannot take as they are (a subject over 255 characters).
 */
final class Generators {

    static final List<String> SUBJECTS = List.of("Call Ada", "Email Bob", "Follow up", "Send quote", "Demo prep",
            "Renewal", "Check in", "Intro call");
    static final List<String> WHO = List.of(SalesforceIds.to18("003A00000000001"),
            SalesforceIds.to18("003A00000000002"), SalesforceIds.to18("00QA00000000001"));
    static final List<String> WHAT = List.of(SalesforceIds.to18("001A00000000001"),
            SalesforceIds.to18("006A00000000001"));

    private Generators() {
    }

    static String subject(SplittableRandom rng) {
        int roll = rng.nextInt(100);
        String base = SUBJECTS.get(rng.nextInt(SUBJECTS.size()));
        if (roll < 2) {
            return (base + " ").repeat(30).trim(); // over 255 characters: cut for Salesforce, kept whole here
        }
        return roll < 60 ? base : base + " " + rng.nextInt(20);
    }

    static String notes(SplittableRandom rng) {
        return switch (rng.nextInt(5)) {
            case 0, 1 -> null;
            case 2 -> "note " + rng.nextInt(100);
            case 3 -> "Ünïcödé ✓ line\nsecond line " + rng.nextInt(10);
            default -> "agenda: " + SUBJECTS.get(rng.nextInt(SUBJECTS.size()));
        };
    }

    /** A due date around today in {@code zone} (yesterday to the day after tomorrow), or none. */
    static LocalDate due(SplittableRandom rng, ZoneId zone, Instant now) {
        if (rng.nextInt(5) == 0) {
            return null;
        }
        return LocalDate.ofInstant(now, zone).plusDays(rng.nextInt(4) - 1);
    }

    /** A reminder near local midnight of {@code day} (or of today), sometimes with sub-second precision. */
    static Instant reminder(SplittableRandom rng, ZoneId zone, LocalDate day, Instant now) {
        if (rng.nextBoolean()) {
            return null;
        }
        LocalDate d = day != null ? day : LocalDate.ofInstant(now, zone);
        ZonedDateTime midnight = d.atStartOfDay(zone);
        Instant at = midnight.toInstant().plusSeconds(rng.nextInt(4 * 3600) - 2 * 3600L);
        if (rng.nextInt(4) == 0) {
            at = ZonedDateTime.of(d, LocalTime.of(2, 30), zone).toInstant(); // often a DST gap or overlap
        }
        return rng.nextInt(3) == 0 ? at.plusMillis(1 + rng.nextInt(998)) : at;
    }

    static Priority priority(SplittableRandom rng) {
        return Priority.values()[rng.nextInt(Priority.values().length)];
    }

    static TaskType type(SplittableRandom rng) {
        return TaskType.values()[rng.nextInt(TaskType.values().length)];
    }

    static String who(SplittableRandom rng) {
        return rng.nextInt(3) == 0 ? WHO.get(rng.nextInt(WHO.size())) : null;
    }

    static String what(SplittableRandom rng) {
        return rng.nextInt(3) == 0 ? WHAT.get(rng.nextInt(WHAT.size())) : null;
    }

    /** A new Sales Connect task. */
    static TaskFields scFields(SplittableRandom rng, ZoneId zone, Instant now) {
        LocalDate due = due(rng, zone, now);
        return new TaskFields(subject(rng), notes(rng), due, rng.nextInt(8) == 0, priority(rng),
                reminder(rng, zone, due, now), type(rng), who(rng), what(rng));
    }

    /** One or two fields of {@code f} changed, as a user edits a task. */
    static TaskFields scEdit(SplittableRandom rng, TaskFields f, ZoneId zone, Instant now) {
        TaskFields out = f;
        int changes = 1 + rng.nextInt(2);
        for (int i = 0; i < changes; i++) {
            TaskFields.Field field = TaskFields.Field.values()[rng.nextInt(TaskFields.Field.values().length)];
            Object value = switch (field) {
                case SUBJECT -> subject(rng);
                case NOTES -> notes(rng);
                case DUE_DATE -> due(rng, zone, now);
                case COMPLETED -> !out.completed();
                case PRIORITY -> priority(rng);
                case REMINDER -> reminder(rng, zone, out.dueDate(), now);
                case TYPE -> type(rng);
                case WHO -> who(rng);
                case WHAT -> what(rng);
            };
            out = out.with(field, value);
        }
        return out;
    }

    /** A new Salesforce task as a person enters it (API names). */
    static Map<String, Object> sfFields(SplittableRandom rng, SimulatedSalesforce.Org org, ZoneId zone,
                                        Instant now) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Subject", rng.nextInt(40) == 0 ? null : sfSubject(rng));
        put(f, "Description", notes(rng));
        LocalDate due = due(rng, zone, now);
        put(f, "ActivityDate", due);
        if (rng.nextInt(6) == 0) {
            f.put("Status", status(rng, org, true));
        }
        f.put("Priority", sfPriority(rng));
        Instant reminder = reminder(rng, zone, due, now);
        if (reminder != null) {
            f.put("IsReminderSet", true);
            f.put("ReminderDateTime", reminder);
        }
        f.put("TaskSubtype", List.of("Task", "Call", "Email").get(rng.nextInt(3)));
        put(f, "WhoId", who(rng));
        put(f, "WhatId", what(rng));
        return f;
    }

    /** One or two fields changed, as a person edits a task in Salesforce (TaskSubtype cannot change). */
    static Map<String, Object> sfEdit(SplittableRandom rng, SimulatedSalesforce.Org org, ZoneId zone, Instant now) {
        Map<String, Object> f = new LinkedHashMap<>();
        int changes = 1 + rng.nextInt(2);
        for (int i = 0; i < changes; i++) {
            switch (rng.nextInt(8)) {
                case 0 -> f.put("Subject", sfSubject(rng));
                case 1 -> f.put("Description", notes(rng));
                case 2 -> f.put("ActivityDate", due(rng, zone, now));
                case 3 -> f.put("Status", status(rng, org, rng.nextBoolean()));
                case 4 -> f.put("Priority", sfPriority(rng));
                case 5 -> {
                    Instant r = reminder(rng, zone, null, now);
                    f.put("IsReminderSet", r != null);
                    f.put("ReminderDateTime", r);
                }
                case 6 -> f.put("WhoId", who(rng));
                default -> f.put("WhatId", what(rng));
            }
        }
        return f;
    }

    static String status(SplittableRandom rng, SimulatedSalesforce.Org org, boolean closed) {
        List<TaskStatus> candidates = org.statuses().values().stream().filter(s -> s.closed() == closed).toList();
        return candidates.get(rng.nextInt(candidates.size())).apiName();
    }

    private static String sfSubject(SplittableRandom rng) {
        String base = SUBJECTS.get(rng.nextInt(SUBJECTS.size()));
        return rng.nextBoolean() ? base : base + " " + rng.nextInt(20);
    }

    private static String sfPriority(SplittableRandom rng) {
        return List.of("High", "Normal", "Low").get(rng.nextInt(3));
    }

    private static void put(Map<String, Object> f, String name, Object value) {
        if (value != null) {
            f.put(name, value);
        }
    }
}
