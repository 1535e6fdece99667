package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.link.LinkState;

/**
 * What a list of tasks shows of a task's link: its state and the Salesforce id it carries (null while it has
 * none), without the rest of the link (the synced base values, versions, identity).
 */
public record LinkSummary(LinkState state, String sfId) {
}
