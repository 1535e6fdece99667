package com.salesconnect.tasksync.rules;

import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.TaskFields;

import java.util.Optional;

/**
 * A deletion on either side wins over a concurrent edit on the other. The lost edit is reported so it can be
 * recorded as a {@link Conflict} with no field.
 */
public final class DeletionRule {

    private DeletionRule() {
    }

    /** What the deletion overrode, when the other side had edits not yet synced. */
    public record Overridden(Origin deletedBy, String reason) {
    }

    /**
     * @param deletedBy      the side that deleted the task
     * @param otherSideNow   the other side's current values (normalized), null when it is gone as well
     * @param base           the last synced values, null when the pair was never synced
     */
    public static Optional<Overridden> judge(Origin deletedBy, TaskFields otherSideNow, TaskFields base) {
        if (otherSideNow == null || base == null || otherSideNow.equals(base)) {
            return Optional.empty();
        }
        String reason = deletedBy == Origin.SALESFORCE
                ? "Deleted in Salesforce while edited in Sales Connect: the deletion wins"
                : "Deleted in Sales Connect while edited in Salesforce: the deletion wins";
        return Optional.of(new Overridden(deletedBy, reason));
    }
}
