package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.store.LastSync;
import com.salesconnect.tasksync.task.ScTask;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a user's sync health for the Settings page (see {@link SyncHealth} for the rules). Bounded whatever the
 * user's data: one read each of the connection and the settings, one Query of the health items, one Query with a
 * Limit for the pending pushes, one for the latest conflicts, and one batch read of the tasks those conflicts name.
 * No scan, nothing per task.
 */
public final class SyncHealthService {

    private final SyncStores stores;

    public SyncHealthService(SyncStores stores) {
        this.stores = stores;
    }

    public SyncHealthView view(UserId user) {
        String userId = user.value();
        boolean broken = stores.connections().get(UserId.of(userId))
                .map(c -> c.state() == ConnectionState.BROKEN).orElse(false);
        List<PendingPush> pending = stores.pendingPushes()
                .firstForUser(UserId.of(userId), SyncHealth.WAITING_COUNTED + 1);
        List<Conflict> recent = stores.conflicts().forUser(UserId.of(userId), SyncHealth.CONFLICTS_READ);
        Set<String> taskIds = SyncHealth.taskIds(recent);
        Map<String, ScTask> tasks = new HashMap<>();
        if (!taskIds.isEmpty()) {
            stores.tasks().getAll(UserId.of(userId), taskIds.stream().map(TaskId::of).toList())
                    .forEach((taskId, task) -> tasks.put(taskId.value(), task));
        }
        LastSync last = SyncHealth.lastSync(stores.health().get(UserId.of(userId)),
                stores.settings().get(UserId.of(userId)).orElse(null));
        return SyncHealth.of(last, broken, pending, recent, tasks);
    }
}
