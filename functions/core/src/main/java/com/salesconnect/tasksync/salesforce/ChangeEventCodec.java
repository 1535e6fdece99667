package com.salesconnect.tasksync.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a Task change event as Salesforce Event Relay puts it into an EventBridge partner event bus.
 *
 * <p>Where each field comes from (see also the README of functions/salesforce-inbound):
 * <ul>
 *   <li>The EventBridge envelope: {@code source} is the partner event source
 *       {@code aws.partner/salesforce.com/<orgId>/<channelId>} (Salesforce, EventRelayFeedback.RemoteResource:
 *       https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventrelayfeedback.htm);
 *       {@code detail.payload} is the change event message's payload (Event Relay:
 *       https://developer.salesforce.com/docs/platform/event-relay/guide/event-relay-config.html).</li>
 *   <li>{@code detail.payload.ChangeEventHeader}: entityName, recordIds, changeType (CREATE, UPDATE, DELETE,
 *       UNDELETE, GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE, GAP_OVERFLOW), changedFields, changeOrigin
 *       ({@code com/salesforce/api/<api>/<version>;client=<clientId>}), transactionKey, sequenceNumber,
 *       commitTimestamp (epoch milliseconds), commitUser, commitNumber (ChangeEventHeader Fields:
 *       https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_event_fields_header.htm).</li>
 *   <li>The payload's record fields: only those that changed (UPDATE), all non-null ones (CREATE, UNDELETE), none
 *       (DELETE, GAP_*); never IsDeleted nor SystemModstamp (Change Event Message Structure:
 *       https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_message_structure.htm).
 *       Only OwnerId is read, to route a record to the user who reads it.</li>
 * </ul>
 * Problems are {@link MalformedMessageException}s that name the field and never quote the event.
 */
public final class ChangeEventCodec {

    public static final String SOURCE_PREFIX = "aws.partner/salesforce.com/";
    /** More ids than Salesforce merges into one event would be a forgery or a fault. */
    static final int MAX_RECORD_IDS = 10_000;
    private static final Pattern SOURCE =
            Pattern.compile("aws\\.partner/salesforce\\.com/(00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)/([A-Za-z0-9]{1,40})");
    private static final Pattern TASK_ID = Pattern.compile("00T[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?");
    private static final Pattern USER_ID = Pattern.compile("005[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?");
    private static final Pattern WILDCARD = Pattern.compile("00T\\*");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,120}");

    private ChangeEventCodec() {
    }

    /** True for an EventBridge event (rather than an API Gateway request): it has a source and a detail-type. */
    public static boolean isEventBridgeEvent(Map<String, Object> event) {
        return event.get("source") instanceof String && event.containsKey("detail-type")
                && event.containsKey("detail");
    }

    /**
     * @throws MalformedMessageException when the event is not a Task change event from a Salesforce partner source
     */
    public static ChangeEvent decode(Map<String, Object> event) {
        String source = text(event, "source", true);
        Matcher m = SOURCE.matcher(source);
        if (!m.matches()) {
            throw new MalformedMessageException("source is not a Salesforce partner event source");
        }
        Map<String, Object> detail = object(event, "detail");
        Map<String, Object> payload = object(detail, "detail.payload");
        Map<String, Object> header = object(payload, "detail.payload.ChangeEventHeader");
        String entity = text(header, "entityName", true);
        if (!"Task".equals(entity)) {
            throw new MalformedMessageException("entityName is not Task");
        }
        ChangeEvent.ChangeType type;
        try {
            type = ChangeEvent.ChangeType.valueOf(text(header, "changeType", true));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("changeType is not one Salesforce documents");
        }
        List<String> raw = texts(header, "recordIds");
        if (raw.size() > MAX_RECORD_IDS) {
            throw new MalformedMessageException("recordIds has too many ids");
        }
        boolean wildcard = false;
        List<String> ids = new ArrayList<>(raw.size());
        for (String id : raw) {
            if (WILDCARD.matcher(id).matches()) {
                wildcard = true;
            } else if (TASK_ID.matcher(id).matches()) {
                ids.add(id);
            } else {
                throw new MalformedMessageException("recordIds holds a value that is not a Task id");
            }
        }
        if (ids.isEmpty() && !wildcard && type != ChangeEvent.ChangeType.GAP_OVERFLOW) {
            throw new MalformedMessageException("recordIds is empty");
        }
        // Field names, or bitmaps of field positions as the Pub/Sub API sends them ("0x650004E0"): only the names
        // are kept. Nothing reads them to apply a change (the record is read), so neither form rejects the event.
        List<String> changed = header.get("changedFields") == null ? List.of()
                : texts(header, "changedFields").stream().filter(f -> FIELD.matcher(f).matches()).toList();
        long commitMillis = number(header, "commitTimestamp", true);
        String ownerId = text(payload, "OwnerId", false);
        if (ownerId != null && !USER_ID.matcher(ownerId).matches()) {
            // A queue may own a task (00G): it routes to nobody, like an owner who does not sync.
            ownerId = null;
        }
        String eventId = text(event, "id", false);
        return new ChangeEvent(m.group(1), m.group(2), eventId, type, ids, wildcard, changed,
                Instant.ofEpochMilli(commitMillis), number(header, "commitNumber", false),
                text(header, "transactionKey", false), number(header, "sequenceNumber", false),
                text(header, "changeOrigin", false), text(header, "commitUser", false), ownerId);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> json, String path) {
        Object value = json.get(path.substring(path.lastIndexOf('.') + 1));
        if (!(value instanceof Map<?, ?>)) {
            throw new MalformedMessageException(path + " is missing or not an object");
        }
        return (Map<String, Object>) value;
    }

    private static String text(Map<String, Object> json, String field, boolean required) {
        Object value = json.get(field);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String s) || (required && s.isBlank())) {
            throw new MalformedMessageException(field + " is missing or not text");
        }
        return s;
    }

    private static long number(Map<String, Object> json, String field, boolean required) {
        Object value = json.get(field);
        if (value == null && !required) {
            return 0L;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                // falls through to the error
            }
        }
        throw new MalformedMessageException(field + " is missing or not a whole number");
    }

    private static List<String> texts(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (!(value instanceof List<?> list)) {
            throw new MalformedMessageException(field + " is missing or not a list");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new MalformedMessageException(field + " holds a value that is not text");
            }
            out.add(s);
        }
        return out;
    }
}
