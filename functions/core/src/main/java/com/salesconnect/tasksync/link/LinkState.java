package com.salesconnect.tasksync.link;

/**
 * State of the link between a Sales Connect task and a Salesforce task.
 * <ul>
 *   <li>PENDING_CREATE: a push that creates the Salesforce task is in flight (or crashed mid-way);</li>
 *   <li>LINKED: both tasks exist and {@code base} holds the last synced values;</li>
 *   <li>DELETED: a tombstone, kept 15 days (TTL), that stops any re-creation.</li>
 * </ul>
 */
public enum LinkState {
    PENDING_CREATE, LINKED, DELETED
}
