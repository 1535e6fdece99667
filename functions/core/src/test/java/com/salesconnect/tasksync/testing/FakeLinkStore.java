package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.store.ClaimLease;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.SfIdClaim;
import com.salesconnect.tasksync.store.WriteConflictException;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * In-memory {@link LinkStore}: links keyed by (user, task) and (org, sfId) pointers written before the link, the
 * way the DynamoDB adapter does it (a pointer carries the tombstone's expiry; an unexpired pointer to another task
 * makes a save fail).
 */
public final class FakeLinkStore implements LinkStore {

    private record Key(String a, String b) {
    }

    private record Pointer(String userId, String taskId, Instant expiresAt, ClaimLease lease, String sfUserId) {
        /** The pointer a save writes for {@code link}: no lease. */
        Pointer(TaskLink link) {
            this(link.userId(), link.taskId(), link.expiresAt(), null, link.sfUserId());
        }

        boolean expiredAt(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }
    }

    private final Clock clock;
    private final Map<Key, TaskLink> links = new LinkedHashMap<>();
    private final Map<Key, Pointer> pointers = new LinkedHashMap<>();
    /** Create attempts whose sending is tracked (saved PENDING_CREATE), and those marked as being sent. */
    private final Set<String> tracked = new HashSet<>();
    private final Set<String> sending = new HashSet<>();
    public final Faults faults = new Faults();

    public FakeLinkStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<TaskLink> get(UserId userId, TaskId taskId) {
        faults.check("get");
        return Optional.ofNullable(links.get(new Key(userId.value(), taskId.value())))
                .filter(l -> !l.expiredAt(clock.instant()));
    }

