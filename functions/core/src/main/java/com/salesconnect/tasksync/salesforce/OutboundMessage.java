package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.task.SfTask;

import java.util.List;
import java.util.Set;

/**
 * A parsed Salesforce Outbound Message ({@code notifications}). The session id is deliberately not kept.
 *
 * @param notifications 1 to 100
 */
public record OutboundMessage(
        String organizationId,
        String actionId,
        String enterpriseUrl,
        String partnerUrl,
        List<Notification> notifications) {

    public OutboundMessage {
        notifications = List.copyOf(notifications);
    }

    /**
     * One notification. {@code presentFields} names the Task fields the message carried (API names,
     * a field sent as {@code xsi:nil} included): fields not sent are null in {@code task} but unknown,
     * not cleared.
     */
    public record Notification(String id, SfTask task, Set<String> presentFields) {
        public Notification {
            presentFields = Set.copyOf(presentFields);
        }
    }
}
