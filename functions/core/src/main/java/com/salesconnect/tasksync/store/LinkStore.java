package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.TaskLink;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Links between Sales Connect tasks and Salesforce tasks, including the 15-day tombstones (DELETED links).
 * Same versioning contract as {@link TaskStore#save}. No read ever returns an expired tombstone.
 */
public interface LinkStore {

    /** Strongly consistent. */
    Optional<TaskLink> get(UserId userId, TaskId taskId);

    /**
     * The links of many tasks of one user (those that have one), by task id; strongly consistent. For showing a
     * page of tasks with their Salesforce ids: a few requests per page, not one per task.
     */
    Map<TaskId, TaskLink> getAll(UserId userId, Collection<TaskId> taskIds);

    /**
     * {@link #getAll} reduced to what a list of tasks shows (state and Salesforce id), by task id: the tasks that
     * have an unexpired link. Strongly consistent. A store may read only those attributes; this default reads the
     * whole links.
     */
    default Map<TaskId, LinkSummary> summaries(UserId userId, Collection<TaskId> taskIds) {
        Map<TaskId, LinkSummary> out = new java.util.HashMap<>();
        getAll(userId, taskIds).forEach((taskId, link) -> out.put(taskId, new LinkSummary(link.state(), link.sfId())));
        return out;
    }

    /**
     * The link a Salesforce id belongs to within its org, whatever its state (an unexpired tombstone included).
     * Strongly consistent, so an echo arriving right after a create is recognised.
     */
    Optional<TaskLink> findBySfId(OrgId orgId, SalesforceId sfId);

    /**
     * {@link #findBySfId} for many Salesforce ids of one org, keyed by the given id (those with a link); strongly
     * consistent. For a batch of Salesforce changes: a few requests, not two per change.
     */
    default Map<SalesforceId, TaskLink> findAllBySfId(OrgId orgId, Collection<SalesforceId> sfIds) {
        Map<SalesforceId, TaskLink> out = new HashMap<>();
        for (SalesforceId sfId : new LinkedHashSet<>(sfIds)) {
            findBySfId(orgId, sfId).ifPresent(link -> out.put(sfId, link));
        }
        return out;
    }

    /**
     * The task the (orgId, sfId) pointer names, whether or not a link confirms it (see {@link #claim}); empty when
     * no unexpired pointer exists. Strongly consistent.
     */
    Optional<SfIdClaim> claimOf(OrgId orgId, SalesforceId sfId);

    /**
     * The Salesforce user whose connection wrote the (orgId, sfId) pointer, when it names {@code taskId} of
     * {@code userId}; null otherwise, or when the pointer predates pointers recording it.
     */
    default String claimedFor(OrgId orgId, SalesforceId sfId, UserId userId, TaskId taskId) {
        return claimOf(orgId, sfId).filter(c -> c.names(userId.value(), taskId.value()))
                .map(SfIdClaim::sfUserId).orElse(null);
    }

    /**
     * Writes the (orgId, sfId) pointer to {@code link}'s task before anything else of an import is written, so a
     * task whose link a crash kept from being written can still be found from its Salesforce id
     * ({@link #claimOf}). Idempotent for the same task; {@link #save} of the link later confirms the claim. The claim
     * has no lease (one a live lease of another invocation holds is refused, see {@link #claim(TaskLink, ClaimLease)}).
     *
     * @throws WriteConflictException when the sfId points to another task, or another invocation's lease holds it
     */
    void claim(TaskLink link);

    /**
     * {@link #claim(TaskLink)} under {@code lease}: the import writes its task and link later, with
     * {@link TaskStore#createAll} and {@link #saveClaimedAll}, and until the lease ends nobody else claims the id
     * (nor, see {@link SfIdClaim#leasedToAnother}, completes or releases the claim). Idempotent for the same task
     * and claimant; a claim whose lease ended is an abandoned one, claimed like any other.
     *
     * @throws WriteConflictException when the sfId points to another task, or another claimant's live lease holds it
     */
    void claim(TaskLink link, ClaimLease lease);

    /**
     * The links of fresh imports (version 0, each with an sfId), whose ids this invocation claimed under a live
     * {@link ClaimLease} and whose tasks {@link TaskStore#createAll} wrote: stored without conditions (the lease
     * keeps everyone else away), many a request; returned as stored (version 1).
     */
    List<TaskLink> saveClaimedAll(List<TaskLink> links);

    /**
     * Stores the link and, when it has an sfId and is LINKED or DELETED, the (orgId, sfId) pointer to it. The
     * pointer is written first; a crash between the two is mended by saving again. A PENDING_CREATE link that records
     * the task its create made ({@link TaskLink#recording}) gets no pointer.
     *
     * @throws WriteConflictException when the stored version differs, or the sfId already points to another task
     */
    TaskLink save(TaskLink link);

    /**
     * {@link #save} of a link whose (orgId, sfId) pointer this invocation has just written with {@link #claim}: a
     * store may write the link alone (one request instead of two). Should the claim have been released in between
     * (a concurrent reader took the import for an abandoned one), the link is stored without its pointer: the next
     * change of that Salesforce id finds no link, imports it again under the same task id, claims again and saves
     * the link's next version, so the pair heals itself.
     *
     * @throws WriteConflictException when the stored version differs
     */
    default TaskLink saveClaimed(TaskLink link) {
        return save(link);
    }

    /**
     * {@link #save} for the links of one batch (one per task, e.g. the creates of one push): those saved, by task id,
     * as {@link #save} returns them. A link {@link #save} would refuse with a {@link WriteConflictException} (its
     * stored version moved, or its sfId points to another task) is left out, and the others are saved. A store may
     * batch the writes that need no condition (the pending-create markers); this default saves the links one by one.
     * On a failure ({@link StoreException}) some may have been saved, as after a crash: saving them again one by one
     * settles it.
     */
    default Map<String, TaskLink> saveAll(List<TaskLink> links) {
        Map<String, TaskLink> saved = new java.util.LinkedHashMap<>();
        for (TaskLink link : links) {
            try {
                saved.put(link.taskId(), save(link));
            } catch (WriteConflictException e) {
                // left out: the caller saves it alone and meets the conflict there
            }
        }
        return saved;
    }

    /**
     * Removes the (orgId, sfId) pointer if it still points to {@code link}'s task; the link item itself stays.
     * Used when a task's Salesforce owner moves to another user: the previous owner's tombstone gives the sfId up
     * so the new owner's link can take it. Idempotent; a pointer to another task is left alone.
     */
    void releaseSfId(TaskLink link);

    /**
     * Removes a PENDING_CREATE link whose create Salesforce refused (or that may never be created), if it is still
     * the stored version; no-op otherwise. A PENDING_CREATE link has no pointer, so there is none to remove.
     */
    void delete(TaskLink pendingCreate);

    /**
     * A user's links in task-id order (every state, unexpired), after task id {@code afterTaskId} (null: from the
     * first); {@code nextCursor} is the last task id of the page while more may follow.
     */
    Page<TaskLink> forUser(UserId userId, String afterTaskId, int limit);

    /** Links of a user in PENDING_CREATE state (creates in flight or interrupted). */
    List<TaskLink> pendingCreates(UserId userId);

    /**
     * The user's PENDING_CREATE links whose create may have been sent ({@link #mayHaveBeenSent}), read as
     * {@link #pendingCreates} reads them: the creates a task in Salesforce may be the echo of.
     */
    List<TaskLink> sentCreates(UserId userId);

    /**
     * Notes that the creates of these stored PENDING_CREATE links (their attempts, by {@code pendingSince}) are about
     * to be sent to Salesforce: written right before the call, for many links together.
     */
    void markSending(List<TaskLink> pendingCreates);

    /**
     * False only when the create attempt of this PENDING_CREATE link is known never to have been sent: its link was
     * saved by a store that tracks sending and no {@link #markSending} of that attempt followed. Such an attempt
     * made nothing in Salesforce (once it cannot be running any more), so a task there is never taken for it.
     */
    boolean mayHaveBeenSent(TaskLink pendingCreate);
}
