package com.salesconnect.tasksync.task;

import java.util.regex.Pattern;

/**
 * Input rules for a task written in Sales Connect. Long text is accepted (the mapping adapts it for Salesforce);
 * what can never be synced or stored sensibly is rejected with {@link InvalidTaskException}.
 */
public final class TaskValidation {

    /** Far above Salesforce's 255: longer subjects are truncated for Salesforce, but there is a sane bound. */
    public static final int MAX_SUBJECT = 4_000;
    /** Four times Salesforce's Description limit: Sales Connect keeps it whole, Salesforce gets a cut copy. */
    public static final int MAX_NOTES = 128_000;

    private static final Pattern SF_ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");

    private TaskValidation() {
    }

    public static TaskFields validate(TaskFields fields) {
        if (fields.subject().isBlank()) {
            throw new InvalidTaskException(TaskFields.Field.SUBJECT, "must not be blank");
        }
        if (fields.subject().length() > MAX_SUBJECT) {
            throw new InvalidTaskException(TaskFields.Field.SUBJECT, "at most " + MAX_SUBJECT + " characters");
        }
        if (fields.notes() != null && fields.notes().length() > MAX_NOTES) {
            throw new InvalidTaskException(TaskFields.Field.NOTES, "at most " + MAX_NOTES + " characters");
        }
        checkId(fields.whoId(), TaskFields.Field.WHO);
        checkId(fields.whatId(), TaskFields.Field.WHAT);
        return fields;
    }

    private static void checkId(String id, TaskFields.Field field) {
        if (id != null && !SF_ID.matcher(id).matches()) {
            throw new InvalidTaskException(field, "must be a Salesforce record id");
        }
    }
}