    @Override
    public synchronized Map<TaskId, TaskLink> getAll(UserId userId, Collection<TaskId> taskIds) {
        faults.check("getAll");
        Map<TaskId, TaskLink> out = new LinkedHashMap<>();
        for (TaskId taskId : taskIds) {
            TaskLink link = links.get(new Key(userId.value(), taskId.value()));
            if (link != null && !link.expiredAt(clock.instant())) {
                out.put(taskId, link);
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<TaskLink> findBySfId(OrgId org, SalesforceId sf) {
        String orgId = org.value();
        String sfId = sf.value();
        faults.check("findBySfId");
        Instant now = clock.instant();
        return pointer(orgId, sfId).map(p -> links.get(new Key(p.userId(), p.taskId())))
                .filter(l -> !l.expiredAt(now) && sfId.equals(l.sfId()));
    }

    private Optional<Pointer> pointer(String orgId, String sfId) {
        return Optional.ofNullable(pointers.get(new Key(orgId, sfId))).filter(p -> !p.expiredAt(clock.instant()));
    }

    @Override
    public synchronized Optional<SfIdClaim> claimOf(OrgId orgId, SalesforceId sfId) {
        faults.check("claimOf");
        return pointer(orgId.value(), sfId.value()).map(p -> new SfIdClaim(p.userId(), p.taskId(), p.lease(), p.sfUserId()));
    }

    @Override
    public synchronized void claim(TaskLink link) {
        claim(link, null);
    }

    @Override
    public synchronized void claim(TaskLink link, ClaimLease lease) {
        faults.check("claim");
        if (link.sfId() == null) {
            throw new IllegalArgumentException("only a link with an sfId claims one");
        }
        Instant now = clock.instant();
        Key pk = new Key(link.orgId(), link.sfId());
        Pointer p = pointers.get(pk);
        if (p != null && !p.expiredAt(now)
                && !(p.userId().equals(link.userId()) && p.taskId().equals(link.taskId()))) {
            throw new WriteConflictException("sfId " + link.sfId() + " belongs to another task");
        }
        if (p != null && !p.expiredAt(now) && p.lease() != null
                && p.lease().keepsAway(lease == null ? null : lease.claimant(), now)) {
            throw new WriteConflictException("sfId " + link.sfId() + " is being imported by another invocation");
        }
        pointers.put(pk, new Pointer(link.userId(), link.taskId(), link.expiresAt(), lease, link.sfUserId()));
    }

    /** Unconditional puts of the links alone, as the DynamoDB adapter's BatchWriteItem. */
    @Override
    public synchronized List<TaskLink> saveClaimedAll(List<TaskLink> batch) {
        faults.check("saveClaimedAll");
        for (TaskLink link : batch) {
            if (link.sfId() == null || link.state() == LinkState.PENDING_CREATE || link.version() != 0) {
                throw new IllegalArgumentException("only a fresh import's link is saved in a batch");
            }
        }
        List<TaskLink> stored = new java.util.ArrayList<>(batch.size());
        for (TaskLink link : batch) {
            TaskLink next = withVersion(link, 1);
            links.put(new Key(link.userId(), link.taskId()), next);
            stored.add(next);
        }
        return stored;
    }

    @Override
    public synchronized TaskLink save(TaskLink link) {
        faults.check("save");
        Instant now = clock.instant();
        if (link.sfId() != null && link.state() != LinkState.PENDING_CREATE) {
            Key pk = new Key(link.orgId(), link.sfId());
            Pointer p = pointers.get(pk);
            boolean other = p != null && !p.expiredAt(now)
                    && !(p.userId().equals(link.userId()) && p.taskId().equals(link.taskId()));
            if (other) {
                throw new WriteConflictException("sfId " + link.sfId() + " belongs to another task");
            }
            pointers.put(pk, new Pointer(link));
            faults.check("save:afterPointer");
        }
        return writeLink(link, now);
    }

    /** The link alone, as the DynamoDB adapter writes it: the pointer is whatever the claim left. */
    @Override
    public synchronized TaskLink saveClaimed(TaskLink link) {
        faults.check("saveClaimed");
        if (link.sfId() == null || link.state() == LinkState.PENDING_CREATE) {
            throw new IllegalArgumentException("only a claimed link with an sfId is saved without its pointer");
        }
        return writeLink(link, clock.instant());
    }

    private TaskLink writeLink(TaskLink link, Instant now) {
        Key key = new Key(link.userId(), link.taskId());
        TaskLink stored = links.get(key);
        boolean present = stored != null && !stored.expiredAt(now);
        if (link.version() == 0 ? present : !present || stored.version() != link.version()) {
            throw new WriteConflictException("link " + link.taskId());
        }
        TaskLink next = withVersion(link, link.version() + 1);
        links.put(key, next);
        if (next.state() == LinkState.PENDING_CREATE && next.pendingSince() != null) {
            tracked.add(attempt(next));
        }
        return next;
    }

    @Override
    public synchronized void releaseSfId(TaskLink link) {
        faults.check("releaseSfId");
        if (link.sfId() == null) {
            return;
        }
        Key pk = new Key(link.orgId(), link.sfId());
        Pointer p = pointers.get(pk);
        if (p != null && p.userId().equals(link.userId()) && p.taskId().equals(link.taskId())) {
            pointers.remove(pk);
        }
    }

    @Override
    public synchronized void delete(TaskLink pendingCreate) {
        faults.check("delete");
        if (pendingCreate.state() != LinkState.PENDING_CREATE) {
            throw new IllegalArgumentException("only a PENDING_CREATE link is deleted");
        }
        Key key = new Key(pendingCreate.userId(), pendingCreate.taskId());
        TaskLink stored = links.get(key);
        if (stored != null && stored.state() == LinkState.PENDING_CREATE
                && stored.version() == pendingCreate.version()) {
            links.remove(key);
        }
    }

    @Override
    public synchronized Page<TaskLink> forUser(UserId user, String afterTaskId, int limit) {
        String userId = user.value();
        faults.check("forUser");
        Instant now = clock.instant();
        List<TaskLink> mine = links.values().stream()
                .filter(l -> l.userId().equals(userId) && !l.expiredAt(now))
                .filter(l -> afterTaskId == null || l.taskId().compareTo(afterTaskId) > 0)
                .sorted(Comparator.comparing(TaskLink::taskId))
                .toList();
        List<TaskLink> page = mine.subList(0, Math.min(limit, mine.size()));
        return new Page<>(page, mine.size() > limit ? page.get(page.size() - 1).taskId() : null);
    }

    @Override
    public synchronized List<TaskLink> pendingCreates(UserId user) {
        String userId = user.value();
        faults.check("pendingCreates");
        Instant now = clock.instant();
        return links.values().stream()
                .filter(l -> l.userId().equals(userId) && l.state() == LinkState.PENDING_CREATE && !l.expiredAt(now))
                .toList();
    }

    @Override
    public synchronized List<TaskLink> sentCreates(UserId user) {
        faults.check("sentCreates");
        Instant now = clock.instant();
        return links.values().stream()
                .filter(l -> l.userId().equals(user.value()) && l.state() == LinkState.PENDING_CREATE
                        && !l.expiredAt(now) && sentOrUntracked(l))
                .toList();
    }

    @Override
    public synchronized void markSending(List<TaskLink> pendingCreates) {
        faults.check("markSending");
        pendingCreates.forEach(l -> sending.add(attempt(l)));
    }

    @Override
    public synchronized boolean mayHaveBeenSent(TaskLink pendingCreate) {
        faults.check("mayHaveBeenSent");
        return sentOrUntracked(pendingCreate);
    }

    private boolean sentOrUntracked(TaskLink pendingCreate) {
        return !tracked.contains(attempt(pendingCreate)) || sending.contains(attempt(pendingCreate));
    }

    private static String attempt(TaskLink link) {
        return link.userId() + '\u0000' + link.taskId() + '\u0000' + link.pendingSince();
    }

    /** When each claim's live lease ends (for a simulation that waits them out, as it waits out back-offs). */
    public synchronized List<Instant> leaseEnds() {
        Instant now = clock.instant();
        return pointers.values().stream().filter(p -> !p.expiredAt(now) && p.lease() != null)
                .map(p -> p.lease().until()).filter(until -> until.isAfter(now)).toList();
    }

    /** Every link as stored, expired tombstones included. */
    public synchronized List<TaskLink> all() {
        return List.copyOf(links.values());
    }

    /** Stores a link as given, with its pointer, bypassing every check. */
    public synchronized void seed(TaskLink link) {
        links.put(new Key(link.userId(), link.taskId()), link);
        if (link.sfId() != null) {
            pointers.put(new Key(link.orgId(), link.sfId()), new Pointer(link));
        }
    }

    private static TaskLink withVersion(TaskLink l, long version) {
        return l.withVersion(version);
    }
}
