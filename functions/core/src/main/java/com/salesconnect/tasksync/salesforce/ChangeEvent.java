package com.salesconnect.tasksync.salesforce;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Salesforce Change Data Capture event for Task, as Event Relay delivers it into EventBridge (decoded by
 * {@link ChangeEventCodec}; the fields and where each comes from are listed there).
 *
 * <p>Nothing in it is trusted beyond what Salesforce documents: the record ids say which records changed, the change
 * type what happened, the commit time when. Field values are never applied from the event: the records are read
 * (one query) or, for a deletion, deleted; so a forged or garbled value cannot reach a task.
 *
 * @param orgId           the org named by the EventBridge source ({@code aws.partner/salesforce.com/<orgId>/<relayId>})
 * @param relayId         the relay's channel id, the source's last segment
 * @param eventId         EventBridge's id of the event (for logs only: redeliveries carry the same one)
 * @param recordIds       the changed Task ids; empty only for {@link ChangeType#GAP_OVERFLOW}, or when Salesforce
 *                        sent a wildcard ({@code 00T*}): then {@link #wildcard()} is true
 * @param changedFields   the fields an UPDATE changed (empty for other types)
 * @param commitTimestamp when the transaction committed (milliseconds in the event)
 * @param changeOrigin    {@code com/salesforce/api/<api>/<version>;client=<clientId>}, or empty
 * @param ownerId         the OwnerId carried by a CREATE or UNDELETE, or by an UPDATE that changed it; else null
 */
public record ChangeEvent(String orgId, String relayId, String eventId, ChangeType changeType,
                          List<String> recordIds, boolean wildcard, List<String> changedFields,
                          Instant commitTimestamp, long commitNumber, String transactionKey, long sequenceNumber,
                          String changeOrigin, String commitUser, String ownerId) {

    /** The change types Salesforce documents; GAP_* say the event lost its field data, GAP_OVERFLOW its records. */
    public enum ChangeType {
        CREATE, UPDATE, DELETE, UNDELETE, GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE, GAP_OVERFLOW;

        public boolean gap() {
            return name().startsWith("GAP_");
        }
    }

    public ChangeEvent {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(changeType, "changeType");
        Objects.requireNonNull(commitTimestamp, "commitTimestamp");
        recordIds = List.copyOf(recordIds);
        changedFields = List.copyOf(changedFields);
        changeOrigin = changeOrigin == null ? "" : changeOrigin;
    }

    /** The client id the change's API call named in {@code Sforce-Call-Options}, if any. */
    public Optional<String> originClient() {
        int at = changeOrigin.indexOf(";client=");
        if (at < 0) {
            return Optional.empty();
        }
        String client = changeOrigin.substring(at + ";client=".length());
        int end = client.indexOf(';');
        return Optional.of(end < 0 ? client : client.substring(0, end)).filter(c -> !c.isEmpty());
    }

    /** True when the change was made through the API by the client named {@code clientId}. */
    public boolean madeBy(String clientId) {
        return originClient().filter(clientId::equals).isPresent();
    }
}
