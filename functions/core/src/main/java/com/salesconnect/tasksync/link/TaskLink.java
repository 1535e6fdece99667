package com.salesconnect.tasksync.link;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.rules.ConnectionIdentity;
import com.salesconnect.tasksync.settings.SalesforceIdentity;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.TaskFields;

import java.time.Instant;
import java.util.Objects;

/**
 * The sync state of one task pair: which Salesforce task a Sales Connect task is linked to, the last
 * synced values (the base of three-way merges), and the newest Salesforce {@code SystemModstamp} applied
 * (the guard against stale and duplicate deliveries). A DELETED link is a 15-day tombstone.
 *
 * @param sfUserId      the Salesforce user the link's Sales Connect user was connected as when it was made (with
 *                      {@code orgId}, the link's identity, see {@link ConnectionIdentity}); null in links stored
 *                      before links carried it
 * @param sfId          while PENDING_CREATE null, or the task the create made when a copy of it still holds the id
 *                      (see {@link #recording}); it names its pointer only once LINKED or DELETED
 * @param base          last values both sides agreed on; while PENDING_CREATE the values the create sends (null in
 *                      links stored before it carried them)
 * @param sfModstamp    newest SystemModstamp applied or observed; null before the first
 * @param pendingSince  when the creating push started (PENDING_CREATE only)
 * @param expiresAt     TTL of a tombstone (DELETED only)
 * @param sfDeletedAt   the deleted record's SystemModstamp in Salesforce, when the deletion was read from Salesforce
 *                      (DELETED only; null when not known: then {@code deletedAt} bounds it)
 */
public record TaskLink(
        String userId,
        String taskId,
        String orgId,
        String sfUserId,
        String sfId,
        LinkState state,
        TaskFields base,
        Instant sfModstamp,
        Instant pendingSince,
        Instant deletedAt,
        Origin deletedBy,
        Instant expiresAt,
        long version,
        Instant sfDeletedAt) {

    public TaskLink {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(state, "state");
    }

    public TaskLink(String userId, String taskId, String orgId, String sfUserId, String sfId, LinkState state,
                    TaskFields base, Instant sfModstamp, Instant pendingSince, Instant deletedAt, Origin deletedBy,
                    Instant expiresAt, long version) {
        this(userId, taskId, orgId, sfUserId, sfId, state, base, sfModstamp, pendingSince, deletedAt, deletedBy,
                expiresAt, version, null);
    }

    /** {@link #userId()} typed, for the ports. */
    public UserId user() {
        return UserId.of(userId);
    }

    /** {@link #taskId()} typed, for the ports. */
    public TaskId task() {
        return TaskId.of(taskId);
    }

    /** Whether this is the link of the task {@code taskId} of {@code userId}. */
    public boolean names(String userId, String taskId) {
        return this.userId.equals(userId) && this.taskId.equals(taskId);
    }

    /** {@link #orgId()} typed, for the ports. */
    public OrgId org() {
        return OrgId.of(orgId);
    }

    /** {@link #sfId()} typed, for the ports; only for a link that has one. */
    public SalesforceId salesforceId() {
        if (sfId == null) {
            throw new IllegalStateException("a " + state + " link without a Salesforce id");
        }
        return SalesforceId.of(sfId);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /**
     * A create of {@code taskId} about to be sent to Salesforce as {@code identity}, not stored yet. Its base holds
     * the values the create sends: the task it makes is recognised by them, whatever Sales Connect changed since.
     */
    public static TaskLink pendingCreate(String userId, String taskId, SalesforceIdentity identity, Instant since,
                                         TaskFields sent) {
        return new TaskLink(userId, taskId, identity.orgId(), identity.sfUserId(), null, LinkState.PENDING_CREATE,
                sent, null, since, null, null, null, 0);
    }

    /**
     * Names the pointer of {@code sfId} in {@code orgId} held by {@code taskId} of {@code userId}, for
     * {@code LinkStore.releaseSfId}: only those four are read, so it is never stored as a link.
     */
    public static TaskLink pointerHeldBy(String userId, String taskId, String orgId, String sfId) {
        return new TaskLink(userId, taskId, orgId, null, sfId, LinkState.LINKED, null, null, null, null, null, null,
                0L);
    }

    /** A new LINKED link made as {@code identity}, to be stored over the link item at {@code storedVersion}. */
    public static TaskLink linked(String userId, String taskId, SalesforceIdentity identity, String sfId,
                                  TaskFields base, Instant sfModstamp, long storedVersion) {
        return new TaskLink(userId, taskId, identity.orgId(), identity.sfUserId(), sfId, LinkState.LINKED, base,
                sfModstamp, null, null, null, null, storedVersion);
    }

    /** This link, LINKED to {@code newSfId} with new last synced values; same identity and version. */
    public TaskLink relinked(String newSfId, TaskFields newBase, Instant newSfModstamp) {
        return new TaskLink(userId, taskId, orgId, sfUserId, newSfId, LinkState.LINKED, newBase, newSfModstamp, null,
                null, null, null, version, null);
    }

    /**
     * This PENDING_CREATE link, recording {@code madeSfId}, the task its create made, while another link (the copy
     * that task's own message imported before this link was written) still holds the id: whatever becomes of that
     * copy, a retry or a message of the task links this one to it, never makes it again. It claims no pointer (the
     * store writes none for a PENDING_CREATE link); the link that goes LINKED does.
     */
    public TaskLink recording(String madeSfId) {
        if (state != LinkState.PENDING_CREATE) {
            throw new IllegalStateException("only a PENDING_CREATE link records the task its create made");
        }
        return withSfId(Objects.requireNonNull(madeSfId, "madeSfId"));
    }

    /** This PENDING_CREATE link, claimed by a create attempt beginning {@code at} that sends {@code sent}. */
    public TaskLink pendingAgain(Instant at, TaskFields sent) {
        return new TaskLink(userId, taskId, orgId, sfUserId, sfId, state, sent, sfModstamp, at, deletedAt, deletedBy,
                expiresAt, version, sfDeletedAt);
    }

    /** This link, taken over by {@code identity} (its task was given to the Salesforce user the link's user is now). */
    public TaskLink reattached(SalesforceIdentity identity) {
        return new TaskLink(userId, taskId, identity.orgId(), identity.sfUserId(), sfId, state, base, sfModstamp,
                pendingSince, deletedAt, deletedBy, expiresAt, version, sfDeletedAt);
    }

    public TaskLink withVersion(long newVersion) {
        return new TaskLink(userId, taskId, orgId, sfUserId, sfId, state, base, sfModstamp, pendingSince, deletedAt,
                deletedBy, expiresAt, newVersion, sfDeletedAt);
    }

    public TaskLink withSfId(String newSfId) {
        return new TaskLink(userId, taskId, orgId, sfUserId, newSfId, state, base, sfModstamp, pendingSince, deletedAt,
                deletedBy, expiresAt, version, sfDeletedAt);
    }

    public TaskLink withSfDeletedAt(Instant deletionModstamp) {
        return new TaskLink(userId, taskId, orgId, sfUserId, sfId, state, base, sfModstamp, pendingSince, deletedAt,
                deletedBy, expiresAt, version, deletionModstamp);
    }

    public TaskLink withExpiry(Instant newExpiresAt) {
        return new TaskLink(userId, taskId, orgId, sfUserId, sfId, state, base, sfModstamp, pendingSince, deletedAt,
                deletedBy, newExpiresAt, version, sfDeletedAt);
    }
}
