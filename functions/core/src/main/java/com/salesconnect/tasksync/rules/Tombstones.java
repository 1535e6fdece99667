package com.salesconnect.tasksync.rules;

import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Every deletion, on either side, leaves tombstones (the task and its link) for 15 days, Salesforce's recycle-bin
 * window: while one lives nothing re-creates the task (late outbound message, sweep, retried push). An expired
 * tombstone (expiresAt &lt;= now) counts as absent, since DynamoDB removes TTL items lazily.
 */
public final class Tombstones {

    public static final Duration TTL = Duration.ofDays(15);

    private Tombstones() {
    }

    public static Instant expiresAt(Instant deletedAt) {
        return deletedAt.plus(TTL);
    }

    /** The tombstone of a Sales Connect task deleted by {@code origin} at {@code now}. */
    public static ScTask of(ScTask task, Origin origin, Instant now) {
        return task.tombstone(origin, now, expiresAt(now));
    }

    /** The DELETED link of a pair deleted by {@code origin}; keeps the sfId so late messages are recognised. */
    public static TaskLink of(TaskLink link, Origin origin, Instant now) {
        return of(link, origin, now, null);
    }

    /** @param sfDeletedAt the deleted record's SystemModstamp, when the deletion was read from Salesforce */
    public static TaskLink of(TaskLink link, Origin origin, Instant now, Instant sfDeletedAt) {
        return new TaskLink(link.userId(), link.taskId(), link.orgId(), link.sfUserId(), link.sfId(),
                LinkState.DELETED, link.base(), link.sfModstamp(), null, now, origin, expiresAt(now), link.version(),
                sfDeletedAt);
    }

    /**
     * True when a Salesforce version with {@code systemModstamp} was made after the deletion the link tombstone
     * recorded, so it is an undelete (or the task came back to this owner), not a late message about the deleted
     * task. The deletion's own SystemModstamp decides when it was read from Salesforce; otherwise the time the sync
     * saw (or made) the deletion, when Salesforce had made it already. SystemModstamp has whole seconds, so only a
     * later second is newer (an undelete within the deletion's own second cannot be told from a late message).
     */
    public static boolean madeAfterDeletion(TaskLink tombstone, Instant systemModstamp) {
        Instant deletion = tombstone.sfDeletedAt() != null ? tombstone.sfDeletedAt() : tombstone.deletedAt();
        if (deletion == null || systemModstamp == null) {
            return false;
        }
        return systemModstamp.isAfter(deletion.truncatedTo(ChronoUnit.SECONDS));
    }

    /** True while a tombstone blocks re-creation. */
    public static boolean blocks(TaskLink link, Instant now) {
        return link.state() == LinkState.DELETED && !link.expiredAt(now);
    }

    public static boolean blocks(ScTask task, Instant now) {
        return task.deleted() && !task.expiredAt(now);
    }

    /** A live task: neither a tombstone nor gone. Expired tombstones are absent, hence not live either. */
    public static boolean live(ScTask task, Instant now) {
        return task != null && !task.deleted() && !task.expiredAt(now);
    }
}
