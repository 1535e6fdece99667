package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.task.ScTask;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the tasks and links a batch of changes will need in a few batch requests up front, instead of one request
 * per read. A prefetched value answers only the first read of its key and is forgotten on any write of that key
 * (through these stores), so a later read goes to the store again. Serving a value read a moment earlier is what a
 * slower invocation would see: every write is conditional on what it read, so a value that went stale meanwhile
 * ends in a {@link WriteConflictException}, as a concurrent write would. Prefetched values belong to the thread
 * that read them (the local runtime may run invocations of one function on several threads); {@link #clear()}
 * drops what a batch did not use.
 */
public final class ReadAhead {

    private record UserKey(UserId userId, TaskId taskId) {
        static UserKey of(String userId, String taskId) {
            return new UserKey(UserId.of(userId), TaskId.of(taskId));
        }
    }

    private record SfKey(OrgId orgId, SalesforceId sfId) {
    }

    private final Tasks tasks;
    private final Links links;
    private final TaskLinkReads both;
    private final ThreadLocal<Ahead> ahead = ThreadLocal.withInitial(Ahead::new);

    private static final class Ahead {
        final Map<UserKey, Optional<ScTask>> tasks = new HashMap<>();
        final Map<UserKey, Optional<TaskLink>> links = new HashMap<>();
        final Map<SfKey, Optional<TaskLink>> linksBySfId = new HashMap<>();
    }

    /** Reads tasks and links one store after the other ({@link TaskLinkReads#separately}). */
    public ReadAhead(TaskStore tasks, LinkStore links) {
        this(tasks, links, TaskLinkReads.separately(tasks, links));
    }

    /** @param both reads a batch's tasks and links together (the same stores' items) */
    public ReadAhead(TaskStore tasks, LinkStore links, TaskLinkReads both) {
        this.tasks = new Tasks(tasks);
        this.links = new Links(links);
        this.both = Objects.requireNonNull(both, "both");
    }

    /** The task store whose reads the prefetched values answer; writes go straight through. */
    public TaskStore tasks() {
        return tasks;
    }

    /** The link store whose reads the prefetched values answer; writes go straight through. */
    public LinkStore links() {
        return links;
    }

    /** Reads the tasks and links of {@code taskIds} of one user (together: one batch read per 50 tasks). */
    public void prefetch(UserId userId, Collection<TaskId> taskIds) {
        if (taskIds.isEmpty()) {
            return;
        }
        TaskLinkReads.Found found = both.read(userId, taskIds, taskIds);
        for (TaskId taskId : taskIds) {
            UserKey key = new UserKey(userId, taskId);
            ahead.get().tasks.put(key, Optional.ofNullable(found.tasks().get(taskId)));
            ahead.get().links.put(key, Optional.ofNullable(found.links().get(taskId)));
        }
    }

    /** Reads the links of {@code sfIds} of one org (two batch reads). */
    public void prefetchBySfId(OrgId orgId, Collection<SalesforceId> sfIds) {
        if (sfIds.isEmpty()) {
            return;
        }
        Map<SalesforceId, TaskLink> found = links.delegate.findAllBySfId(orgId, sfIds);
        for (SalesforceId sfId : sfIds) {
            ahead.get().linksBySfId.put(new SfKey(orgId, sfId), Optional.ofNullable(found.get(sfId)));
        }
    }

    /**
     * For a batch of Salesforce rows routed to one user: the links holding their ids (any user's), and the user's
     * tasks those links name or, for an id no link holds, the task and link an import would write
     * ({@code importTaskIdBySfId}: Salesforce id to the task id its import gets). Three batch reads per 100 rows: the
     * ids' pointers, their links, then the tasks and the import links together.
     */
    public void prefetchRows(OrgId orgId, UserId userId, Map<SalesforceId, TaskId> importTaskIdBySfId) {
        if (importTaskIdBySfId.isEmpty()) {
            return;
        }
        Ahead held = ahead.get();
        Map<SalesforceId, TaskLink> found = links.delegate.findAllBySfId(orgId, importTaskIdBySfId.keySet());
        List<TaskId> userTaskIds = new ArrayList<>();
        List<TaskId> importIds = new ArrayList<>();
        for (Map.Entry<SalesforceId, TaskId> row : importTaskIdBySfId.entrySet()) {
            TaskLink link = found.get(row.getKey());
            held.linksBySfId.put(new SfKey(orgId, row.getKey()), Optional.ofNullable(link));
            if (link == null) {
                importIds.add(row.getValue());
                userTaskIds.add(row.getValue());
            } else {
                held.links.put(UserKey.of(link.userId(), link.taskId()), Optional.of(link));
                if (link.userId().equals(userId.value())) {
                    userTaskIds.add(TaskId.of(link.taskId()));
                }
            }
        }
        TaskLinkReads.Found more = both.read(userId, userTaskIds, importIds);
        for (TaskId taskId : userTaskIds) {
            held.tasks.put(new UserKey(userId, taskId), Optional.ofNullable(more.tasks().get(taskId)));
        }
        for (TaskId taskId : importIds) {
            held.links.put(new UserKey(userId, taskId), Optional.ofNullable(more.links().get(taskId)));
        }
    }

    /**
     * Reads the links holding {@code sfIds} from the store now (a few batch reads), past any prefetched values, and
     * holds what it read for the next read of each id: for a check that must see the latest links, followed by
     * work that reads them again (an echo check, then the change's application).
     */
    public Map<SalesforceId, TaskLink> rereadAllBySfId(OrgId orgId, Collection<SalesforceId> sfIds) {
        if (sfIds.isEmpty()) {
            return Map.of();
        }
        Map<SalesforceId, TaskLink> read = links.delegate.findAllBySfId(orgId, sfIds);
        for (SalesforceId sfId : sfIds) {
            ahead.get().linksBySfId.put(new SfKey(orgId, sfId), Optional.ofNullable(read.get(sfId)));
        }
        return read;
    }

    /** Forgets every prefetched value. */
    public void clear() {
        ahead.remove();
    }

    /** The value held for {@code key}, given out once; else what {@code read} reads from the store now. */
    private static <K, V> Optional<V> served(Map<K, Optional<V>> held, K key, Supplier<Optional<V>> read) {
        Optional<V> value = held.remove(key);
        return value != null ? value : read.get();
    }

    private void forgetTask(String userId, String taskId) {
        ahead.get().tasks.remove(UserKey.of(userId, taskId));
    }

    private void forgetLink(TaskLink link) {
        Ahead held = ahead.get();
        held.links.remove(UserKey.of(link.userId(), link.taskId()));
        if (link.sfId() != null) {
            held.linksBySfId.keySet().removeIf(key -> key.orgId().value().equals(link.orgId())
                    && key.sfId().value().equals(link.sfId()));
        }
        held.linksBySfId.values().removeIf(other -> other.isPresent() && other.get().userId().equals(link.userId())
                && other.get().taskId().equals(link.taskId()));
    }

    private final class Tasks implements TaskStore {
        final TaskStore delegate;

        Tasks(TaskStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<ScTask> get(UserId userId, TaskId taskId) {
            return served(ahead.get().tasks, new UserKey(userId, taskId), () -> delegate.get(userId, taskId));
        }

        @Override
        public Map<TaskId, ScTask> getAll(UserId userId, Collection<TaskId> taskIds) {
            return delegate.getAll(userId, taskIds);
        }

        @Override
        public ScTask save(ScTask task) {
            forgetTask(task.userId(), task.taskId());
            return delegate.save(task);
        }

        @Override
        public void createAll(List<ScTask> created) {
            created.forEach(task -> forgetTask(task.userId(), task.taskId()));
            delegate.createAll(created);
        }

        @Override
        public Page<ScTask> list(UserId userId, String cursor, int limit) {
            return delegate.list(userId, cursor, limit);
        }

        @Override
        public Page<ScTask> browse(UserId userId, String cursor, int limit) {
            return delegate.browse(userId, cursor, limit);
        }

        @Override
        public Page<ScTask> listWithPrefix(UserId userId, String prefix, String afterTaskId, int limit) {
            return delegate.listWithPrefix(userId, prefix, afterTaskId, limit);
        }

        @Override
        public List<ScTask> openDueBetween(UserId userId, LocalDate from, LocalDate to) {
            return delegate.openDueBetween(userId, from, to);
        }
    }

    private final class Links implements LinkStore {
        final LinkStore delegate;

        Links(LinkStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TaskLink> get(UserId userId, TaskId taskId) {
            return served(ahead.get().links, new UserKey(userId, taskId), () -> delegate.get(userId, taskId));
        }

        @Override
        public Map<TaskId, TaskLink> getAll(UserId userId, Collection<TaskId> taskIds) {
            return delegate.getAll(userId, taskIds);
        }

        @Override
        public Optional<TaskLink> findBySfId(OrgId orgId, SalesforceId sfId) {
            return served(ahead.get().linksBySfId, new SfKey(orgId, sfId), () -> delegate.findBySfId(orgId, sfId));
        }

        @Override
        public Map<SalesforceId, TaskLink> findAllBySfId(OrgId orgId, Collection<SalesforceId> sfIds) {
            return delegate.findAllBySfId(orgId, sfIds);
        }

        @Override
        public Optional<SfIdClaim> claimOf(OrgId orgId, SalesforceId sfId) {
            return delegate.claimOf(orgId, sfId);
        }

        @Override
        public void claim(TaskLink link) {
            forgetLink(link);
            delegate.claim(link);
        }

        @Override
        public void claim(TaskLink link, ClaimLease lease) {
            forgetLink(link);
            delegate.claim(link, lease);
        }

        @Override
        public List<TaskLink> saveClaimedAll(List<TaskLink> links) {
            links.forEach(ReadAhead.this::forgetLink);
            return delegate.saveClaimedAll(links);
        }

        @Override
        public TaskLink save(TaskLink link) {
            forgetLink(link);
            return delegate.save(link);
        }

        @Override
        public TaskLink saveClaimed(TaskLink link) {
            forgetLink(link);
            return delegate.saveClaimed(link);
        }

        @Override
        public Map<String, TaskLink> saveAll(List<TaskLink> links) {
            links.forEach(ReadAhead.this::forgetLink);
            return delegate.saveAll(links);
        }

        @Override
        public void releaseSfId(TaskLink link) {
            forgetLink(link);
            delegate.releaseSfId(link);
        }

        @Override
        public void delete(TaskLink pendingCreate) {
            forgetLink(pendingCreate);
            delegate.delete(pendingCreate);
        }

        @Override
        public Page<TaskLink> forUser(UserId userId, String afterTaskId, int limit) {
            return delegate.forUser(userId, afterTaskId, limit);
        }

        @Override
        public List<TaskLink> pendingCreates(UserId userId) {
            return delegate.pendingCreates(userId);
        }

        @Override
        public List<TaskLink> sentCreates(UserId userId) {
            return delegate.sentCreates(userId);
        }

        @Override
        public void markSending(List<TaskLink> pendingCreates) {
            delegate.markSending(pendingCreates);
        }

        @Override
        public boolean mayHaveBeenSent(TaskLink pendingCreate) {
            return delegate.mayHaveBeenSent(pendingCreate);
        }
    }
}
