package com.salesconnect.tasksync.emulator.sobject;

import com.salesconnect.tasksync.emulator.ids.KeyPrefix;
import com.salesconnect.tasksync.emulator.org.User;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.salesconnect.tasksync.emulator.sobject.FieldType.BOOLEAN;
import static com.salesconnect.tasksync.emulator.sobject.FieldType.DATE;
import static com.salesconnect.tasksync.emulator.sobject.FieldType.DATETIME;
import static com.salesconnect.tasksync.emulator.sobject.FieldType.ID;
import static com.salesconnect.tasksync.emulator.sobject.FieldType.INT;
import static com.salesconnect.tasksync.emulator.sobject.FieldType.PICKLIST;
import static com.salesconnect.tasksync.emulator.sobject.FieldType.REFERENCE;
import static com.salesconnect.tasksync.emulator.sobject.FieldType.STRING;
import static com.salesconnect.tasksync.emulator.sobject.FieldType.TEXTAREA;

/** The emulated objects: Task (with the org's status values) and TaskStatus. */
public final class TaskSchema {

    public static final String TASK = "Task";
    public static final String TASK_STATUS = "TaskStatus";

    /** Salesforce's out-of-the-box TaskStatus values. */
    public static final List<PicklistValue> STANDARD_STATUSES = List.of(
            new PicklistValue("Not Started", "Not Started", true, false, false),
            PicklistValue.of("In Progress"),
            new PicklistValue("Completed", "Completed", false, true, false),
            PicklistValue.of("Waiting on someone else"),
            PicklistValue.of("Deferred"));

    public static final List<PicklistValue> PRIORITIES = List.of(
            new PicklistValue("High", "High", false, false, true),
            PicklistValue.defaultValue("Normal"),
            PicklistValue.of("Low"));

    public static final List<PicklistValue> SUBTYPES = List.of(
            PicklistValue.of("Task"), PicklistValue.of("Email"), PicklistValue.of("ListEmail"),
            PicklistValue.of("Cadence"), PicklistValue.of("Call"), PicklistValue.of("LinkedIn"));

    public static final List<PicklistValue> TYPES = List.of(
            PicklistValue.of("Call"), PicklistValue.of("Email"), PicklistValue.of("Meeting"),
            PicklistValue.of("Other"));

    private TaskSchema() {
    }

    /** The Task object of an org whose TaskStatus picklist has these values. */
    public static ObjectSchema task(List<PicklistValue> statuses) {
        Set<String> users = Set.of(KeyPrefix.USER);
        return new ObjectSchema(TASK, KeyPrefix.TASK, List.of(
                FieldDef.readOnly("Id", "Activity ID", ID, false),
                FieldDef.writable("WhoId", "Name ID", REFERENCE, 18, true).withReferences(KeyPrefix.WHO, Set.of()),
                FieldDef.writable("WhatId", "Related To ID", REFERENCE, 18, true)
                        .withReferences(Set.of(), KeyPrefix.NOT_WHAT),
                FieldDef.writable("Subject", "Subject", STRING, 255, true),
                FieldDef.writable("ActivityDate", "Due Date Only", DATE, 0, true),
                FieldDef.writable("Status", "Status", PICKLIST, 255, false).withPicklist(statuses, true),
                FieldDef.writable("Priority", "Priority", PICKLIST, 40, false).withPicklist(PRIORITIES, true),
                FieldDef.readOnly("IsHighPriority", "High Priority", BOOLEAN, false),
                FieldDef.writable("OwnerId", "Assigned To ID", REFERENCE, 18, false).withReferences(users, Set.of()),
                FieldDef.writable("Description", "Description", TEXTAREA, 32000, true),
                FieldDef.writable("Type", "Type", PICKLIST, 40, true).withPicklist(TYPES, false),
                FieldDef.readOnly("IsDeleted", "Deleted", BOOLEAN, false),
                FieldDef.readOnly("AccountId", "Account ID", REFERENCE, true),
                FieldDef.readOnly("IsClosed", "Closed", BOOLEAN, false),
                FieldDef.readOnly("CreatedDate", "Created Date", DATETIME, false).asAuditField(),
                FieldDef.readOnly("CreatedById", "Created By ID", REFERENCE, false).asAuditField()
                        .withReferences(users, Set.of()),
                FieldDef.readOnly("LastModifiedDate", "Last Modified Date", DATETIME, false).asAuditField(),
                FieldDef.readOnly("LastModifiedById", "Last Modified By ID", REFERENCE, false).asAuditField()
                        .withReferences(users, Set.of()),
                FieldDef.readOnly("SystemModstamp", "System Modstamp", DATETIME, false),
                FieldDef.readOnly("IsArchived", "Archived", BOOLEAN, false),
                FieldDef.writable("ReminderDateTime", "Reminder Date/Time", DATETIME, 0, true),
                FieldDef.writable("IsReminderSet", "Reminder Set", BOOLEAN, 0, false),
                FieldDef.writable("TaskSubtype", "Task Subtype", PICKLIST, 40, true).withPicklist(SUBTYPES, true)
                        .createOnly(),
                FieldDef.readOnly("CompletedDateTime", "Completed Date/Time", DATETIME, true),
                // A recurring series: the master (IsRecurrence) and occurrences (each a task, RecurrenceActivityId).
                FieldDef.readOnly("IsRecurrence", "Create Recurring Series of Tasks", BOOLEAN, false),
                FieldDef.readOnly("RecurrenceActivityId", "Recurrence Activity ID", REFERENCE, true)));
    }

    public static final String USER_PERMISSION_ACCESS = "UserPermissionAccess";

    /** The caller's own effective permissions (one row); only the permission the sync reads is emulated. */
    public static ObjectSchema userPermissionAccess() {
        return new ObjectSchema(USER_PERMISSION_ACCESS, "000", List.of(
                FieldDef.readOnly("Id", "ID", ID, false),
                FieldDef.readOnly("PermissionsViewAllData", "View All Data", BOOLEAN, false)));
    }

    public static SObjectRecord permissionsOf(User user) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Id", "000000000000000AAA");
        row.put("PermissionsViewAllData", user.viewAllData());
        return new SObjectRecord(USER_PERMISSION_ACCESS, row);
    }

    public static ObjectSchema taskStatus() {
        return new ObjectSchema(TASK_STATUS, KeyPrefix.TASK_STATUS, List.of(
                FieldDef.readOnly("Id", "Task Status ID", ID, false),
                FieldDef.readOnly("MasterLabel", "Master Label", STRING, false),
                FieldDef.readOnly("ApiName", "Api Name", STRING, false),
                FieldDef.readOnly("SortOrder", "Sort Order", INT, true),
                FieldDef.readOnly("IsDefault", "Is Default", BOOLEAN, false),
                FieldDef.readOnly("IsClosed", "Is Closed", BOOLEAN, false),
                FieldDef.readOnly("CreatedById", "Created By ID", REFERENCE, false),
                FieldDef.readOnly("CreatedDate", "Created Date", DATETIME, false),
                FieldDef.readOnly("LastModifiedById", "Last Modified By ID", REFERENCE, false),
                FieldDef.readOnly("LastModifiedDate", "Last Modified Date", DATETIME, false),
                FieldDef.readOnly("SystemModstamp", "System Modstamp", DATETIME, false)));
    }
}
