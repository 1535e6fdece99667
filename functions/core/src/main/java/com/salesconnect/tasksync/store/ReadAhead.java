package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.task.ScTask;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private record UserKey(String userId, String taskId) {
    }

    private record SfKey(String orgId, String sfId) {
    }

    private final Tasks tasks;
    private final Links links;
    private final ThreadLocal<Ahead> ahead = ThreadLocal.withInitial(Ahead::new);

    private static final class Ahead {
        final Map<UserKey, Optional<ScTask>> tasks = new HashMap<>();
        final Map<UserKey, Optional<TaskLink>> links = new HashMap<>();
        final Map<SfKey, Optional<TaskLink>> linksBySfId = new HashMap<>();
    }

    public ReadAhead(TaskStore tasks, LinkStore links) {
        this.tasks = new Tasks(tasks);
        this.links = new Links(links);
    }

    /** The task store whose reads the prefetched values answer; writes go straight through. */
    public TaskStore tasks() {
        return tasks;
    }

    /** The link store whose reads the prefetched values answer; writes go straight through. */
    public LinkStore links() {
        return links;
    }

    /** Reads the tasks and links of {@code taskIds} of one user (two batch reads). */
    public void prefetch(String userId, Collection<String> taskIds) {
        if (taskIds.isEmpty()) {
            return;
        }
        Map<String, ScTask> foundTasks = tasks.delegate.getAll(userId, taskIds);
        Map<String, TaskLink> foundLinks = links.delegate.getAll(userId, taskIds);
        for (String taskId : taskIds) {
            UserKey key = new UserKey(userId, taskId);
            ahead.get().tasks.put(key, Optional.ofNullable(foundTasks.get(taskId)));
            ahead.get().links.put(key, Optional.ofNullable(foundLinks.get(taskId)));
        }
    }

    /** Reads the links of {@code sfIds} (18-char ids) of one org (two batch reads). */
    public void prefetchBySfId(String orgId, Collection<String> sfIds) {
        if (sfIds.isEmpty()) {
            return;
        }
        Map<String, TaskLink> found = links.delegate.findAllBySfId(orgId, sfIds);
        for (String sfId : sfIds) {
            ahead.get().linksBySfId.put(new SfKey(orgId, sfId), Optional.ofNullable(found.get(sfId)));
        }
    }

    /**
     * For a batch of Salesforce rows routed to one user: the links holding their ids (any user's), and the user's
     * tasks those links name or, for an id no link holds, the task and link an import would write
     * ({@code importTaskIdBySfId}: 18-char id to the task id its import gets). Four batch reads per 100 rows.
     */
    public void prefetchRows(String orgId, String userId, Map<String, String> importTaskIdBySfId) {
        if (importTaskIdBySfId.isEmpty()) {
            return;
        }
        Ahead held = ahead.get();
        Map<String, TaskLink> found = links.delegate.findAllBySfId(orgId, importTaskIdBySfId.keySet());
        List<String> userTaskIds = new ArrayList<>();
        List<String> importIds = new ArrayList<>();
        for (Map.Entry<String, String> row : importTaskIdBySfId.entrySet()) {
            TaskLink link = found.get(row.getKey());
            held.linksBySfId.put(new SfKey(orgId, row.getKey()), Optional.ofNullable(link));
            if (link == null) {
                importIds.add(row.getValue());
                userTaskIds.add(row.getValue());
            } else {
                held.links.put(new UserKey(link.userId(), link.taskId()), Optional.of(link));
                if (link.userId().equals(userId)) {
                    userTaskIds.add(link.taskId());
                }
            }
        }
        Map<String, ScTask> foundTasks = tasks.delegate.getAll(userId, userTaskIds);
        for (String taskId : userTaskIds) {
            held.tasks.put(new UserKey(userId, taskId), Optional.ofNullable(foundTasks.get(taskId)));
        }
        Map<String, TaskLink> importLinks = links.delegate.getAll(userId, importIds);
        for (String taskId : importIds) {
            held.links.put(new UserKey(userId, taskId), Optional.ofNullable(importLinks.get(taskId)));
        }
    }

    /**
     * Reads the link holding {@code sfId} (18-char id) from the store now, past any prefetched value, and holds what
     * it read for the next read of that id: for a check that must see the latest link, followed by work that reads
     * it again (an echo check, then the change's application).
     */
    public Optional<TaskLink> rereadBySfId(String orgId, String sfId) {
        Optional<TaskLink> read = links.delegate.findBySfId(orgId, sfId);
        ahead.get().linksBySfId.put(new SfKey(orgId, sfId), read);
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
        ahead.get().tasks.remove(new UserKey(userId, taskId));
    }

    private void forgetLink(TaskLink link) {
        Ahead held = ahead.get();
        held.links.remove(new UserKey(link.userId(), link.taskId()));
        if (link.sfId() != null) {
            held.linksBySfId.remove(new SfKey(link.orgId(), link.sfId()));
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
        public Optional<ScTask> get(String userId, String taskId) {
            return served(ahead.get().tasks, new UserKey(userId, taskId), () -> delegate.get(userId, taskId));
        }

        @Override
        public Map<String, ScTask> getAll(String userId, Collection<String> taskIds) {
            return delegate.getAll(userId, taskIds);
        }

        @Override
        public ScTask save(ScTask task) {
            forgetTask(task.userId(), task.taskId());
            return delegate.save(task);
        }

        @Override
        public Page<ScTask> list(String userId, String cursor, int limit) {
            return delegate.list(userId, cursor, limit);
        }

        @Override
        public Page<ScTask> listWithPrefix(String userId, String prefix, String afterTaskId, int limit) {
            return delegate.listWithPrefix(userId, prefix, afterTaskId, limit);
        }

        @Override
        public List<ScTask> openDueBetween(String userId, LocalDate from, LocalDate to) {
            return delegate.openDueBetween(userId, from, to);
        }
    }

    private final class Links implements LinkStore {
        final LinkStore delegate;

        Links(LinkStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TaskLink> get(String userId, String taskId) {
            return served(ahead.get().links, new UserKey(userId, taskId), () -> delegate.get(userId, taskId));
        }

        @Override
        public Map<String, TaskLink> getAll(String userId, Collection<String> taskIds) {
            return delegate.getAll(userId, taskIds);
        }

        @Override
        public Optional<TaskLink> findBySfId(String orgId, String sfId) {
            return served(ahead.get().linksBySfId, new SfKey(orgId, sfId), () -> delegate.findBySfId(orgId, sfId));
        }

        @Override
        public Map<String, TaskLink> findAllBySfId(String orgId, Collection<String> sfIds) {
            return delegate.findAllBySfId(orgId, sfIds);
        }

        @Override
        public Optional<SfIdClaim> claimOf(String orgId, String sfId) {
            return delegate.claimOf(orgId, sfId);
        }

        @Override
        public void claim(TaskLink link) {
            forgetLink(link);
            delegate.claim(link);
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
        public Page<TaskLink> forUser(String userId, String afterTaskId, int limit) {
            return delegate.forUser(userId, afterTaskId, limit);
        }

        @Override
        public List<TaskLink> pendingCreates(String userId) {
            return delegate.pendingCreates(userId);
        }
    }
}
