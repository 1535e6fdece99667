package com.salesconnect.tasksync.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Publishes the sync's events to an EventBridge bus with PutEvents. PutEvents can accept a request and still
 * reject some entries ({@code FailedEntryCount}): only those are sent again, a bounded number of times.
 */
public final class EventBridgeSyncEventPublisher implements SyncEventPublisher {

    /**
     * Both the most entries of one PutEvents call and the most user ids in one UserSweepRequested event (public for
     * the simulation's EventBridge, which packs a fan-out the same way).
     */
    public static final int BATCH = 10;
    static final int MAX_ATTEMPTS = 3;

    private final EventBridgeClient eventBridge;
    private final String busName;
    private final ObjectMapper json;
    private final Sleeper sleeper;

    /** Waits between retries; a parameter so tests need not wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public EventBridgeSyncEventPublisher(EventBridgeClient eventBridge, String busName, ObjectMapper json) {
        this(eventBridge, busName, json, Thread::sleep);
    }

    public EventBridgeSyncEventPublisher(EventBridgeClient eventBridge, String busName, ObjectMapper json,
                                         Sleeper sleeper) {
        this.eventBridge = Objects.requireNonNull(eventBridge, "eventBridge");
        this.busName = Objects.requireNonNull(busName, "busName");
        this.json = Objects.requireNonNull(json, "json");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public void syncEnabled(String userId, Instant enabledAt) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("userId", userId);
        detail.put("enabledAt", enabledAt.toString());
        send(List.of(entry(SYNC_ENABLED, detail)));
    }

    @Override
    public void sweepRequested(List<String> userIds, Instant scheduledAt) {
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (int from = 0; from < userIds.size(); from += BATCH) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("userIds", List.copyOf(userIds.subList(from, Math.min(from + BATCH, userIds.size()))));
            detail.put("scheduledAt", scheduledAt.toString());
            entries.add(entry(USER_SWEEP_REQUESTED, detail));
        }
        for (int from = 0; from < entries.size(); from += BATCH) {
            send(entries.subList(from, Math.min(from + BATCH, entries.size())));
        }
    }

    private PutEventsRequestEntry entry(String detailType, Map<String, Object> detail) {
        try {
            return PutEventsRequestEntry.builder()
                    .eventBusName(busName)
                    .source(SOURCE)
                    .detailType(detailType)
                    .detail(json.writeValueAsString(detail))
                    .build();
        } catch (JsonProcessingException e) {
            throw new PublishException("cannot encode " + detailType + " detail", e);
        }
    }

    /** Sends at most 10 entries; retries only the entries EventBridge rejected. */
    private void send(List<PutEventsRequestEntry> batch) {
        List<PutEventsRequestEntry> pending = batch;
        String lastError = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            PutEventsResponse response = put(pending);
            if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
                return;
            }
            List<PutEventsRequestEntry> failed = new ArrayList<>();
            List<PutEventsResultEntry> results = response.entries();
            for (int i = 0; i < pending.size(); i++) {
                // Results are in request order; an entry without an event id failed.
                PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
                if (result == null || result.eventId() == null || result.errorCode() != null) {
                    failed.add(pending.get(i));
                    lastError = result == null ? "no result" : result.errorCode();
                }
            }
            pending = failed;
            if (pending.isEmpty()) {
                return;
            }
            if (attempt < MAX_ATTEMPTS) {
                pause(100L << (attempt - 1));
            }
        }
        throw new PublishException(pending.size() + " of " + batch.size() + " events rejected by EventBridge after "
                + MAX_ATTEMPTS + " attempts (last error " + lastError + ")");
    }

    private PutEventsResponse put(List<PutEventsRequestEntry> entries) {
        try {
            return eventBridge.putEvents(r -> r.entries(entries));
        } catch (SdkException e) {
            throw new PublishException("PutEvents to " + busName + " failed", e);
        }
    }

    private void pause(long millis) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while retrying PutEvents");
        }
    }
}
