package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.store.ClaimLease;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.LinkSummary;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.SfIdClaim;
import com.salesconnect.tasksync.store.WriteConflictException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Task links ({@code USER#{u}/LINK#{taskId}}), their Salesforce-id pointers ({@code ORG#{o}#SF#{sfId}/SF#{sfId}}) and the
 * markers of links in PENDING_CREATE ({@link PendingMarkers}: four set items per user).
 *
 * <p>A save writes the pointer first (claiming the sfId for this task), then the versioned link. A crash
 * between the two leaves a pointer the link does not confirm yet: {@link #findBySfId} follows a pointer only
 * when the link it names carries that sfId, and saving again completes the change. A PENDING_CREATE link gets its
 * marker before the link is written; the save that ends the PENDING_CREATE state removes it afterwards (the link
 * write returns the item it replaced), so {@link #pendingCreates} reads a few markers, not every link. A marker a
 * crash left behind is ignored, and removed by a read once {@link PendingMarkers#GRACE} has passed since its attempt
 * began (before that its link write may still be on its way: a read must not take the marker from under it).
 *
 * <p>An import's claim is a pointer written before its task and link; a batched import's carries its invocation's
 * lease ({@code claimant}, {@code leaseUntil}), which {@link #CLAIM_CONDITION} honours, and its link goes later in a
 * BatchWriteItem with others ({@link #saveClaimedAll}). A save writes the pointer without a lease.
 */
public final class DynamoDbLinkStore implements LinkStore {

    static final String CREATE_CONDITION = "attribute_not_exists(pk) OR expiresAt <= :now";
    static final String UPDATE_CONDITION = "version = :expected AND (attribute_not_exists(expiresAt) OR expiresAt > :now)";
    static final String POINTER_CONDITION =
            "attribute_not_exists(pk) OR (userId = :userId AND taskId = :taskId) OR expiresAt <= :now";
    /**
     * A claim: the pointer is free (or its tombstone expired), or it names the same task and no live lease of
     * another claimant holds it ({@link ClaimLease}).
     */
    static final String CLAIM_CONDITION = "attribute_not_exists(pk) OR expiresAt <= :now OR (userId = :userId"
            + " AND taskId = :taskId AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :nowText"
            + " OR claimant = :claimant))";
    /** The claimant of a claim without a lease: matches no lease's claimant. */
    private static final String NO_CLAIMANT = "-";
    static final String RELEASE_CONDITION = "userId = :userId AND taskId = :taskId";
    static final String SUMMARY_PROJECTION = "taskId, sfId, #state, expiresAt";

    private final Table table;
    private final PendingMarkers markers;
    private final Clock clock;
    private final ConcurrentWrites writes = new ConcurrentWrites("link-writes");

    public DynamoDbLinkStore(DynamoDbClient dynamoDb, String syncTableName, Clock clock) {
        this(dynamoDb, syncTableName, clock, new HeldItems(clock));
    }

    /** @param held the items a {@link DynamoDbPendingReadAhead} read ahead, answering this store's marker read */
    DynamoDbLinkStore(DynamoDbClient dynamoDb, String syncTableName, Clock clock, HeldItems held) {
        this.table = new Table(dynamoDb, syncTableName);
        this.markers = new PendingMarkers(table, held);
        this.clock = clock;
    }

    @Override
    public Optional<TaskLink> get(UserId userId, TaskId taskId) {
        Instant now = clock.instant();
        return table.get(SyncKey.link(userId.value(), taskId.value()).toKey(), "link")
                .map(LinkItems::fromItem)
                .filter(link -> !link.expiredAt(now));
    }

    @Override
    public Map<TaskId, TaskLink> getAll(UserId userId, Collection<TaskId> taskIds) {
        Instant now = clock.instant();
        List<Map<String, AttributeValue>> keys = taskIds.stream().distinct()
                .map(taskId -> SyncKey.link(userId.value(), taskId.value()).toKey()).toList();
        return LinkItems.live(table.batchGet(keys, "links"), now);
    }

    /**
     * The links' state and sfId only (a ProjectionExpression), so a page of tasks does not move every link's
     * synced base values; 100 keys a request, as {@link #getAll}.
     */
    @Override
    public Map<TaskId, LinkSummary> summaries(UserId userId, Collection<TaskId> taskIds) {
        Instant now = clock.instant();
        List<Map<String, AttributeValue>> keys = taskIds.stream().distinct()
                .map(taskId -> SyncKey.link(userId.value(), taskId.value()).toKey()).toList();
        Map<TaskId, LinkSummary> out = new HashMap<>();
        for (Map<String, AttributeValue> attributes : table.batchGet(keys, SUMMARY_PROJECTION,
                Map.of("#state", "state"), "link summaries")) {
            ItemReader item = new ItemReader(attributes, "link");
            Instant expiresAt = item.ttl();
            if (expiresAt == null || expiresAt.isAfter(now)) {
                out.put(TaskId.of(item.string("taskId")), new LinkSummary(item.enumValue("state", LinkState.class),
                        item.optString("sfId")));
            }
        }
        return out;
    }

    @Override
    public Optional<TaskLink> findBySfId(OrgId orgId, SalesforceId sfId) {
        return claimOf(orgId, sfId).flatMap(claim -> get(UserId.of(claim.userId()), TaskId.of(claim.taskId())))
                .filter(link -> orgId.value().equals(link.orgId()) && sfId.value().equals(link.sfId()));
    }

    /** Two BatchGetItem rounds (pointers, then their links), 100 keys a request. */
    @Override
    public Map<SalesforceId, TaskLink> findAllBySfId(OrgId orgId, Collection<SalesforceId> sfIds) {
        Instant now = clock.instant();
        List<Map<String, AttributeValue>> pointerKeys = sfIds.stream().distinct()
                .map(sfId -> SyncKey.sfPointer(orgId.value(), sfId.value()).toKey()).toList();
        Map<String, SfIdClaim> claims = new HashMap<>();
        for (Map<String, AttributeValue> item : table.batchGet(pointerKeys, "sfId pointers")) {
            ItemReader pointer = new ItemReader(item, "sfId pointer");
            if (pointer.ttl() == null || pointer.ttl().isAfter(now)) {
                claims.put(pointer.string("sfId"), claimOf(pointer));
            }
        }
        List<Map<String, AttributeValue>> linkKeys = claims.values().stream().distinct()
                .map(claim -> SyncKey.link(claim.userId(), claim.taskId()).toKey()).toList();
        Map<SalesforceId, TaskLink> bySfId = new HashMap<>();
        for (Map<String, AttributeValue> item : table.batchGet(linkKeys, "links")) {
            TaskLink link = LinkItems.fromItem(item);
            SfIdClaim claim = link.sfId() == null ? null : claims.get(link.sfId());
            if (!link.expiredAt(now) && orgId.value().equals(link.orgId()) && claim != null
                    && claim.names(link.userId(), link.taskId())) {
                bySfId.put(SalesforceId.of(link.sfId()), link);
            }
        }
        return bySfId;
    }

    @Override
    public Optional<SfIdClaim> claimOf(OrgId orgId, SalesforceId sfId) {
        Instant now = clock.instant();
        return table.get(SyncKey.sfPointer(orgId.value(), sfId.value()).toKey(), "sfId pointer")
                .map(item -> new ItemReader(item, "sfId pointer"))
                .filter(item -> item.ttl() == null || item.ttl().isAfter(now))
                .map(DynamoDbLinkStore::claimOf);
    }

    private static SfIdClaim claimOf(ItemReader pointer) {
        String claimant = pointer.optString("claimant");
        Instant until = pointer.optInstant("leaseUntil");
        return new SfIdClaim(pointer.string("userId"), pointer.string("taskId"),
                claimant == null || until == null ? null : new ClaimLease(claimant, until),
                pointer.optString("sfUserId"));
    }

    @Override
    public void claim(TaskLink link) {
        claim(link, null);
    }

    /** The pointer, with the lease when one is given, under {@link #CLAIM_CONDITION}. */
    @Override
    public void claim(TaskLink link, ClaimLease lease) {
        if (link.sfId() == null) {
            throw new IllegalArgumentException("only a link with an sfId claims one");
        }
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>(LinkItems.pointerItem(link));
        if (lease != null) {
            item.put("claimant", Values.s(lease.claimant()));
            item.put("leaseUntil", Values.instant(lease.until()));
        }
        try {
            table.put(item, Condition.of(CLAIM_CONDITION, Map.of(
                    ":userId", Values.s(link.userId()),
                    ":taskId", Values.s(link.taskId()),
                    ":now", Values.nowSeconds(now),
                    ":nowText", Values.instant(now),
                    ":claimant", Values.s(lease == null ? NO_CLAIMANT : lease.claimant()))), "sfId claim");
        } catch (WriteConflictException e) {
            throw new WriteConflictException("Salesforce task " + link.sfId() + " of org " + link.orgId()
                    + " is claimed by another task or import");
        }
    }

    /** Links alone, 25 a BatchWriteItem: their claims' leases keep everyone else away (see the port). */
    @Override
    public List<TaskLink> saveClaimedAll(List<TaskLink> links) {
        List<TaskLink> stored = new ArrayList<>(links.size());
        for (TaskLink link : links) {
            if (link.sfId() == null || link.state() == LinkState.PENDING_CREATE || link.version() != 0) {
                throw new IllegalArgumentException("only a fresh import's link is saved in a batch");
            }
            stored.add(nextVersion(link));
        }
        table.batchPut(stored.stream().map(LinkItems::toItem).toList(), "imported links");
        return stored;
    }

    @Override
    public TaskLink save(TaskLink link) {
        Instant now = clock.instant();
        TaskLink stored = nextVersion(link);
        if (stored.state() == LinkState.PENDING_CREATE) {
            markers.add(List.of(stored));
        }
        writePointerAndLink(stored, link.version(), now).ifPresent(old -> markers.remove(List.of(old)));
        return stored;
    }

    /** The link write alone: the import's {@link #claim} wrote the pointer a moment ago. */
    @Override
    public TaskLink saveClaimed(TaskLink link) {
        if (link.sfId() == null || link.state() == LinkState.PENDING_CREATE) {
            throw new IllegalArgumentException("only a claimed link with an sfId is saved without its pointer");
        }
        TaskLink stored = nextVersion(link);
        writeLink(stored, link.version(), clock.instant());
        return stored;
    }

    /**
     * {@link #save} for many links, in the same order of writes, with the markers batched: the markers of the links
     * going into PENDING_CREATE first (BatchWriteItem, 25 a request), then each link's pointer and versioned link as
     * {@link #save} writes them, then the removal of the markers of the links that left PENDING_CREATE (BatchWriteItem).
     * A create's two link saves take four requests instead of six. The pointers and links stay single conditional
     * writes (BatchWriteItem takes no condition, and a transaction, which does, costs moto a copy of the whole table
     * per action, which made a 1,000-task import take minutes locally), but the tasks' go a few at a time
     * ({@link ConcurrentWrites}), each task's pointer before its link.
     */
    @Override
    public Map<String, TaskLink> saveAll(List<TaskLink> links) {
        if (links.size() < 2) {
            return LinkStore.super.saveAll(links);
        }
        Instant now = clock.instant();
        List<TaskLink> next = links.stream().map(DynamoDbLinkStore::nextVersion).toList();
        markers.add(next.stream().filter(l -> l.state() == LinkState.PENDING_CREATE).toList());
        List<Integer> indexes = IntStream.range(0, next.size()).boxed().toList();
        List<ConcurrentWrites.Outcome<Optional<PendingMarkers.Marker>>> outcomes = writes.each(indexes,
                i -> writePointerAndLink(next.get(i), links.get(i).version(), now));
        Map<String, TaskLink> saved = new LinkedHashMap<>();
        List<PendingMarkers.Marker> leftPending = new ArrayList<>();
        for (int i = 0; i < next.size(); i++) {
            // A refused one is left out, as the contract says: its own save meets the conflict.
            if (outcomes.get(i) instanceof ConcurrentWrites.Written<Optional<PendingMarkers.Marker>> w) {
                saved.put(next.get(i).taskId(), next.get(i));
                w.value().ifPresent(leftPending::add);
            }
        }
        markers.remove(leftPending);
        return saved;
    }

    /** The link as a save stores it: the next version, its expiry as the TTL attribute keeps it. */
    private static TaskLink nextVersion(TaskLink link) {
        return link.withExpiry(Values.ttlInstant(link.expiresAt())).withVersion(link.version() + 1);
    }

    /**
     * A save's conditional writes: the pointer (when the link has an sfId and is not PENDING_CREATE), then the
     * versioned link.
     *
     * @return the marker of the PENDING_CREATE link this write replaced, when the link left that state with it or
     *         a new create attempt took it over (a new pendingSince): that marker is stale
     * @throws WriteConflictException as {@link #save}
     */
    private Optional<PendingMarkers.Marker> writePointerAndLink(TaskLink stored, long expectedVersion, Instant now) {
        if (stored.sfId() != null && stored.state() != LinkState.PENDING_CREATE) {
            writePointer(stored, now);
        }
        return writeLink(stored, expectedVersion, now)
                .filter(old -> LinkState.PENDING_CREATE.name().equals(old.get("state").s()))
                .map(LinkItems::fromItem)
                .filter(old -> old.pendingSince() != null && (stored.state() != LinkState.PENDING_CREATE
                        || !old.pendingSince().equals(stored.pendingSince())))
                .map(PendingMarkers.Marker::of);
    }

    /**
     * Deletes a PENDING_CREATE link if it is still the stored version, then its marker. Without a condition on the
     * marker: a new create of the task writes its marker again before its link, after this link is gone.
     */
    @Override
    public void delete(TaskLink pendingCreate) {
        if (pendingCreate.state() != LinkState.PENDING_CREATE) {
            throw new IllegalArgumentException("only a PENDING_CREATE link is deleted");
        }
        boolean deleted = table.delete(SyncKey.link(pendingCreate.userId(), pendingCreate.taskId()).toKey(),
                Condition.of("version = :v AND #state = :pending", Map.of(":v", Values.n(pendingCreate.version()),
                        ":pending", Values.s(LinkState.PENDING_CREATE.name())))
                        .withNames(Map.of("#state", "state")), "link");
        if (deleted && pendingCreate.pendingSince() != null) {
            markers.remove(List.of(PendingMarkers.Marker.of(pendingCreate)));
        }
    }

    /** Step 1: claims the sfId for this task (or refreshes this task's claim, e.g. to give it the tombstone's TTL). */
    void writePointer(TaskLink stored, Instant now) {
        try {
            table.put(LinkItems.pointerItem(stored), pointerCondition(stored, now), "sfId pointer");
        } catch (WriteConflictException e) {
            throw new WriteConflictException("Salesforce task " + stored.sfId() + " of org " + stored.orgId()
                    + " is already linked to another task");
        }
    }

    static Condition pointerCondition(TaskLink stored, Instant now) {
        return Condition.of(POINTER_CONDITION, Map.of(
                ":userId", Values.s(stored.userId()),
                ":taskId", Values.s(stored.taskId()),
                ":now", Values.nowSeconds(now)));
    }

    /** Step 2: the versioned write that decides the save; returns the link item it replaced. */
    Optional<Map<String, AttributeValue>> writeLink(TaskLink stored, long expectedVersion, Instant now) {
        return table.putConvergingReturningOld(LinkItems.toItem(stored), linkCondition(expectedVersion, now),
                "link " + stored.userId() + "/" + stored.taskId());
    }

    static Condition linkCondition(long expectedVersion, Instant now) {
        return expectedVersion == 0
                ? Condition.of(CREATE_CONDITION, Map.of(":now", Values.nowSeconds(now)))
                : Condition.of(UPDATE_CONDITION, Map.of(":expected", Values.n(expectedVersion),
                        ":now", Values.nowSeconds(now)));
    }

    /** Deletes the pointer only while it names this link's task: another task's claim is left alone. */
    @Override
    public void releaseSfId(TaskLink link) {
        if (link.sfId() == null) {
            return;
        }
        table.delete(SyncKey.sfPointer(link.orgId(), link.sfId()).toKey(),
                Condition.of(RELEASE_CONDITION, Map.of(
                        ":userId", Values.s(link.userId()),
                        ":taskId", Values.s(link.taskId()))),
                "sfId pointer");
    }

    @Override
    public Page<TaskLink> forUser(UserId userId, String afterTaskId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        Instant now = clock.instant();
        Map<String, AttributeValue> start = afterTaskId == null ? null
                : SyncKey.link(userId.value(), afterTaskId).toKey();
        Table.Filled page = table.queryUpTo(q -> q
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(
                        ":pk", Values.s(SyncKey.userPk(userId.value())),
                        ":prefix", Values.s(SyncKey.LINK_PREFIX)))
                .consistentRead(true), start, limit, item -> !LinkItems.fromItem(item).expiredAt(now),
                "links of a user");
        List<TaskLink> links = page.items().stream().map(LinkItems::fromItem).toList();
        boolean more = page.more();
        String next = more && !links.isEmpty() ? links.get(links.size() - 1).taskId() : null;
        return new Page<>(links, next);
    }

    /** One UpdateItem per shard the links' markers fall in (at most {@link PendingMarkers#SHARDS} per user). */
    @Override
    public void markSending(List<TaskLink> pendingCreates) {
        if (!pendingCreates.isEmpty()) {
            markers.markSending(pendingCreates);
        }
    }

    /** One GetItem: the shard item of the link's marker. */
    @Override
    public boolean mayHaveBeenSent(TaskLink pendingCreate) {
        return pendingCreate.state() != LinkState.PENDING_CREATE || pendingCreate.pendingSince() == null
                || markers.mayHaveBeenSent(pendingCreate);
    }

    /**
     * Reads the user's pending-create markers (one BatchGetItem), then each marked link; a marker whose link moved on
     * (or was taken over by a later create attempt) is removed on the way.
     */
    @Override
    public List<TaskLink> pendingCreates(UserId userId) {
        return pendingCreates(userId, false);
    }

    /** As {@link #pendingCreates}, from the same one read of the markers. */
    @Override
    public List<TaskLink> sentCreates(UserId userId) {
        return pendingCreates(userId, true);
    }

    private List<TaskLink> pendingCreates(UserId userId, boolean sentOnly) {
        PendingMarkers.Read read = markers.read(userId.value());
        List<PendingMarkers.Marker> marked = read.markers();
        Map<TaskId, TaskLink> found = getAll(userId, marked.stream().map(m -> TaskId.of(m.taskId())).toList());
        List<TaskLink> links = new ArrayList<>();
        List<PendingMarkers.Marker> stale = new ArrayList<>();
        for (PendingMarkers.Marker marker : marked) {
            TaskLink link = found.get(TaskId.of(marker.taskId()));
            if (link != null && link.state() == LinkState.PENDING_CREATE && marker.marks(link)) {
                if (!sentOnly || !read.unsent().contains(marker.element())) {
                    links.add(link);
                }
            } else if (marker.settledBy(clock.instant())) {
                stale.add(marker);
            }
        }
        markers.remove(stale);
        return links;
    }
}
