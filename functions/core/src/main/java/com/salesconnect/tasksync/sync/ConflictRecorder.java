package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.rules.DeletionRule;
import com.salesconnect.tasksync.rules.ThreeWayMerge;
import com.salesconnect.tasksync.salesforce.SfError;
import com.salesconnect.tasksync.store.ConflictLog;
import com.salesconnect.tasksync.task.Adjustment;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.TaskFields.Field;
import com.salesconnect.tasksync.task.TaskMapper;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Writes what the user should know about to the conflict log: merge conflicts, deletions that beat an edit,
 * values adapted for Salesforce, and writes Salesforce refused. The time of a merge conflict is derived from the
 * versions involved, so recording it again on a retry stores it once.
 */
final class ConflictRecorder {

    /** How a write Salesforce refused starts its reason (the Settings page asks the user to edit such a task). */
    static final String REFUSED = "Salesforce refused the change (";
    /** How a push given up after its attempts starts its reason (the user edits the task to try again). */
    static final String GAVE_UP = "Could not be sent to Salesforce (";
    /** How a change never sent (it breaks a Salesforce rule) starts its reason (the user edits the task). */
    static final String NOT_SENT = "Not sent to Salesforce: ";
    /** What follows Salesforce's own message in a refusal. */
    static final String KEEPS_VALUE = "; Sales Connect keeps its value";

    /** Values are shown, not replayed: long notes are cut so a conflict item stays small. */
    static final int MAX_VALUE = 1_000;

    private final ConflictLog log;

    ConflictRecorder(ConflictLog log) {
        this.log = log;
    }

    void merged(String userId, String taskId, String sfId, List<ThreeWayMerge.FieldConflict> conflicts, Instant at) {
        for (ThreeWayMerge.FieldConflict c : conflicts) {
            Metrics.current().conflict(side(c.winner()));
            log.record(new Conflict(userId, taskId, sfId, c.field(), text(c.base()), text(c.salesConnect()),
                    text(c.salesforce()), c.winner(),
                    "Changed on both sides: the later change (" + side(c.winner()) + ") wins", at));
        }
    }

    void deletion(String userId, String taskId, String sfId, DeletionRule.Overridden overridden, Instant at) {
        Metrics.current().conflict(String.valueOf(overridden.deletedBy()));
        log.record(new Conflict(userId, taskId, sfId, null, null, null, null, overridden.deletedBy(),
                overridden.reason(), at));
    }

    void ownerChanged(String userId, String taskId, String sfId, Instant at) {
        log.record(new Conflict(userId, taskId, sfId, null, null, null, null, Origin.SALESFORCE,
                "The task was assigned to another Salesforce user: it left this user's task list", at));
    }

    void adjusted(String userId, String taskId, String sfId, List<Adjustment> adjustments, Instant at) {
        for (Adjustment a : adjustments) {
            log.record(new Conflict(userId, taskId, sfId, a.field(), null, null, null, Origin.SALES_CONNECT,
                    a.detail(), at));
        }
    }

    /** A write Salesforce refused for good (validation): Sales Connect keeps its values, nothing is retried. */
    void rejected(String userId, String taskId, String sfId, List<SfError> errors, Instant at) {
        for (SfError e : errors) {
            Set<Field> fields = TaskMapper.fieldsNamed(e.fields());
            String reason = REFUSED + e.statusCode() + "): " + cut(e.message(), 200) + KEEPS_VALUE;
            if (fields.isEmpty()) {
                log.record(new Conflict(userId, taskId, sfId, null, null, null, null, Origin.SALES_CONNECT,
                        reason, at));
            }
            for (Field field : fields) {
                log.record(new Conflict(userId, taskId, sfId, field, null, null, null, Origin.SALES_CONNECT,
                        reason, at));
            }
        }
    }

    void invalid(String userId, String taskId, Field field, String rule, Instant at) {
        log.record(new Conflict(userId, taskId, null, field, null, null, null, Origin.SALES_CONNECT,
                NOT_SENT + rule, at));
    }

    void gaveUp(String userId, String taskId, String reason, Instant at) {
        log.record(new Conflict(userId, taskId, null, null, null, null, null, Origin.SALES_CONNECT,
                GAVE_UP + reason + "); edit the task to try again", at));
    }

    private static String side(Origin origin) {
        return origin == Origin.SALESFORCE ? "Salesforce" : "Sales Connect";
    }

    private static String text(Object value) {
        return value == null ? null : cut(value.toString(), MAX_VALUE);
    }

    private static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
