package com.salesconnect.tasksync.sync;

/**
 * Outcome of an Outbound Message: every notification is durable (applied, or deliberately ignored), so the
 * message can be acknowledged.
 *
 * @param applied    notifications that changed Sales Connect or a link
 * @param ignored    duplicates, stale versions, echoes, tombstoned tasks, owners without sync
 * @param redelivered notifications already applied before (a retry of Salesforce)
 */
public record InboundResult(int applied, int ignored, int redelivered) {
}
