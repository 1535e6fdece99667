package com.salesconnect.tasksync.simulation;


import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What really happened, recorded as the simulation makes it happen, independent of what the sync believes: which
 * Sales Connect tasks users created and deleted (and when), which Salesforce identity each user was connected as
 * since when, and under which identity each pair of tasks was formed. Salesforce's side of the story (who created
 * a record, for which Sales Connect task, every change with its owner) is kept by {@link SimulatedSalesforce.Row}.
 */
final class GroundTruth {

    record Identity(String orgId, String sfUserId) {
        boolean same(Identity o) {
            return o != null && Ids.same(orgId, o.orgId) && Ids.same(sfUserId, o.sfUserId);
        }
    }

    record IdentitySince(Identity identity, Instant since) {
    }

    /** One Sales Connect task as the simulation knows it. */
    static final class ScTask {
        final String userId;
        final String taskId;
        /** When a user created it in Sales Connect; null for a task the sync imported. */
        Instant createdByUserAt;
        /** Deletions made by the user in Sales Connect. */
        final List<Instant> userDeletes = new ArrayList<>();
        /** Edits made by the user in Sales Connect. */
        final List<Instant> userEdits = new ArrayList<>();
        /** The updatedAt the invariants last saw stored (user-edit-time). */
        Instant observedUpdatedAt;
        /** The identity its pair was formed under (import, or our create in Salesforce); null before. */
        Identity formedUnder;
        /** When the pair was formed (the import, or our create in Salesforce). */
        Instant formedAt;
        /** Live at the end of the previous step. */
        boolean live;
        boolean seen;
        /** When it was last seen deleted (its tombstone's deletedAt). */
        Instant deletedAt;
        /** Whether that deletion was the sync's, for a change in Salesforce (the tombstone's origin). */
        boolean removedForSalesforce;
        /** Whether the pair was detached (formed under another identity of the user) when it was deleted. */
        boolean deletedDetached;
        /** Whether the task had no link when it was deleted (an import that died before its link). */
        boolean deletedUnlinked;

        ScTask(String userId, String taskId) {
            this.userId = userId;
            this.taskId = taskId;
        }

        Instant lastUserDelete() {
            return userDeletes.isEmpty() ? null : userDeletes.get(userDeletes.size() - 1);
        }
    }

    private final Map<String, List<IdentitySince>> identities = new TreeMap<>();
    private final Map<String, ScTask> tasks = new TreeMap<>();
    private final Map<String, String> firstCreate = new TreeMap<>();

    void identity(String userId, Identity identity, Instant at) {
        List<IdentitySince> list = identities.computeIfAbsent(userId, u -> new ArrayList<>());
        if (list.isEmpty() || !list.get(list.size() - 1).identity().same(identity)) {
            list.add(new IdentitySince(identity, at));
        }
    }

    Optional<IdentitySince> identity(String userId) {
        List<IdentitySince> list = identities.getOrDefault(userId, List.of());
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }

    /** The identity {@code userId} was connected as at {@code at}. */
    Optional<Identity> identityAt(String userId, Instant at) {
        Identity out = null;
        for (IdentitySince i : identities.getOrDefault(userId, List.of())) {
            if (!i.since().isAfter(at)) {
                out = i.identity();
            }
        }
        return Optional.ofNullable(out);
    }

    /** True when {@code userId} was connected as another identity than {@code identity} at some time since {@code from}. */
    boolean awaySince(String userId, Identity identity, Instant from) {
        List<IdentitySince> list = identities.getOrDefault(userId, List.of());
        for (int i = 0; i < list.size(); i++) {
            Instant until = i + 1 < list.size() ? list.get(i + 1).since() : null;
            boolean overlaps = until == null || until.isAfter(from);
            if (overlaps && !list.get(i).identity().same(identity)) {
                return true;
            }
        }
        return false;
    }

    /**
     * When {@code userId} first connected as {@code identity} after {@code from} (a connection taken up then, not one
     * held across it); empty when it never did.
     */
    Optional<Instant> connectedAfter(String userId, Identity identity, Instant from) {
        for (IdentitySince i : identities.getOrDefault(userId, List.of())) {
            if (i.identity().same(identity) && i.since().isAfter(from)) {
                return Optional.of(i.since());
            }
        }
        return Optional.empty();
    }

    ScTask task(String userId, String taskId) {
        return tasks.computeIfAbsent(key(userId, taskId), k -> new ScTask(userId, taskId));
    }

    Optional<ScTask> find(String userId, String taskId) {
        return Optional.ofNullable(tasks.get(key(userId, taskId)));
    }

    Iterable<ScTask> tasks() {
        return tasks.values();
    }

    /** Records our integration's create of {@code sfId} for task {@code ref}; returns the earlier one, if any. */
    Optional<String> created(String userId, String ref, String sfId) {
        String earlier = firstCreate.putIfAbsent(key(userId, ref), sfId);
        return Optional.ofNullable(earlier);
    }

    private static String key(String userId, String taskId) {
        return userId + '\u0000' + taskId;
    }
}
