package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.task.TaskFields;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * The key of one SyncTable item: one factory per item type, so a prefix is spelled in one place only.
 * See README.md in this package for the table layout.
 *
 * <p>Items that decide who receives data and how Salesforce is reached (settings, connections, the shared access
 * token, owner routing, webhooks, OAuth states) live in partitions starting with {@value #CONFIG_PREFIX}; the
 * sync's working items (links, pointers, pending pushes, conflicts, notifications, limits) in {@code USER#} and
 * {@code ORG#} partitions. IAM tells them apart by partition key ({@code dynamodb:LeadingKeys} in template.yaml):
 * the internet-facing inbound function may write only the working items.
 */
record SyncKey(String pk, String sk) {

    static final String CONFIG_PREFIX = "CONFIG#";
    static final String LINK_PREFIX = "LINK#";
    static final String PUSH_PREFIX = "PUSH#";
    static final String PENDING_CREATE_PREFIX = "PENDING#";
    static final String CONFLICT_PREFIX = "CONFLICT#";

    static String userPk(String userId) {
        return "USER#" + userId;
    }

    static String configUserPk(String userId) {
        return CONFIG_PREFIX + "USER#" + userId;
    }

    /**
     * The settings of the blank user: an item no one writes (user ids are never blank), read only to warm up a
     * client ({@link DynamoDbWarmUp}); inside every function's read grant ({@code CONFIG#USER#*}).
     */
    static SyncKey neverWritten() {
        return new SyncKey(configUserPk(""), "SETTINGS");
    }

    static SyncKey settings(String userId) {
        return new SyncKey(configUserPk(userId), "SETTINGS");
    }

    static SyncKey connection(String userId) {
        return new SyncKey(configUserPk(userId), "CONNECTION");
    }

    static SyncKey accessToken(String userId) {
        return new SyncKey(configUserPk(userId), "ACCESS_TOKEN");
    }

    static SyncKey owner(String orgId, String sfUserId) {
        return new SyncKey(CONFIG_PREFIX + "ORG#" + orgId, "OWNER#" + sfUserId);
    }

    static SyncKey webhook(String orgId) {
        return new SyncKey(CONFIG_PREFIX + "WEBHOOK#ORG#" + orgId, "WEBHOOK");
    }

    static SyncKey webhookLookup(String tokenHash) {
        return new SyncKey(CONFIG_PREFIX + "WEBHOOK#TOKEN#" + tokenHash, "ORG");
    }

    static SyncKey oauthState(String state) {
        return new SyncKey(CONFIG_PREFIX + "OAUTH#" + state, "STATE");
    }

    static SyncKey link(String userId, String taskId) {
        return new SyncKey(userPk(userId), LINK_PREFIX + taskId);
    }

    static SyncKey sfPointer(String orgId, String sfId) {
        // One partition per pointer: a burst of one org's imports is not held to one partition's throughput.
        return new SyncKey("ORG#" + orgId + "#SF#" + sfId, "SF#" + sfId);
    }

    /** A marker of a link in PENDING_CREATE as stacks from before kept it, one item each ({@link PendingMarkers}). */
    static SyncKey pendingCreate(String userId, String taskId) {
        return new SyncKey(userPk(userId), PENDING_CREATE_PREFIX + taskId);
    }

    static SyncKey push(String userId, String taskId) {
        return new SyncKey(userPk(userId), PUSH_PREFIX + taskId);
    }

    /** Sorted by time within a user (fixed-width instants), so the newest conflicts are read first. */
    static SyncKey conflict(String userId, Instant at, String taskId, TaskFields.Field field) {
        return new SyncKey(userPk(userId), CONFLICT_PREFIX + Values.instantText(at) + "#" + taskId + "#"
                + (field == null ? "TASK" : field.name()));
    }

    static final String HEALTH_PREFIX = "HEALTH#";

    /**
     * When the sync last succeeded in one direction for the user: written by every function that syncs (so USER#),
     * one item per direction so that neither put overwrites the other; read together by one Query.
     */
    static SyncKey health(String userId, String direction) {
        return new SyncKey(userPk(userId), HEALTH_PREFIX + direction);
    }

    static SyncKey notification(String orgId, String notificationId) {
        return new SyncKey("ORG#" + orgId + "#NOTIF#" + notificationId, "NOTIF#" + notificationId);
    }

    static SyncKey limit(String orgId) {
        return new SyncKey("ORG#" + orgId, "LIMIT");
    }

    /** The sync's calls to an org, a counter per hour (UTC), beside the org's limit item. */
    static SyncKey usage(String orgId) {
        return new SyncKey("ORG#" + orgId, "USAGE");
    }

    /** Whether the org's change events flow (see ChangeEventFlow): written by the inbound function, so ORG#. */
    static SyncKey changeEvents(String orgId) {
        return new SyncKey("ORG#" + orgId, "CHANGE_EVENTS");
    }

    static final String PROBERS_PK = CONFIG_PREFIX + "PROBERS";

    /** One partition lists every org's prober: the fan-out reads it whole (one item per org). */
    static SyncKey prober(String orgId) {
        return new SyncKey(PROBERS_PK, "ORG#" + orgId);
    }

    /** Under CONFIG#: a probe decides what the sweeps read from Salesforce, so the inbound function cannot write it. */
    static SyncKey probe(String orgId) {
        return new SyncKey(CONFIG_PREFIX + "ORG#" + orgId, "PROBE");
    }

    static SyncKey accessCheck(String orgId, String userId) {
        return new SyncKey(CONFIG_PREFIX + "ORG#" + orgId, "ACCESS#" + userId);
    }

    Map<String, AttributeValue> toKey() {
        return Map.of("pk", Values.s(pk), "sk", Values.s(sk));
    }
}
