package com.salesconnect.tasksync.store;

/**
 * The Sales Connect task an (org, Salesforce id) pointer names. A link normally confirms it; an import that died
 * after claiming the id and before writing its link leaves a claim no link confirms.
 */
public record SfIdClaim(String userId, String taskId) {
}
