package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.TaskLinkReads;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A user's tasks ({@code TasksTable}) and links ({@code SyncTable}) in the same strongly consistent BatchGetItem
 * requests (100 keys a request in all): one request where {@link DynamoDbTaskStore#getAll} and
 * {@link DynamoDbLinkStore#getAll} made two (the same read units). The items are read as those stores read them.
 */
public final class DynamoDbTaskLinkReads implements TaskLinkReads {

    private final DynamoDbClient dynamoDb;
    private final Table tasks;
    private final Table sync;
    private final Clock clock;

    public DynamoDbTaskLinkReads(DynamoDbClient dynamoDb, String tasksTableName, String syncTableName, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tasks = new Table(dynamoDb, tasksTableName);
        this.sync = new Table(dynamoDb, syncTableName);
        this.clock = clock;
    }

    @Override
    public Found read(UserId user, Collection<TaskId> taskIds, Collection<TaskId> linkTaskIds) {
        Instant now = clock.instant();
        List<Map<String, AttributeValue>> taskKeys = taskIds.stream().distinct()
                .map(taskId -> TaskItems.key(user.value(), taskId.value())).toList();
        List<Map<String, AttributeValue>> linkKeys = linkTaskIds.stream().distinct()
                .map(taskId -> SyncKey.link(user.value(), taskId.value()).toKey()).toList();
        List<List<Map<String, AttributeValue>>> found = Table.batchGet(dynamoDb,
                List.of(new Table.Keys(tasks, taskKeys), new Table.Keys(sync, linkKeys)), "tasks and links");
        return new Found(TaskItems.live(found.get(0), now), LinkItems.live(found.get(1), now));
    }
}
