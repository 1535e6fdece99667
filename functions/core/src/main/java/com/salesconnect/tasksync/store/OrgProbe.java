package com.salesconnect.tasksync.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One org-wide look at Salesforce's change logs for Task, made by a connected user who sees every task of the org
 * (View All Data): the ids updated and deleted from {@code from} up to what each log covered. A user's sweep whose
 * own checks start at or after {@code from} can use it instead of asking Salesforce itself; when both lists are
 * empty nothing changed in the org, and the sweep costs no call.
 *
 * @param overflow more ids than an item keeps: the lists are empty and users ask Salesforce themselves
 */
public record OrgProbe(String orgId, String proberUserId, Instant probedAt, Instant from, List<String> updatedIds,
                       Instant updatesCovered, List<String> deletedIds, Instant deletionsCovered,
                       Instant earliestDeletionAvailable, boolean overflow) {

    /** Ids kept in one probe; more than that and the probe says {@code overflow}. */
    public static final int MAX_IDS = 2_000;

    public OrgProbe {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(proberUserId, "proberUserId");
        Objects.requireNonNull(probedAt, "probedAt");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(updatesCovered, "updatesCovered");
        Objects.requireNonNull(deletionsCovered, "deletionsCovered");
        updatedIds = List.copyOf(updatedIds);
        deletedIds = List.copyOf(deletedIds);
        if (overflow && !(updatedIds.isEmpty() && deletedIds.isEmpty())) {
            throw new IllegalArgumentException("an overflowing probe keeps no ids");
        }
    }

    /** Nothing was created, changed, deleted or undeleted in the org while the probe looked. */
    public boolean quiet() {
        return !overflow && updatedIds.isEmpty() && deletedIds.isEmpty();
    }

    /** The earlier of the two logs' coverage: the next probe starts there (less an overlap). */
    public Instant covered() {
        return updatesCovered.isBefore(deletionsCovered) ? updatesCovered : deletionsCovered;
    }
}
