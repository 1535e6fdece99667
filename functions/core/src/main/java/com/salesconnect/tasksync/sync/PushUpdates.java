package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.rules.Freshness;
import com.salesconnect.tasksync.rules.ThreeWayMerge;
import com.salesconnect.tasksync.rules.Tombstones;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.salesforce.SfWrite;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A push's updates: only fields that differ from what Salesforce holds are sent. One query first reads the current
 * Salesforce versions; when Salesforce changed too, both sides are merged three-way, the merged values go to
 * Salesforce and (with origin SALESFORCE) to Sales Connect, and conflicts are recorded. Imported tasks whose link a
 * crash lost are linked again here (they are read with the same query).
 */
final class PushUpdates {

    private record Prepared(ScTask task, TaskLink link, TaskMapper.Update body, TaskFields salesforceNow,
                            Instant sfModstamp) {
    }

    private final TaskStore tasks;
    private final LinkStore links;
    private final ConflictRecorder conflicts;
    private final Deletions deletions;

    PushUpdates(TaskStore tasks, LinkStore links, ConflictRecorder conflicts, Deletions deletions) {
        this.tasks = tasks;
        this.links = links;
        this.conflicts = conflicts;
        this.deletions = deletions;
    }

    void run(PushRun run, List<PushAction> actions) {
        List<PushAction> toUpdate = new ArrayList<>();
        actions.stream().filter(a -> a instanceof PushAction.Update || a instanceof PushAction.Mend)
                .forEach(toUpdate::add);
        toUpdate.addAll(run.adopted);
        if (toUpdate.isEmpty()) {
            return;
        }
        List<String> sfIds = toUpdate.stream()
                .map(a -> a instanceof PushAction.Mend m ? m.sfId() : ((PushAction.Update) a).link().sfId())
                .toList();
        Map<String, SfTask> rows = TaskQueries.byIds(run.user.api(), sfIds);
        List<Prepared> prepared = new ArrayList<>();
        for (PushAction a : toUpdate) {
            run.guarded(a.taskId(), () -> {
                Optional<PushAction.Update> update = a instanceof PushAction.Mend m
                        ? mend(run, m, rows) : Optional.of((PushAction.Update) a);
                update.flatMap(u -> prepare(run, u, rows.get(SalesforceIds.to18(u.link().sfId()))))
                        .ifPresent(prepared::add);
            });
        }
        for (int from = 0; from < prepared.size(); from += TaskPusher.BATCH) {
            List<Prepared> chunk = prepared.subList(from, Math.min(prepared.size(), from + TaskPusher.BATCH));
            List<SaveResult> results = run.user.api().update(chunk.stream()
                    .map(p -> new SfWrite(p.task().taskId(), p.link().sfId(), p.body().fields())).toList());
            for (int i = 0; i < chunk.size(); i++) {
                Prepared p = chunk.get(i);
                SaveResult result = i < results.size() ? results.get(i) : null;
                run.guarded(p.task().taskId(), () -> updated(run, p, result));
            }
        }
    }

    private Optional<PushAction.Update> mend(PushRun run, PushAction.Mend m, Map<String, SfTask> rows) {
        SfTask row = rows.get(SalesforceIds.to18(m.sfId()));
        Optional<TaskLink> holder = row == null ? Optional.empty()
                : links.findBySfId(run.user.org(), SalesforceId.of(m.sfId()));
        if (holder.isPresent() && holder.get().names(run.user.userId(), m.taskId())) {
            // The import's retry linked this very task meanwhile: its changes go as any linked task's, from the task
            // as stored now (the retry may have written it too); never removed as if another task held the id.
            TaskLink own = holder.get();
            Optional<ScTask> now = own.state() == LinkState.LINKED
                    ? tasks.get(run.user.id(), TaskId.of(m.taskId())).filter(t -> Tombstones.live(t, run.now))
                    : Optional.empty();
            if (now.isPresent() && PushPlanner.hasLocalChanges(now.get(), own)) {
                return Optional.of(new PushAction.Update(now.get(), own));
            }
            run.done(m.taskId());
            return Optional.empty();
        }
        if (holder.isPresent() && endedForAnotherUser(holder.get(), run, row)) {
            // The tombstone of another user's pair of this task (it left their list when it was given to this user)
            // names the id again: that pair is over, and the task is this user's: the tombstone gives the id up.
            links.releaseSfId(holder.get());
            holder = Optional.empty();
        }
        if (row == null || holder.isPresent()) {
            // Gone for good (hard deleted), or another task holds the Salesforce task now: the copy goes.
            deletions.removeTask(run.user.userId(), m.taskId(), run.now);
            run.done(m.taskId());
            return Optional.empty();
        }
        if (row.deleted() || !SalesforceIds.same(row.ownerId(), run.user.sfUserId())) {
            // Deleted (or given to someone else) in Salesforce: the copy goes, and the pair is remembered as any
            // linked pair's is (a DELETED link), so an undelete, seen even after a re-enable, brings it back.
            TaskLink imported = links.save(TaskLink.linked(run.user.userId(), m.taskId(), run.user.identity(),
                    SalesforceIds.to18(m.sfId()), Deletions.normalizedOrAsIs(m.task().fields()), null, 0));
            deletions.goneInSalesforce(imported, !row.deleted(), run.now, row.systemModstamp());
            run.done(m.taskId());
            return Optional.empty();
        }
        TaskLink link = links.save(TaskLink.linked(run.user.userId(), m.taskId(), run.user.identity(),
                SalesforceIds.to18(m.sfId()), run.fromSalesforce(row), row.systemModstamp(), 0));
        if (!PushPlanner.hasLocalChanges(m.task(), link)) {
            run.done(m.taskId());
            return Optional.empty();
        }
        return Optional.of(new PushAction.Update(m.task(), link));
    }

