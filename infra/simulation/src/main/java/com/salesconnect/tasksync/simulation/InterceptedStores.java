package com.salesconnect.tasksync.simulation;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.ChangeEventFlow;
import com.salesconnect.tasksync.store.ConflictLog;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.ClaimLease;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.LinkSummary;
import com.salesconnect.tasksync.store.NotificationLog;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.store.OrgProbe;
import com.salesconnect.tasksync.store.OrgProbeStore;
import com.salesconnect.tasksync.store.OrgUsage;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.PendingPushStore;
import com.salesconnect.tasksync.store.SettingsStore;
import com.salesconnect.tasksync.store.SfIdClaim;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.task.ScTask;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decorators of the store ports: every call is reported to the {@link FaultInjector} (which may kill the invocation,
 * fail the call, or run a concurrent invocation before a write), and every write is counted (the "quiet" invariant).
 * They add no behaviour of their own: the in-memory stores of the core's tests keep the ports' contracts.
 */
final class InterceptedStores {

    /** Counts writes that change sync state (tasks, links, settings, connections, pending pushes). */
    static final class Writes {
        private long count;
        private long lists;
        /** When a task's LINKED link first held a Salesforce id, by "userId taskId sfId" (ground truth). */
        final Map<String, Instant> firstLinked = new HashMap<>();
        /**
         * When create attempts of a Sales Connect task ("userId taskId") were marked as being sent (ground truth: past
         * that mark the sync cannot tell whether the call went out).
         */
        final Map<String, List<Instant>> sendingMarked = new HashMap<>();
        Supplier<Instant> clock = () -> Instant.EPOCH;

        long count() {
            return count;
        }

        /** Writes of tasks and settings: what the Command Center list depends on. */
        long listWrites() {
            return lists;
        }

        void add() {
            count++;
        }

        void addList() {
            lists++;
        }
    }

    private final FaultInjector faults;
    private final Writes writes;

    InterceptedStores(FaultInjector faults, Writes writes) {
        this.faults = faults;
        this.writes = writes;
    }

    private <T> T read(String what, Supplier<T> call) {
        faults.beforeStoreCall(what, false);
        return call.get();
    }

    private <T> T write(String what, boolean counted, Supplier<T> call) {
        faults.beforeStoreCall(what, true);
        T out = call.get();
        if (counted) {
            writes.add();
        }
        faults.afterStoreWrite(what);
        return out;
    }

    private void write(String what, boolean counted, Runnable call) {
        write(what, counted, () -> {
            call.run();
            return null;
        });
    }

    TaskStore tasks(TaskStore d) {
        return new TaskStore() {
            public Optional<ScTask> get(UserId userId, TaskId taskId) {
                return read("tasks.get", () -> d.get(userId, taskId));
            }

            public ScTask save(ScTask task) {
                writes.addList();
                return write("tasks.save", true, () -> d.save(task));
            }

            public void createAll(List<ScTask> created) {
                writes.addList();
                write("tasks.createAll", true, () -> d.createAll(created));
            }

            public Page<ScTask> list(UserId userId, String cursor, int limit) {
                return read("tasks.list", () -> d.list(userId, cursor, limit));
            }

            public Page<ScTask> listWithPrefix(UserId userId, String prefix, String afterTaskId, int limit) {
                return read("tasks.listWithPrefix", () -> d.listWithPrefix(userId, prefix, afterTaskId, limit));
            }

            public List<ScTask> openDueBetween(UserId userId, LocalDate from, LocalDate to) {
                return read("tasks.openDueBetween", () -> d.openDueBetween(userId, from, to));
            }
        };
    }

