package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.store.ConflictLog;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.NotificationLog;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.store.OrgProbeStore;
import com.salesconnect.tasksync.store.OrgReadAhead;
import com.salesconnect.tasksync.store.PendingPushStore;
import com.salesconnect.tasksync.store.PendingReadAhead;
import com.salesconnect.tasksync.store.ReadAhead;
import com.salesconnect.tasksync.store.SettingsStore;
import com.salesconnect.tasksync.store.SyncHealthStore;
import com.salesconnect.tasksync.store.TaskLinkReads;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.store.UserConfigStore;
import com.salesconnect.tasksync.store.WebhookStore;

import java.util.Objects;

/** The store ports the sync services work on, passed as one value so constructors stay readable. */
public record SyncStores(
        TaskStore tasks,
        LinkStore links,
        SettingsStore settings,
        ConnectionStore connections,
        PendingPushStore pendingPushes,
        ConflictLog conflicts,
        NotificationLog notifications,
        OrgLimitStore orgLimits,
        OrgProbeStore orgProbes,
        WebhookStore webhooks,
        SyncHealthStore health,
        UserConfigStore userConfigs,
        OrgReadAhead orgReadAhead,
        TaskLinkReads taskLinkReads,
        PendingReadAhead pendingReadAhead) {

    /** A read-ahead of a batch's tasks and links on these stores (one per service: it holds what it read). */
    public ReadAhead readAhead() {
        return new ReadAhead(tasks, links, taskLinkReads);
    }

    /** Stores that keep no sync health (see {@link SyncHealthStore#NOT_KEPT}). */
    public SyncStores(TaskStore tasks, LinkStore links, SettingsStore settings, ConnectionStore connections,
                      PendingPushStore pendingPushes, ConflictLog conflicts, NotificationLog notifications,
                      OrgLimitStore orgLimits, OrgProbeStore orgProbes, WebhookStore webhooks) {
        this(tasks, links, settings, connections, pendingPushes, conflicts, notifications, orgLimits, orgProbes,
                webhooks, SyncHealthStore.NOT_KEPT);
    }

    /** Stores that read settings and connection one from each store ({@link UserConfigStore#separately}). */
    public SyncStores(TaskStore tasks, LinkStore links, SettingsStore settings, ConnectionStore connections,
                      PendingPushStore pendingPushes, ConflictLog conflicts, NotificationLog notifications,
                      OrgLimitStore orgLimits, OrgProbeStore orgProbes, WebhookStore webhooks,
                      SyncHealthStore health) {
        this(tasks, links, settings, connections, pendingPushes, conflicts, notifications, orgLimits, orgProbes,
                webhooks, health, UserConfigStore.separately(settings, connections));
    }

    /** Stores whose sweeps read each org item when they need it ({@link OrgReadAhead#NONE}). */
    public SyncStores(TaskStore tasks, LinkStore links, SettingsStore settings, ConnectionStore connections,
                      PendingPushStore pendingPushes, ConflictLog conflicts, NotificationLog notifications,
                      OrgLimitStore orgLimits, OrgProbeStore orgProbes, WebhookStore webhooks,
                      SyncHealthStore health, UserConfigStore userConfigs) {
        this(tasks, links, settings, connections, pendingPushes, conflicts, notifications, orgLimits, orgProbes,
                webhooks, health, userConfigs, OrgReadAhead.NONE);
    }

    /**
     * Stores that read a batch's tasks and links one store after the other ({@link TaskLinkReads#separately}) and
     * read no pending markers ahead ({@link PendingReadAhead#NONE}).
     */
    public SyncStores(TaskStore tasks, LinkStore links, SettingsStore settings, ConnectionStore connections,
                      PendingPushStore pendingPushes, ConflictLog conflicts, NotificationLog notifications,
                      OrgLimitStore orgLimits, OrgProbeStore orgProbes, WebhookStore webhooks,
                      SyncHealthStore health, UserConfigStore userConfigs, OrgReadAhead orgReadAhead) {
        this(tasks, links, settings, connections, pendingPushes, conflicts, notifications, orgLimits, orgProbes,
                webhooks, health, userConfigs, orgReadAhead, TaskLinkReads.separately(tasks, links),
                PendingReadAhead.NONE);
    }

    public SyncStores {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(pendingPushes, "pendingPushes");
        Objects.requireNonNull(conflicts, "conflicts");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(orgLimits, "orgLimits");
        Objects.requireNonNull(orgProbes, "orgProbes");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(userConfigs, "userConfigs");
        Objects.requireNonNull(orgReadAhead, "orgReadAhead");
        Objects.requireNonNull(taskLinkReads, "taskLinkReads");
        Objects.requireNonNull(pendingReadAhead, "pendingReadAhead");
    }
}
