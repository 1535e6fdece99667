package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.UserConfig;
import com.salesconnect.tasksync.store.UserConfigStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A user's settings and connection ({@code CONFIG#USER#{u}}: {@code SETTINGS} and {@code CONNECTION}) in one strongly
 * consistent BatchGetItem of their two keys: one request where two GetItems made two (the same read units). A Query
 * of the partition would also read one unit less, but moto, the engine of the local runtime and the benchmark, walks
 * every item of the table for a Query (about 0.5 s with the benchmark's tables), and reads by key in no time. The
 * items are as {@link DynamoDbSettingsStore} and {@link DynamoDbConnectionStore} write them.
 *
 * <p>{@link #readAhead} reads several users' items in one BatchGetItem and holds them ({@link HeldItems}, an instance
 * shared with those two stores, whose writes drop what is held): a sweep event's users cost one request where each
 * user's sweep made its own.
 */
public final class DynamoDbUserConfigStore implements UserConfigStore {

    private final Table table;
    private final HeldItems held;

    public DynamoDbUserConfigStore(DynamoDbClient dynamoDb, String syncTableName) {
        this(dynamoDb, syncTableName, new HeldItems(Clock.systemUTC()));
    }

    /** @param held the items {@link #readAhead} holds, shared with the stores that write them */
    DynamoDbUserConfigStore(DynamoDbClient dynamoDb, String syncTableName, HeldItems held) {
        this.table = new Table(dynamoDb, syncTableName);
        this.held = held;
    }

    @Override
    public UserConfig get(UserId user) {
        SyncKey connectionKey = SyncKey.connection(user.value());
        SyncKey settingsKey = SyncKey.settings(user.value());
        SyncSettings settings = null;
        SalesforceConnection connection = null;
        for (Map<String, AttributeValue> item : held.getAll(table, List.of(settingsKey, connectionKey),
                "settings and connection")) {
            String sk = new ItemReader(item, "settings and connection").string("sk");
            if (sk.equals(settingsKey.sk())) {
                settings = SettingsItems.fromItem(item);
            } else if (sk.equals(connectionKey.sk())) {
                connection = ConnectionItems.fromItem(item);
            }
        }
        return new UserConfig(settings, connection);
    }

    @Override
    public void readAhead(List<UserId> users) {
        List<SyncKey> keys = new ArrayList<>();
        for (UserId user : new LinkedHashSet<>(users)) {
            keys.add(SyncKey.settings(user.value()));
            keys.add(SyncKey.connection(user.value()));
        }
        if (!keys.isEmpty()) {
            held.readAhead(table, keys, "settings and connections");
        }
    }
}
