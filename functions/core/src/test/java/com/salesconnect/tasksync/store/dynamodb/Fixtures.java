package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.Priority;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Values for the store tests. Instants carry nanoseconds on purpose: the stores must keep them exactly. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2025-03-10T09:15:30.123456789Z");

    private Fixtures() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A random, valid Salesforce org id (18 characters). */
    static String uniqueOrg() {
        return SalesforceId.of("00D" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).value();
    }

    /**
     * A valid 18-character Salesforce id made from a short tag such as {@code 00T1}: its key prefix, zeros, the rest
     * of the tag. Different tags make different ids.
     */
    static String sf(String tag) {
        return SalesforceId.of(tag.substring(0, 3) + "0".repeat(15 - tag.length()) + tag.substring(3)).value();
    }

    static TaskFields fullFields() {
        return new TaskFields("Call Ada about the renewal", "Bring the Q3 numbers", LocalDate.parse("2025-03-11"),
                false, Priority.HIGH, Instant.parse("2025-03-11T08:00:00Z"), TaskType.CALL, "003000000000001AAA",
                "006000000000001AAA");
    }

    static ScTask newTask(String userId, String taskId, TaskFields fields) {
        return new ScTask(userId, taskId, fields, T0, T0, 0, Origin.SALES_CONNECT, null, null);
    }

    static TaskFields due(String subject, LocalDate dueDate) {
        return TaskFields.todo(subject).with(TaskFields.Field.DUE_DATE, dueDate);
    }

    static SalesforceConnection connection(String userId, String orgId, String sfUserId) {
        return new SalesforceConnection(userId, orgId, sfUserId, "https://acme.my.salesforce.com", "ZW5jcnlwdGVk",
                ConnectionState.CONNECTED, T0, null, 0);
    }

    static TaskLink linked(String userId, String taskId, String orgId, String sfId) {
        return new TaskLink(userId, taskId, orgId, null, sfId, LinkState.LINKED, fullFields(), T0, null, null, null,
                null, 0);
    }
}