    /** A DELETED link of another user, while Salesforce's task is live and owned by {@code run}'s user. */
    private static boolean endedForAnotherUser(TaskLink holder, PushRun run, SfTask row) {
        return holder.state() == LinkState.DELETED && !holder.userId().equals(run.user.userId())
                && !row.deleted() && SalesforceIds.same(row.ownerId(), run.user.sfUserId());
    }

    private Optional<Prepared> prepare(PushRun run, PushAction.Update u, SfTask row) {
        TaskLink link = u.link();
        ScTask task = u.task();
        if (row == null || row.deleted()) {
            deletions.goneInSalesforce(link, false, run.now, row == null ? null : row.systemModstamp());
            run.done(task.taskId());
            return Optional.empty();
        }
        if (!SalesforceIds.same(row.ownerId(), run.user.sfUserId())) {
            deletions.goneInSalesforce(link, true, run.now, row.systemModstamp());
            run.done(task.taskId());
            return Optional.empty();
        }
        boolean salesforceChanged = Freshness.of(row.systemModstamp(), link).isNew();
        TaskFields sfNow = salesforceChanged ? run.fromSalesforce(row) : link.base();
        Instant stamp = salesforceChanged ? row.systemModstamp() : link.sfModstamp();
        TaskFields scNow = TaskMapper.normalize(task.fields()).fields();
        ThreeWayMerge.Result merge = ThreeWayMerge.merge(link.base(), scNow, sfNow, task.updatedAt(),
                row.lastModifiedDate());
        TaskFields scMerged = overlay(task.fields(), merge.fromSalesforce(), sfNow, merge.merged());
        TaskMapper.Update body = TaskMapper.forUpdate(sfNow, scMerged, run.user::statuses);
        if (!body.salesConnectAfter().equals(task.fields())) {
            // Origin SALESFORCE: the stream must not push these values back as a new Sales Connect edit.
            tasks.save(task.edited(body.salesConnectAfter(), Origin.SALESFORCE, run.now));
        }
        conflicts.merged(task.userId(), task.taskId(), link.sfId(), merge.conflicts(),
                TaskPusher.later(task.updatedAt(), row.lastModifiedDate()));
        if (body.nothingToSend()) {
            links.save(link.relinked(link.sfId(), body.salesforceAfter(), stamp));
            conflicts.adjusted(task.userId(), task.taskId(), link.sfId(), body.adjustments(), run.now);
            run.done(task.taskId());
            return Optional.empty();
        }
        return Optional.of(new Prepared(task, link, body, sfNow, stamp));
    }

    private void updated(PushRun run, Prepared p, SaveResult result) {
        String userId = run.user.userId();
        String taskId = p.task().taskId();
        String sfId = p.link().sfId();
        if (result instanceof SaveResult.Saved) {
            links.save(p.link().relinked(sfId, p.body().salesforceAfter(), p.sfModstamp()));
            conflicts.adjusted(userId, taskId, sfId, p.body().adjustments(), run.now);
            run.accepted = true;
            run.done(taskId);
        } else if (result instanceof SaveResult.Failed f) {
            if (f.hasCode("ENTITY_IS_DELETED")) {
                deletions.goneInSalesforce(p.link(), false, run.now);
                run.done(taskId);
            } else if (SalesforceFailures.isTransient(f)) {
                run.retry(taskId, "Salesforce busy");
            } else {
                // Refused for good: Sales Connect keeps its values; the base stays what Salesforce holds.
                conflicts.rejected(userId, taskId, sfId, f.errors(), run.now);
                links.save(p.link().relinked(sfId, p.salesforceNow(), p.sfModstamp()));
                run.done(taskId);
            }
        } else {
            run.retry(taskId, "no result from Salesforce");
        }
    }

    /**
     * Sales Connect's fields after a merge: the fields Salesforce won taken over, then every field whose Salesforce
     * form still differs from the merged value set to it. That second step matters when a field's Salesforce form
     * depended on another: a subject over 255 characters lives on at the top of Salesforce's description, so when the
     * subject is replaced, that description becomes Sales Connect's notes; when the description no longer starts with
     * the full subject, the subject Salesforce holds (cut) becomes Sales Connect's.
     */
    static TaskFields overlay(TaskFields fields, Set<TaskFields.Field> take, TaskFields from, TaskFields merged) {
        TaskFields out = fields;
        for (TaskFields.Field f : take) {
            out = out.with(f, from.get(f));
        }
        TaskFields asSalesforceHolds = Deletions.normalizedOrAsIs(out);
        for (TaskFields.Field f : TaskFields.Field.values()) {
            if (!Objects.equals(asSalesforceHolds.get(f), merged.get(f))) {
                out = out.with(f, merged.get(f));
            }
        }
        // A long subject puts itself back at the top of the notes: when Salesforce's notes no longer hold it (a
        // person removed it there), Sales Connect takes Salesforce's form, cut subject included.
        return Deletions.normalizedOrAsIs(out).equals(merged) ? out : merged;
    }
}
