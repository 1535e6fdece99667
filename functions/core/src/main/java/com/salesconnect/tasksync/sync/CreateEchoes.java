package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.rules.Tombstones;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Salesforce tasks that are the answers to the user's own creates, for {@link SalesforceChangeApplier}: a create's
 * outbound message (or a sweep's row) can arrive before the create's link is written, and a create can die after
 * recording the task it made. Such a task takes over the create's link instead of being imported as a copy.
 */
final class CreateEchoes {

    private static final Logger LOG = LoggerFactory.getLogger(CreateEchoes.class);

    private final TaskStore tasks;
    private final LinkStore links;
    private final BiConsumer<SyncUser, TaskLink> pushBack;
    private final Clock clock;

    /** @param pushBack pushes a pair's Sales Connect values (edits or the deletion made since the create) */
    CreateEchoes(TaskStore tasks, LinkStore links, BiConsumer<SyncUser, TaskLink> pushBack, Clock clock) {
        this.tasks = tasks;
        this.links = links;
        this.pushBack = pushBack;
        this.clock = clock;
    }

    /**
     * The task a create of this user made and recorded ({@link TaskLink#recording}) before its invocation died, the
     * copy that held the id gone: linked now, to the values the create sent, so the version in hand merges with Sales
     * Connect's (a person changed the new task in Salesforce; that is why its copy was made).
     */
    Optional<TaskLink> recordedCreate(SyncUser user, SfTask row, SyncUsers users) {
        for (TaskLink p : users.pendingCreates(user.userId(), this::pendingCreates)) {
            if (user.owns(p) && p.sfId() != null && SalesforceIds.same(p.sfId(), row.id())) {
                TaskLink linked;
                try {
                    linked = links.save(p.relinked(SalesforceIds.to18(row.id()), p.base(), null));
                } catch (WriteConflictException e) {
                    users.forgetPendingCreates(user.userId());
                    throw e;
                }
                users.pendingCreateSettled(user.userId(), p.taskId());
                LOG.info("linked the recorded task of an interrupted create: userId={} taskId={}", user.userId(),
                        p.taskId());
                return Optional.of(linked);
            }
        }
        return Optional.empty();
    }

    /**
     * The outbound message of our own create can arrive before the create's link is written: an unknown id whose fields
     * equal a PENDING_CREATE task's, created by the connected user, adopts that link instead of importing a copy. Only
     * creates that may have been sent are looked at ({@link LinkStore#sentCreates}): a task like one never sent is a
     * person's.
     */
    boolean adoptPendingCreate(SyncUser user, SfTask row, SyncUsers users) {
        List<TaskLink> pending = users.pendingCreates(user.userId(), this::pendingCreates);
        if (pending.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        TaskFields incoming = TaskMapper.fromSalesforce(row, user::statuses);
        for (TaskLink p : pending) {
            if (!user.owns(p) || p.sfId() != null) {
                continue; // one that recorded its task is that task's (recordedCreate), no other's echo
            }
            if (!SalesforceIds.same(row.createdById(), user.sfUserId())) {
                // Created by someone else (another user, a flow's user), or a message without CreatedById: not ours.
                // A copy is imported; should it be the create's after all, the create's outcome drops that copy.
                continue;
            }
            if (row.createdDate() != null && p.pendingSince() != null
                    && !InterruptedCreates.withinAttempt(row.createdDate(), p.pendingSince())) {
                continue; // made before the attempt began, or after it could have made anything: a person's
            }
            Optional<ScTask> stored = tasks.get(user.id(), p.task());
            Optional<ScTask> task = stored.filter(t -> Tombstones.live(t, now));
            // Deleted by the user before the create's outcome was known: the echo is that create's, and the deletion
            // goes to Salesforce once the link holds it (rather than the echo living on as a copy).
            Optional<ScTask> deleted = stored.filter(t -> Tombstones.blocks(t, now)
                    && t.changeOrigin() == Origin.SALES_CONNECT);
            // The values the create sent (Sales Connect may have changed the task since).
            TaskFields sent = p.base() != null ? p.base()
                    : task.or(() -> deleted).map(t -> Deletions.normalizedOrAsIs(t.fields())).orElse(null);
            if (task.or(() -> deleted).isPresent() && incoming.equals(sent)) {
                TaskLink linked;
                try {
                    linked = links.save(p.relinked(SalesforceIds.to18(row.id()), incoming, row.systemModstamp()));
                } catch (WriteConflictException e) {
                    users.forgetPendingCreates(user.userId());
                    throw e;
                }
                users.pendingCreateSettled(user.userId(), p.taskId());
                // A deleted task's deletion goes to Salesforce; a live one's edits made since the create go too.
                if (task.isEmpty() || !Deletions.normalizedOrAsIs(task.get().fields()).equals(incoming)) {
                    pushBack.accept(user, linked);
                }
                return true;
            }
        }
        return false;
    }

    /**
     * The user's PENDING_CREATE links a Salesforce task may be the echo of (their create may have been sent), as
     * {@link SyncUsers#pendingCreates} reads them.
     */
    List<TaskLink> pendingCreates(String userId) {
        return links.sentCreates(UserId.of(userId));
    }
}
