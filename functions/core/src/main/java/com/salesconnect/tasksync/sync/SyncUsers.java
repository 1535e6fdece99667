package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.UserConfig;
import com.salesconnect.tasksync.store.UserConfigStore;
import com.salesconnect.tasksync.task.SfTask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Loads {@link SyncUser}s; one instance per piece of work caches them, so a batch reads each user once. */
final class SyncUsers {

    private final UserConfigStore configs;
    private final ConnectionStore connections;
    private final SalesforceApiFactory apis;
    private final TaskStatusCache statusCache;
    private final Deadline deadline;
    private final ImportBatch imports;
    private final Map<String, Optional<SyncUser>> loaded = new HashMap<>();
    private final Map<String, Optional<String>> owners = new HashMap<>();
    private final Map<String, SyncSettings> settingsRead = new HashMap<>();
    /** Null outside a batch of rows: every adoption check reads the store. */
    private Map<String, List<TaskLink>> pendingSnapshot;

    SyncUsers(SyncStores stores, SalesforceApiFactory apis, TaskStatusCache statusCache, Deadline deadline) {
        this.configs = stores.userConfigs();
        this.connections = stores.connections();
        this.apis = apis;
        this.statusCache = statusCache;
        this.deadline = deadline;
        this.imports = new ImportBatch(deadline);
    }

    /** The time this piece of work has left. */
    Deadline deadline() {
        return deadline;
    }

    /** This piece of work's deferred imports (see {@link SalesforceImports#importsBatched}). */
    ImportBatch imports() {
        return imports;
    }

    /** The user with settings and a connection (in any state); empty when either is missing. */
    Optional<SyncUser> get(String userId) {
        return loaded.computeIfAbsent(userId, this::load);
    }

    /**
     * The Sales Connect user connected as Salesforce user {@code sfUserId} of the org, read once per piece of work
     * (a message's notifications mostly share a few owners).
     */
    Optional<String> userIdForOwner(String orgId, String sfUserId) {
        return owners.computeIfAbsent(orgId + "/" + sfUserId,
                k -> connections.userForOwner(OrgId.of(orgId), SalesforceId.of(sfUserId)));
    }

    /** The user connected as the row's OwnerId (read as {@link #userIdForOwner} does), or nobody. */
    RowOwner ownerOf(String orgId, SfTask row) {
        if (row.ownerId() == null) {
            return RowOwner.NOBODY;
        }
        return userIdForOwner(orgId, row.ownerId()).flatMap(this::get).map(RowOwner::of).orElse(RowOwner.NOBODY);
    }

    /**
     * Marks rows just read from Salesforce as one batch: their adoption checks share one read of each user's
     * PENDING_CREATE links. Sound because a create of ours writes its PENDING_CREATE link and marks it as being sent
     * before it calls Salesforce, so every record of ours among rows read before this call has its link and mark
     * stored before the shared read (which happens after it). Call it again for each new page of rows.
     */
    void newBatchOfRows() {
        pendingSnapshot = new HashMap<>();
    }

    /** The batch of rows is done: rows read after this call are checked against the store again. */
    void endBatchOfRows() {
        pendingSnapshot = null;
    }

    /** The user's PENDING_CREATE links: read now, or once per batch of rows (see {@link #newBatchOfRows}). */
    List<TaskLink> pendingCreates(String userId, Function<String, List<TaskLink>> read) {
        if (pendingSnapshot == null) {
            return read.apply(userId);
        }
        return List.copyOf(pendingSnapshot.computeIfAbsent(userId, id -> new ArrayList<>(read.apply(id))));
    }

    /** A PENDING_CREATE link of the batch's snapshot was adopted (or changed): later rows must not match it. */
    void pendingCreateSettled(String userId, String taskId) {
        if (pendingSnapshot != null && pendingSnapshot.containsKey(userId)) {
            pendingSnapshot.get(userId).removeIf(l -> l.taskId().equals(taskId));
        }
    }

    /** The snapshot of a user's PENDING_CREATE links is stale (a write lost a race): the next check reads again. */
    void forgetPendingCreates(String userId) {
        if (pendingSnapshot != null) {
            pendingSnapshot.remove(userId);
        }
    }

    /**
     * The settings {@link #get} read for the user (it reads them with the connection), even where it found no
     * connection; empty when it read none, or was not asked for the user.
     */
    Optional<SyncSettings> settingsRead(String userId) {
        return Optional.ofNullable(settingsRead.get(userId));
    }

    private Optional<SyncUser> load(String userId) {
        UserConfig config = configs.get(UserId.of(userId));
        if (config.settings() != null) {
            settingsRead.put(userId, config.settings());
        }
        if (config.settings() == null || config.connection() == null) {
            return Optional.empty();
        }
        return Optional.of(new SyncUser(config.settings(), config.connection(), apis, statusCache, deadline));
    }
}
