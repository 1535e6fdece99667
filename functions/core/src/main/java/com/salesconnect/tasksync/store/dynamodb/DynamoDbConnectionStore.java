package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.ConnectionStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Salesforce connections ({@code CONFIG#USER#{u}/CONNECTION}) and the owner routing
 * ({@code CONFIG#ORG#{o}/OWNER#{sfUserId}}).
 *
 * <p>Without transactions, a save is three ordered steps, each safe to repeat: (1) put the routing item,
 * (2) put the connection (versioned), (3) remove the routing of a previous (org, sfUserId) if it still names
 * this user. A lookup trusts routing only when the user's connection confirms it, so a routing item left
 * behind by a crash is never followed.
 */
public final class DynamoDbConnectionStore implements ConnectionStore {

    static final String STALE_ROUTING_CONDITION = "userId = :userId";

    private final Table table;
    private final HeldItems held;

    public DynamoDbConnectionStore(DynamoDbClient dynamoDb, String syncTableName) {
        this(dynamoDb, syncTableName, new HeldItems(Clock.systemUTC()));
    }

    /** @param held what a {@link DynamoDbUserConfigStore} read ahead: a save drops the connection held */
    DynamoDbConnectionStore(DynamoDbClient dynamoDb, String syncTableName, HeldItems held) {
        this.table = new Table(dynamoDb, syncTableName);
        this.held = held;
    }

    @Override
    public Optional<SalesforceConnection> get(UserId user) {
        String userId = user.value();
        return table.get(SyncKey.connection(userId).toKey(), "connection").map(ConnectionItems::fromItem);
    }

    @Override
    public SalesforceConnection save(SalesforceConnection connection) {
        Optional<SalesforceConnection> previous = get(UserId.of(connection.userId()));
        SalesforceConnection stored = new SalesforceConnection(connection.userId(), connection.orgId(),
                connection.sfUserId(), connection.instanceUrl(), connection.encryptedRefreshToken(), connection.state(),
                connection.connectedAt(), connection.brokenReason(), connection.version() + 1);
        writeRouting(stored);
        writeConnection(stored, connection.version());
        previous.filter(old -> !sameOwner(old, stored)).ifPresent(this::removeRouting);
        return stored;
    }

    /** Step 1: unconditional and idempotent; the latest user to connect as an owner receives its tasks. */
    void writeRouting(SalesforceConnection stored) {
        table.put(ConnectionItems.routingItem(stored), Condition.NONE, "owner routing of " + stored.userId());
    }

    /** Step 2: the versioned write that decides the save. */
    void writeConnection(SalesforceConnection stored, long expectedVersion) {
        held.drop(SyncKey.connection(stored.userId()));
        table.putConverging(ConnectionItems.toItem(stored), DynamoDbSettingsStore.versioned(expectedVersion),
                "connection of " + stored.userId());
    }

    /** Step 3: only while the old routing still names this user (another user may have connected as it since). */
    private void removeRouting(SalesforceConnection old) {
        table.delete(SyncKey.owner(old.orgId(), old.sfUserId()).toKey(),
                Condition.of(STALE_ROUTING_CONDITION, Map.of(":userId", Values.s(old.userId()))),
                "stale owner routing of " + old.userId());
    }

    @Override
    public Optional<String> userForOwner(OrgId org, SalesforceId sfUser) {
        String orgId = org.value();
        String sfUserId = sfUser.value();
        Optional<String> userId = table.get(SyncKey.owner(orgId, sfUserId).toKey(), "owner routing")
                .map(item -> new ItemReader(item, "owner routing").string("userId"));
        return userId.filter(user -> get(UserId.of(user))
                .filter(connection -> connection.orgId().equals(orgId) && connection.sfUserId().equals(sfUserId))
                .isPresent());
    }

    @Override
    public List<String> usersInOrg(OrgId org, int limit) {
        String orgId = org.value();
        SyncKey first = SyncKey.owner(orgId, "");
        QueryResponse response = table.query(q -> q
                .keyConditionExpression("pk = :pk AND begins_with(sk, :owner)")
                .expressionAttributeValues(Map.of(":pk", Values.s(first.pk()), ":owner", Values.s(first.sk())))
                .limit(limit), "owner routing");
        return response.items().stream().map(item -> new ItemReader(item, "owner routing").string("userId"))
                .distinct().toList();
    }

    private static boolean sameOwner(SalesforceConnection a, SalesforceConnection b) {
        return a.orgId().equals(b.orgId()) && a.sfUserId().equals(b.sfUserId());
    }
}