    LinkStore links(LinkStore d) {
        return new LinkStore() {
            public Optional<TaskLink> get(UserId userId, TaskId taskId) {
                return read("links.get", () -> d.get(userId, taskId));
            }

            public Map<TaskId, TaskLink> getAll(UserId userId, Collection<TaskId> taskIds) {
                return read("links.getAll", () -> d.getAll(userId, taskIds));
            }

            public Map<TaskId, LinkSummary> summaries(UserId userId, Collection<TaskId> taskIds) {
                return read("links.summaries", () -> d.summaries(userId, taskIds));
            }

            public Optional<TaskLink> findBySfId(OrgId orgId, SalesforceId sfId) {
                return read("links.findBySfId", () -> d.findBySfId(orgId, sfId));
            }

            public Optional<SfIdClaim> claimOf(OrgId orgId, SalesforceId sfId) {
                return read("links.claimOf", () -> d.claimOf(orgId, sfId));
            }

            public void claim(TaskLink link) {
                write("links.claim", true, () -> d.claim(link));
            }

            public void claim(TaskLink link, ClaimLease lease) {
                write("links.claim", true, () -> d.claim(link, lease));
            }

            public List<TaskLink> saveClaimedAll(List<TaskLink> batch) {
                return write("links.saveClaimedAll", true, () -> {
                    List<TaskLink> saved = d.saveClaimedAll(batch);
                    saved.forEach(this::linked);
                    return saved;
                });
            }

            public TaskLink save(TaskLink link) {
                return write("links.save", true, () -> linked(d.save(link)));
            }

            public TaskLink saveClaimed(TaskLink link) {
                return write("links.saveClaimed", true, () -> linked(d.saveClaimed(link)));
            }

            private TaskLink linked(TaskLink saved) {
                if (saved.state() == LinkState.LINKED && saved.sfId() != null) {
                    writes.firstLinked.putIfAbsent(saved.userId() + " " + saved.taskId() + " "
                            + Ids.to18(saved.sfId()), writes.clock.get());
                }
                return saved;
            }

            public void releaseSfId(TaskLink link) {
                write("links.releaseSfId", true, () -> d.releaseSfId(link));
            }

            public void delete(TaskLink pendingCreate) {
                write("links.delete", true, () -> d.delete(pendingCreate));
            }

            public Page<TaskLink> forUser(UserId userId, String afterTaskId, int limit) {
                return read("links.forUser", () -> d.forUser(userId, afterTaskId, limit));
            }

            public List<TaskLink> pendingCreates(UserId userId) {
                return read("links.pendingCreates", () -> d.pendingCreates(userId));
            }

            public List<TaskLink> sentCreates(UserId userId) {
                return read("links.sentCreates", () -> d.sentCreates(userId));
            }

            public void markSending(List<TaskLink> pendingCreates) {
                write("links.markSending", false, () -> {
                    d.markSending(pendingCreates);
                    pendingCreates.forEach(l -> writes.sendingMarked.computeIfAbsent(l.userId() + " " + l.taskId(),
                            k -> new ArrayList<>()).add(writes.clock.get()));
                    return null;
                });
            }

            public boolean mayHaveBeenSent(TaskLink pendingCreate) {
                return read("links.mayHaveBeenSent", () -> d.mayHaveBeenSent(pendingCreate));
            }
        };
    }

    SettingsStore settings(SettingsStore d) {
        return new SettingsStore() {
            public Optional<SyncSettings> get(UserId userId) {
                return read("settings.get", () -> d.get(userId));
            }

            public SyncSettings save(SyncSettings s) {
                writes.addList();
                return write("settings.save", true, () -> d.save(s));
            }

            public Page<String> enabledUsers(String cursor, int limit) {
                return read("settings.enabledUsers", () -> d.enabledUsers(cursor, limit));
            }
        };
    }

    ConnectionStore connections(ConnectionStore d) {
        return new ConnectionStore() {
            public Optional<SalesforceConnection> get(UserId userId) {
                return read("connections.get", () -> d.get(userId));
            }

            public SalesforceConnection save(SalesforceConnection c) {
                return write("connections.save", true, () -> d.save(c));
            }

            /**
             * As DynamoDbConnectionStore: routing is trusted only when the user's connection confirms it (the core's
             * FakeConnectionStore keeps the routing of a previous identity).
             */
            public Optional<String> userForOwner(OrgId orgId, SalesforceId sfUserId) {
                return read("connections.userForOwner", () -> d.userForOwner(orgId, sfUserId)
                        .filter(user -> d.get(UserId.of(user)).filter(c -> c.orgId().equals(orgId.value())
                                && c.sfUserId().equals(sfUserId.value())).isPresent()));
            }

            public List<String> usersInOrg(OrgId orgId, int limit) {
                return read("connections.usersInOrg", () -> d.usersInOrg(orgId, limit));
            }
        };
    }

