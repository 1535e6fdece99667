package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.task.Origin;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A link ({@code USER#{u}/LINK#{taskId}}) and its Salesforce-id pointer ({@code ORG#{o}#SF#{sfId}/SF#{sfId}}). */
final class LinkItems {

    private LinkItems() {
    }

    static Map<String, AttributeValue> toItem(TaskLink link) {
        return ItemBuilder.keyed(SyncKey.link(link.userId(), link.taskId()))
                .string("userId", link.userId())
                .string("taskId", link.taskId())
                .string("orgId", link.orgId())
                .string("sfUserId", link.sfUserId())
                .string("sfId", link.sfId())
                .enumValue("state", link.state())
                .map("base", link.base() == null ? null : TaskFieldsItems.toMap(link.base()))
                .instant("sfModstamp", link.sfModstamp())
                .instant("pendingSince", link.pendingSince())
                .instant("deletedAt", link.deletedAt())
                .enumValue("deletedBy", link.deletedBy())
                .ttl(link.expiresAt())
                .number("version", link.version())
                .instant("sfDeletedAt", link.sfDeletedAt())
                .build();
    }

    /** The links of {@code items} not expired at {@code now}, by task id (what a batch read of links returns). */
    static Map<TaskId, TaskLink> live(List<Map<String, AttributeValue>> items, Instant now) {
        Map<TaskId, TaskLink> out = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            TaskLink link = fromItem(item);
            if (!link.expiredAt(now)) {
                out.put(TaskId.of(link.taskId()), link);
            }
        }
        return out;
    }

    static TaskLink fromItem(Map<String, AttributeValue> attributes) {
        ItemReader item = new ItemReader(attributes, "link");
        ItemReader base = item.optMap("base");
        return new TaskLink(
                item.string("userId"),
                item.string("taskId"),
                item.string("orgId"),
                item.optString("sfUserId"),
                item.optString("sfId"),
                item.enumValue("state", LinkState.class),
                base == null ? null : TaskFieldsItems.read(base),
                item.optInstant("sfModstamp"),
                item.optInstant("pendingSince"),
                item.optInstant("deletedAt"),
                item.optEnum("deletedBy", Origin.class),
                item.ttl(),
                item.number("version"),
                item.optInstant("sfDeletedAt"));
    }

    /** The pointer expires with its link when the link is a tombstone. */
    static Map<String, AttributeValue> pointerItem(TaskLink link) {
        return ItemBuilder.keyed(SyncKey.sfPointer(link.orgId(), link.sfId()))
                .string("orgId", link.orgId())
                .string("sfId", link.sfId())
                .string("userId", link.userId())
                .string("taskId", link.taskId())
                .string("sfUserId", link.sfUserId())
                .ttl(link.expiresAt())
                .build();
    }
}
