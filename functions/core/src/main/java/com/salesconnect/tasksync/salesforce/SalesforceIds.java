package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;

/**
 * Salesforce record ids as plain strings, for code that reads them off the wire: the rules live in
 * {@link SalesforceId} (the case-safe 18-character form) and {@link TaskId} (the id of an imported task).
 */
public final class SalesforceIds {

    /** Tasks imported from Salesforce get this prefix + the 18-char id: a retried import cannot make two. */
    public static final String IMPORTED_PREFIX = TaskId.IMPORTED_PREFIX;

    private SalesforceIds() {
    }

    /** The 18-character form; 15-character ids get Salesforce's case-safe checksum suffix. */
    public static String to18(String id) {
        if (!SalesforceId.isId(id)) {
            throw new IllegalArgumentException("not a Salesforce id");
        }
        return SalesforceId.of(id).value();
    }

    /** Deterministic Sales Connect task id of a Salesforce task imported into Sales Connect. */
    public static String importedTaskId(String sfId) {
        return TaskId.importedFrom(SalesforceId.of(to18(sfId))).value();
    }

    /** The Salesforce id an imported task was made from, or null for a task created in Sales Connect. */
    public static String sfIdOfImported(String taskId) {
        return TaskId.of(taskId).importedSfId().map(SalesforceId::value).orElse(null);
    }

    /** Salesforce compares ids case-sensitively in their 15-char form; the 18-char forms compare equal then. */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (!SalesforceId.isId(a) || !SalesforceId.isId(b)) {
            return a.equals(b);
        }
        return to18(a).equals(to18(b));
    }
}