    PendingPushStore pendingPushes(PendingPushStore d) {
        return new PendingPushStore() {
            public PendingPush put(PendingPush push) {
                return write("pendingPushes.put", true, () -> d.put(push));
            }

            public Optional<PendingPush> putIfAbsent(PendingPush push) {
                Optional<PendingPush> out = write("pendingPushes.putIfAbsent", false, () -> d.putIfAbsent(push));
                out.ifPresent(p -> writes.add());
                return out;
            }

            public List<PendingPush> forUser(UserId userId) {
                return read("pendingPushes.forUser", () -> d.forUser(userId));
            }

            public boolean remove(PendingPush push) {
                boolean removed = write("pendingPushes.remove", false, () -> d.remove(push));
                if (removed) {
                    writes.add();
                }
                return removed;
            }
        };
    }

    NotificationLog notifications(NotificationLog d) {
        return new NotificationLog() {
            public boolean seen(OrgId orgId, String notificationId) {
                return read("notifications.seen", () -> d.seen(orgId, notificationId));
            }

            public void record(OrgId orgId, String notificationId, Instant expiresAt) {
                write("notifications.record", false, () -> d.record(orgId, notificationId, expiresAt));
            }
        };
    }

    OrgLimitStore orgLimits(OrgLimitStore d) {
        return new OrgLimitStore() {
            public Optional<Instant> blockedUntil(OrgId orgId) {
                return read("orgLimits.blockedUntil", () -> d.blockedUntil(orgId));
            }

            public void blockUntil(OrgId orgId, Instant until) {
                write("orgLimits.blockUntil", false, () -> d.blockUntil(orgId, until));
            }

            public void addCalls(OrgId orgId, Instant at, long calls, long orgUsed, long orgLimit) {
                write("orgLimits.addCalls", false, () -> d.addCalls(orgId, at, calls, orgUsed, orgLimit));
            }

            public OrgUsage usage(OrgId orgId, Instant now) {
                return read("orgLimits.usage", () -> d.usage(orgId, now));
            }

            public void changeEventSeen(OrgId orgId, Instant at) {
                write("orgLimits.changeEventSeen", false, () -> d.changeEventSeen(orgId, at));
            }

            public void changeEventGap(OrgId orgId, Instant at) {
                write("orgLimits.changeEventGap", false, () -> d.changeEventGap(orgId, at));
            }

            public ChangeEventFlow changeEvents(OrgId orgId) {
                return read("orgLimits.changeEvents", () -> d.changeEvents(orgId));
            }
        };
    }

    OrgProbeStore orgProbes(OrgProbeStore d) {
        return new OrgProbeStore() {
            public void nominate(OrgId orgId, UserId userId) {
                write("orgProbes.nominate", false, () -> d.nominate(orgId, userId));
            }

            public void retire(OrgId orgId, UserId userId) {
                write("orgProbes.retire", false, () -> d.retire(orgId, userId));
            }

            public Page<Prober> probers(String cursor, int limit) {
                return read("orgProbes.probers", () -> d.probers(cursor, limit));
            }

            public Optional<OrgProbe> latest(OrgId orgId) {
                return read("orgProbes.latest", () -> d.latest(orgId));
            }

            public Optional<Instant> nominatedAt(OrgId orgId) {
                return read("orgProbes.nominatedAt", () -> d.nominatedAt(orgId));
            }

            public void save(OrgProbe probe) {
                write("orgProbes.save", false, () -> d.save(probe));
            }

            public Optional<Instant> accessCheckedAt(OrgId orgId, UserId userId) {
                return read("orgProbes.accessCheckedAt", () -> d.accessCheckedAt(orgId, userId));
            }

            public void accessChecked(OrgId orgId, UserId userId, Instant at) {
                write("orgProbes.accessChecked", false, () -> d.accessChecked(orgId, userId, at));
            }
        };
    }

    ConflictLog conflicts(ConflictLog d) {
        return new ConflictLog() {
            public void record(Conflict conflict) {
                write("conflicts.record", false, () -> d.record(conflict));
            }

            public List<Conflict> forUser(UserId userId, int limit) {
                return read("conflicts.forUser", () -> d.forUser(userId, limit));
            }
        };
    }
}
