package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.sync.LinkState;
import com.salesconnect.tasksync.sync.TaskLink;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Task links ({@code USER#{u}/LINK#{taskId}}) and their Salesforce-id pointers ({@code ORG#{o}/SF#{sfId}}).
 *
 * <p>A save writes the pointer first (claiming the sfId for this task), then the versioned link. A crash
 * between the two leaves a pointer the link does not confirm yet: {@link #findBySfId} follows a pointer only
 * when the link it names carries that sfId, and saving again completes the change.
 */
public final class DynamoDbLinkStore implements LinkStore {

    static final String CREATE_CONDITION = "attribute_not_exists(pk) OR expiresAt <= :now";
    static final String UPDATE_CONDITION = "version = :expected AND (attribute_not_exists(expiresAt) OR expiresAt > :now)";
    static final String POINTER_CONDITION =
            "attribute_not_exists(pk) OR (userId = :userId AND taskId = :taskId) OR expiresAt <= :now";
    static final String RELEASE_CONDITION = "userId = :userId AND taskId = :taskId";

    private final Table table;
    private final Clock clock;

    public DynamoDbLinkStore(DynamoDbClient dynamoDb, String syncTableName, Clock clock) {
        this.table = new Table(dynamoDb, syncTableName);
        this.clock = clock;
    }

    @Override
    public Optional<TaskLink> get(String userId, String taskId) {
        Instant now = clock.instant();
        return table.get(SyncKey.link(userId, taskId).toKey(), "link")
                .map(LinkItems::fromItem)
                .filter(link -> !link.expiredAt(now));
    }

    @Override
    public Optional<TaskLink> findBySfId(String orgId, String sfId) {
        Instant now = clock.instant();
        Optional<ItemReader> pointer = table.get(SyncKey.sfPointer(orgId, sfId).toKey(), "sfId pointer")
                .map(item -> new ItemReader(item, "sfId pointer"))
                .filter(item -> item.ttl() == null || item.ttl().isAfter(now));
        return pointer.flatMap(p -> get(p.string("userId"), p.string("taskId")))
                .filter(link -> orgId.equals(link.orgId()) && sfId.equals(link.sfId()));
    }

    @Override
    public TaskLink save(TaskLink link) {
        Instant now = clock.instant();
        TaskLink stored = link.withExpiry(Values.ttlInstant(link.expiresAt())).withVersion(link.version() + 1);
        if (stored.sfId() != null) {
            writePointer(stored, now);
        }
        writeLink(stored, link.version(), now);
        return stored;
    }

    /** Step 1: claims the sfId for this task (or refreshes this task's claim, e.g. to give it the tombstone's TTL). */
    void writePointer(TaskLink stored, Instant now) {
        try {
            table.put(LinkItems.pointerItem(stored), Condition.of(POINTER_CONDITION, Map.of(
                            ":userId", Values.s(stored.userId()),
                            ":taskId", Values.s(stored.taskId()),
                            ":now", Values.nowSeconds(now))),
                    "sfId pointer");
        } catch (WriteConflictException e) {
            throw new WriteConflictException("Salesforce task " + stored.sfId() + " of org " + stored.orgId()
                    + " is already linked to another task");
        }
    }

    /** Step 2: the versioned write that decides the save. */
    void writeLink(TaskLink stored, long expectedVersion, Instant now) {
        Condition condition = expectedVersion == 0
                ? Condition.of(CREATE_CONDITION, Map.of(":now", Values.nowSeconds(now)))
                : Condition.of(UPDATE_CONDITION, Map.of(":expected", Values.n(expectedVersion),
                        ":now", Values.nowSeconds(now)));
        table.putConverging(LinkItems.toItem(stored), condition,
                "link " + stored.userId() + "/" + stored.taskId());
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

    /** Reads the user's links (one partition, sorted by task id) and keeps those whose create is in flight. */
    @Override
    public List<TaskLink> pendingCreates(String userId) {
        List<TaskLink> links = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse response = table.query(q -> q
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .filterExpression("#state = :pending")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(
                            ":pk", Values.s(SyncKey.userPk(userId)),
                            ":prefix", Values.s(SyncKey.LINK_PREFIX),
                            ":pending", Values.s(LinkState.PENDING_CREATE.name())))
                    .exclusiveStartKey(from)
                    .consistentRead(true), "pending creates");
            response.items().stream().map(LinkItems::fromItem).forEach(links::add);
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        Instant now = clock.instant();
        return links.stream().filter(link -> !link.expiredAt(now)).toList();
    }
}
