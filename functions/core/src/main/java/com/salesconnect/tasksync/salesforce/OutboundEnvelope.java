package com.salesconnect.tasksync.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Outbound Message read generically: the envelope and, per notification, the sObject type and the raw text
 * of every field it carried (null for {@code xsi:nil}). {@link OutboundMessageCodec#parse} maps Task
 * notifications to {@link OutboundMessage}; this form also reads messages for other sObjects.
 * The session id is deliberately not kept.
 */
public record OutboundEnvelope(
        String organizationId,
        String actionId,
        String enterpriseUrl,
        String partnerUrl,
        List<Notification> notifications) {

    public OutboundEnvelope {
        notifications = List.copyOf(notifications);
    }

    /**
     * One notification.
     *
     * @param sObjectType the local part of {@code xsi:type}, e.g. {@code Task}
     * @param fields      field API name to text, in message order; a null value was sent as {@code xsi:nil}
     */
    public record Notification(String id, String sObjectType, Map<String, String> fields) {

        public Notification {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(sObjectType, "sObjectType");
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public boolean isTask() {
            return "Task".equals(sObjectType);
        }

        public boolean has(String field) {
            return fields.containsKey(field);
        }

        public String text(String field) {
            return fields.get(field);
        }

        /** xsd:boolean: true, false, 1 or 0. */
        public Boolean bool(String field) {
            String v = fields.get(field);
            if (v == null) {
                return null;
            }
            return switch (v.trim()) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> throw new IllegalArgumentException("not a boolean");
            };
        }

        public LocalDate date(String field) {
            String v = fields.get(field);
            return v == null ? null : SfDates.parseDate(v);
        }

        public Instant dateTime(String field) {
            String v = fields.get(field);
            return v == null ? null : SfDates.parseDateTime(v);
        }

        public BigDecimal number(String field) {
            String v = fields.get(field);
            if (v == null) {
                return null;
            }
            if (v.trim().length() > 64) {
                throw new IllegalArgumentException("not a number");
            }
            try {
                return new BigDecimal(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number");
            }
        }
    }
}
