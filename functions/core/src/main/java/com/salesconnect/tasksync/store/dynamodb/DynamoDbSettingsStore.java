package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.SettingsStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sync settings per user ({@code CONFIG#USER#{u}/SETTINGS}) and the sparse EnabledUsers index over them. */
public final class DynamoDbSettingsStore implements SettingsStore {

    static final String ENABLED_USERS_INDEX = "EnabledUsers";
    static final String CREATE_CONDITION = "attribute_not_exists(pk)";
    static final String UPDATE_CONDITION = "version = :expected";

    private final Table table;
    private final HeldItems held;

    public DynamoDbSettingsStore(DynamoDbClient dynamoDb, String syncTableName) {
        this(dynamoDb, syncTableName, new HeldItems(Clock.systemUTC()));
    }

    /** @param held what a {@link DynamoDbUserConfigStore} read ahead: a save drops the settings held */
    DynamoDbSettingsStore(DynamoDbClient dynamoDb, String syncTableName, HeldItems held) {
        this.table = new Table(dynamoDb, syncTableName);
        this.held = held;
    }

    @Override
    public Optional<SyncSettings> get(UserId user) {
        String userId = user.value();
        return table.get(SyncKey.settings(userId).toKey(), "settings").map(SettingsItems::fromItem);
    }

    @Override
    public SyncSettings save(SyncSettings settings) {
        SyncSettings stored = settings.withVersion(settings.version() + 1);
        held.drop(SyncKey.settings(settings.userId()));
        table.putConverging(SettingsItems.toItem(stored), versioned(settings.version()),
                "settings of " + settings.userId());
        return stored;
    }

    static Condition versioned(long expectedVersion) {
        return expectedVersion == 0
                ? Condition.of(CREATE_CONDITION, Map.of())
                : Condition.of(UPDATE_CONDITION, Map.of(":expected", Values.n(expectedVersion)));
    }

    /**
     * Walks the 16 shards of the index in order; the cursor names the shard and the last user returned in it.
     * Pages stay full across shard boundaries.
     */
    @Override
    public Page<String> enabledUsers(String cursor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        ShardCursor position = cursor == null ? new ShardCursor(0, null) : ShardCursor.decode(cursor);
        List<String> users = new ArrayList<>();
        int shard = position.shard();
        String after = position.afterUserId();
        while (shard < SettingsItems.SHARDS) {
            QueryResponse response = queryShard(shard, after, limit - users.size());
            response.items().forEach(item -> users.add(new ItemReader(item, "enabled user").string("userId")));
            boolean shardDone = !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty();
            String lastEvaluatedUser = shardDone ? null : response.lastEvaluatedKey().get("userId").s();
            if (users.size() == limit) {
                if (shardDone && shard == SettingsItems.SHARDS - 1) {
                    return new Page<>(users, null);
                }
                ShardCursor next = shardDone
                        ? new ShardCursor(shard + 1, null)
                        : new ShardCursor(shard, lastEvaluatedUser);
                return new Page<>(users, next.encode());
            }
            if (shardDone) {
                shard++;
            }
            after = lastEvaluatedUser;
        }
        return new Page<>(users, null);
    }

    private QueryResponse queryShard(int shard, String afterUserId, int limit) {
        String shardName = SettingsItems.shardName(shard);
        Map<String, AttributeValue> start = afterUserId == null ? null : Map.of(
                SettingsItems.ENABLED_SHARD, Values.s(shardName),
                "userId", Values.s(afterUserId),
                "pk", Values.s(SyncKey.settings(afterUserId).pk()),
                "sk", Values.s(SyncKey.settings(afterUserId).sk()));
        return table.query(q -> q
                .indexName(ENABLED_USERS_INDEX)
                .keyConditionExpression("enabledShard = :shard")
                .expressionAttributeValues(Map.of(":shard", Values.s(shardName)))
                .exclusiveStartKey(start)
                .limit(limit), "enabled users");
    }

    /** Position in the sharded index: the shard to read and the last user already returned from it. */
    record ShardCursor(int shard, String afterUserId) {

        String encode() {
            return Cursors.encode(shard + ":" + (afterUserId == null ? "" : afterUserId));
        }

        static ShardCursor decode(String cursor) {
            String text = Cursors.decode(cursor);
            int colon = text.indexOf(':');
            try {
                int shard = Integer.parseInt(text.substring(0, Math.max(colon, 0)));
                String user = text.substring(colon + 1);
                if (shard < 0 || shard >= SettingsItems.SHARDS) {
                    throw new IllegalArgumentException("malformed page cursor");
                }
                return new ShardCursor(shard, user.isEmpty() ? null : user);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed page cursor", e);
            }
        }
    }
}
