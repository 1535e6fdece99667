package com.salesconnect.tasksync.rules;

import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;

/** Keeps a change from bouncing between the two sides forever. */
public final class EchoSuppression {

    private EchoSuppression() {
    }

    /** A task write made by the sync itself on behalf of Salesforce: never pushed back. */
    public static boolean cameFromSalesforce(ScTask image) {
        return image != null && image.changeOrigin() == Origin.SALESFORCE;
    }

    /**
     * An incoming Salesforce version that equals the last synced values: our own push coming back (or a
     * system-only touch). It changes nothing in Sales Connect; only the link's SystemModstamp advances.
     */
    public static boolean changesNothing(TaskFields incoming, TaskLink link) {
        return link.base() != null && link.base().equals(incoming);
    }
}
