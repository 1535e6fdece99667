package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.task.Priority;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** TaskFields as attributes: top level of a task item, and the {@code base} map of a link item. */
final class TaskFieldsItems {

    private TaskFieldsItems() {
    }

    static ItemBuilder write(ItemBuilder item, TaskFields fields) {
        return item.string("subject", fields.subject())
                .string("notes", fields.notes())
                .date("dueDate", fields.dueDate())
                .bool("completed", fields.completed())
                .enumValue("priority", fields.priority())
                .instant("reminderAt", fields.reminderAt())
                .enumValue("type", fields.type())
                .string("whoId", fields.whoId())
                .string("whatId", fields.whatId());
    }

    static Map<String, AttributeValue> toMap(TaskFields fields) {
        return write(ItemBuilder.item(), fields).build();
    }

    static TaskFields read(ItemReader item) {
        return new TaskFields(
                item.string("subject"),
                item.optString("notes"),
                item.optDate("dueDate"),
                item.bool("completed"),
                item.enumValue("priority", Priority.class),
                item.optInstant("reminderAt"),
                item.enumValue("type", TaskType.class),
                item.optString("whoId"),
                item.optString("whatId"));
    }
}
