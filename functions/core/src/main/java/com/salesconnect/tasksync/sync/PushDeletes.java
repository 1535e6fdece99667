package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.store.ReadAhead;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.SfTask;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A push's deletions: linked tasks deleted in Sales Connect, and tasks deleted while their create was pending (what
 * the create may have made is looked for first). ENTITY_IS_DELETED counts as done; the link becomes a 15-day
 * tombstone.
 */
final class PushDeletes {

    private static final Set<String> GONE_ON_DELETE = Set.of("ENTITY_IS_DELETED", "INVALID_CROSS_REFERENCE_KEY",
            "NOT_FOUND");

    private final ReadAhead reads;
    private final ConflictRecorder conflicts;
    private final Deletions deletions;
    private final InterruptedCreates interrupted;
    private final Clock clock;

    PushDeletes(ReadAhead reads, ConflictRecorder conflicts, Deletions deletions, InterruptedCreates interrupted,
                Clock clock) {
        this.reads = reads;
        this.conflicts = conflicts;
        this.deletions = deletions;
        this.interrupted = interrupted;
        this.clock = clock;
    }

    void run(PushRun run, List<PushAction> actions) {
        Map<String, TaskLink> bySfId = new LinkedHashMap<>();
        for (PushAction a : actions) {
            if (a instanceof PushAction.Delete d) {
                bySfId.put(SalesforceIds.to18(d.link().sfId()), d.link());
            } else if (a instanceof PushAction.DeletePending p) {
                run.guarded(p.taskId(), () -> {
                    if (p.link().sfId() != null) {
                        // The create recorded the task it made (PushCreates): that task goes, its copy first.
                        String made = SalesforceIds.to18(p.link().sfId());
                        interrupted.dropImportedCopy(run, made);
                        bySfId.put(made, p.link());
                        return;
                    }
                    if (interrupted.inFlight(run, p.link())) {
                        return;
                    }
                    // The values the create sent are on its link; the task's tombstone may have expired meanwhile
                    // (a connection broken for weeks), which does not make the create undone.
                    Optional<SfTask> made = p.tombstone() == null && p.link().base() == null
                            ? Optional.empty()
                            : interrupted.find(run, p.tombstone(), p.link());
                    if (made.isEmpty()) {
                        deletions.tombstoneLink(p.link(), Origin.SALES_CONNECT, null, run.now);
                        run.done(p.taskId());
                    } else {
                        bySfId.put(SalesforceIds.to18(made.get().id()), p.link());
                    }
                });
            }
        }
        List<String> ids = stillTheUsers(run, bySfId);
        for (int from = 0; from < ids.size(); from += SalesforceApi.DELETES_PER_CALL) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + SalesforceApi.DELETES_PER_CALL));
            List<SaveResult> results = run.user.api().delete(chunk.stream().map(SalesforceId::of).toList());
            // Each tombstone write reads its link and the id's holder again: a few batch reads for the chunk.
            reads.prefetch(run.user.id(), chunk.stream().map(id -> bySfId.get(id).task()).toList());
            reads.prefetchBySfId(run.user.org(), chunk.stream().map(SalesforceId::of).toList());
            for (int i = 0; i < chunk.size(); i++) {
                String sfId = chunk.get(i);
                TaskLink link = bySfId.get(sfId);
                SaveResult result = i < results.size() ? results.get(i) : null;
                run.guarded(link.taskId(), () -> deleted(run, link, sfId, result));
            }
        }
    }

    /**
     * The ids to delete: Salesforce deletes by id whoever owns the task, so the owners are read first (one query per
     * 200 ids, five of them a call) and a task given to another owner since the pair was made (a change the sync had
     * not seen yet: its message lost, or sync off then) stays theirs; the user's deletion ends only the pair (its
     * link's tombstone).
     * Gone or deleted tasks stay in the list: their deletion answers ENTITY_IS_DELETED, which counts as done.
     */
    private List<String> stillTheUsers(PushRun run, Map<String, TaskLink> bySfId) {
        if (bySfId.isEmpty()) {
            return List.of();
        }
        Map<String, SfTask> current = TaskQueries.byIds(run.user.api(), bySfId.keySet());
        List<String> ours = new ArrayList<>();
        for (Map.Entry<String, TaskLink> e : bySfId.entrySet()) {
            SfTask row = current.get(e.getKey());
            if (row == null || row.deleted() || SalesforceIds.same(row.ownerId(), run.user.sfUserId())) {
                ours.add(e.getKey());
                continue;
            }
            TaskLink link = e.getValue();
            run.guarded(link.taskId(), () -> {
                // Dated as the version that shows the task gone from the user (as an owner change a message brings
                // is): a version made after it, the task given back to the user, is newer than this tombstone even
                // within the push's second.
                deletions.tombstoneLink(link, Origin.SALES_CONNECT, e.getKey(), clock.instant(),
                        row.systemModstamp());
                run.done(link.taskId());
            });
        }
        return ours;
    }

    private void deleted(PushRun run, TaskLink link, String sfId, SaveResult result) {
        if (result == null) {
            run.retry(link.taskId(), "no result from Salesforce");
            return;
        }
        boolean deletedThere = true;
        if (result instanceof SaveResult.Failed f && !GONE_ON_DELETE.contains(firstCode(f))) {
            if (SalesforceFailures.isTransient(f)) {
                run.retry(link.taskId(), "Salesforce busy");
                return;
            }
            // Refused for good: the Sales Connect deletion stands and is reported; Salesforce keeps its task.
            conflicts.rejected(run.user.userId(), link.taskId(), sfId, f.errors(), run.now);
            deletedThere = false;
        }
        // Stamped after the call: a Salesforce version of a later second is an undelete, never a late message. When
        // Salesforce's task is deleted (by this call or before it), the stamp also bounds that deletion's
        // SystemModstamp, so a live version of the same second can be checked against Salesforce.
        Instant after = clock.instant();
        deletions.tombstoneLink(link, Origin.SALES_CONNECT, sfId, after, deletedThere ? after : null);
        run.accepted |= deletedThere;
        run.done(link.taskId());
    }

    private static String firstCode(SaveResult.Failed f) {
        return f.errors().isEmpty() ? "" : f.errors().get(0).statusCode();
    }
}
