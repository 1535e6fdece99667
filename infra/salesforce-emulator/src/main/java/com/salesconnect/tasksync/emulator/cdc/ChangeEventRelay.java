package com.salesconnect.tasksync.emulator.cdc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.emulator.http.Json;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.emulator.sobject.TaskTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Salesforce Change Data Capture for Task, relayed as Event Relay does: every create, edit, delete and undelete
 * becomes a {@code TaskChangeEvent} put into an EventBridge bus (PutEvents, signed by hand) with source
 * {@code aws.partner/salesforce.com/<orgId>/<channelId>} and {@code detail.payload} = the change event (a
 * {@code ChangeEventHeader} and the fields the change set). A change made through the REST API carries
 * {@code changeOrigin} {@code com/salesforce/api/rest/<version>[;client=<id>]}, the client id from the call's
 * {@code Sforce-Call-Options} header. Off until {@link #relayTo} names a bus.
 *
 * <p>Faults, like outbound messaging's: the next n events are dropped, sent twice, held back and sent after the
 * next one (reordered), or sent as GAP events (header only), or replaced by one GAP_OVERFLOW.
 */
public final class ChangeEventRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeEventRelay.class);
    public static final String CHANNEL_ID = "0YL5g000000CdcEGAS";
    private static final int MAX_ATTEMPTS = 3;

    /** Where events go: an EventBridge endpoint (moto locally), its region, the bus and (any) credentials. */
    public record Target(URI endpoint, String region, String busName, String accessKey, String secretKey) {
    }

    /** One event as published (for tests and the admin API). */
    public record Published(String changeType, List<String> recordIds, String changeOrigin, Instant commitTimestamp,
                            String detail) {
    }

    private final Clock clock;
    private final ThreadLocal<String> callOrigin = new ThreadLocal<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Deque<ObjectNode> queue = new ArrayDeque<>();
    private final List<Published> published = new ArrayList<>();
    private volatile Target target;
    /** Orgs that have not selected Task for Change Data Capture: their changes publish nothing. */
    private final Set<String> notCaptured = ConcurrentHashMap.newKeySet();
    private int dropNext;
    private int duplicateNext;
    private int reorderNext;
    private int gapNext;
    private int overflowNext;
    private ObjectNode held;
    private int inFlight;
    private volatile boolean running = true;
    private final Thread sender;

    public ChangeEventRelay(Clock clock) {
        this.clock = clock;
        this.sender = new Thread(this::run, "change-event-relay");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Starts relaying to {@code to}; null stops it (changes made meanwhile are not relayed, as with a stopped relay). */
    public void relayTo(Target to) {
        this.target = to;
    }

    /**
     * Whether the org publishes Task change events (in Salesforce: Task selected for Change Data Capture in the
     * org's setup); every org does unless told otherwise.
     */
    public void capture(String orgId, boolean on) {
        if (on) {
            notCaptured.remove(orgId);
        } else {
            notCaptured.add(orgId);
        }
    }

    public Target target() {
        return target;
    }

    /**
     * The changeOrigin of the REST call the current thread serves ({@code com/salesforce/api/rest/62.0;client=..},
     * the client from its {@code Sforce-Call-Options} header); unset for the admin API (a person in the UI).
     */
    public ThreadLocal<String> callOrigin() {
        return callOrigin;
    }

    public synchronized void dropNext(int n) {
        dropNext += n;
    }

    public synchronized void duplicateNext(int n) {
        duplicateNext += n;
    }

    public synchronized void reorderNext(int n) {
        reorderNext += n;
    }

    public synchronized void gapNext(int n) {
        gapNext += n;
    }

    public synchronized void overflowNext(int n) {
        overflowNext += n;
    }

    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    /** Waits until every captured event was sent (or given up); false on time-out. */
    public boolean awaitIdle(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!queue.isEmpty() || inFlight > 0 || held != null) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The org's capture listener: one event per changed record, in commit order, except that the deletions of one
     * call are one event with all their ids, as Salesforce merges the same change of several records of a
     * transaction into one event (a DELETE carries no field that could differ).
     */
    public TaskTable.CaptureListener listenerFor(String orgId) {
        return (changeType, records) -> {
            if (target == null || notCaptured.contains(orgId) || records.isEmpty()) {
                return;
            }
            String origin = callOrigin.get() == null ? "" : callOrigin.get();
            if (changeType.equals("DELETE")) {
                ObjectNode merged = event(orgId, changeType, records.get(0), origin);
                ArrayNode ids = header(merged).putArray("recordIds");
                records.forEach(c -> ids.add(c.record().id()));
                enqueue(merged);
                return;
            }
            for (TaskTable.Captured c : records) {
                enqueue(event(orgId, changeType, c, origin));
            }
        };
    }

    private ObjectNode event(String orgId, String changeType, TaskTable.Captured c, String origin) {
        SObjectRecord r = c.record();
        Instant committed = r.instant("SystemModstamp");
        ObjectNode payload = Json.object();
        ObjectNode header = payload.putObject("ChangeEventHeader");
        header.put("entityName", "Task");
        header.putArray("recordIds").add(r.id());
        header.put("changeType", changeType);
        ArrayNode changed = header.putArray("changedFields");
        if (changeType.equals("UPDATE")) {
            c.changedFields().forEach(changed::add);
        }
        header.put("changeOrigin", origin);
        header.put("transactionKey", UUID.randomUUID().toString());
        header.put("sequenceNumber", 1);
        header.put("commitTimestamp", committed.toEpochMilli());
        header.put("commitUser", r.string("LastModifiedById"));
        header.put("commitNumber", committed.toEpochMilli() * 1000);
        if (!changeType.equals("DELETE")) {
            for (String f : c.changedFields()) {
                Object v = r.get(f);
                if (v == null) {
                    payload.putNull(f);
                } else if (v instanceof Boolean b) {
                    payload.put(f, b);
                } else if (v instanceof Number n) {
                    payload.put(f, n.toString());
                } else if (v instanceof Instant || v instanceof LocalDate) {
                    payload.put(f, v.toString());
                } else {
                    payload.put(f, v.toString());
                }
            }
        }
        ObjectNode entry = Json.object();
        entry.put("Source", "aws.partner/salesforce.com/" + orgId + "/" + CHANNEL_ID);
        entry.put("DetailType", "TaskChangeEvent");
        ObjectNode detail = Json.object();
        detail.set("payload", payload);
        detail.put("schemaId", "emulatorTaskChangeEvent");
        detail.put("id", UUID.randomUUID().toString());
        entry.set("detail", detail);
        return entry;
    }

    private synchronized void enqueue(ObjectNode entry) {
        if (overflowNext > 0) {
            overflowNext--;
            ObjectNode header = header(entry);
            header.put("changeType", "GAP_OVERFLOW");
            header.putArray("recordIds");
            stripFields(entry);
        } else if (gapNext > 0) {
            gapNext--;
            ObjectNode header = header(entry);
            header.put("changeType", "GAP_" + header.path("changeType").asText());
            stripFields(entry);
        }
        if (dropNext > 0) {
            dropNext--;
            LOG.info("change event dropped (fault)");
            return;
        }
        if (reorderNext > 0 && held == null) {
            reorderNext--;
            held = entry;
            return;
        }
        queue.add(entry);
        if (duplicateNext > 0) {
            duplicateNext--;
            queue.add(entry.deepCopy());
        }
        if (held != null) {
            queue.add(held);
            held = null;
        }
        notifyAll();
    }

    private static ObjectNode header(ObjectNode entry) {
        return (ObjectNode) entry.path("detail").path("payload").path("ChangeEventHeader");
    }

    private static void stripFields(ObjectNode entry) {
        ObjectNode payload = (ObjectNode) entry.path("detail").path("payload");
        ObjectNode header = (ObjectNode) payload.get("ChangeEventHeader");
        payload.removeAll();
        payload.set("ChangeEventHeader", header);
        header.putArray("changedFields");
    }

    private void run() {
        while (running) {
            List<ObjectNode> batch = new ArrayList<>();
            synchronized (this) {
                while (running && queue.isEmpty()) {
                    try {
                        wait(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                    // A held event waits for the next one at most a second (then it goes alone).
                    if (held != null && queue.isEmpty()) {
                        queue.add(held);
                        held = null;
                    }
                }
                while (!queue.isEmpty() && batch.size() < 10) {
                    batch.add(queue.poll());
                }
                inFlight = batch.size();
            }
            send(batch);
            synchronized (this) {
                inFlight = 0;
                notifyAll();
            }
        }
    }

    private void send(List<ObjectNode> batch) {
        Target to = target;
        if (to == null || batch.isEmpty()) {
            return;
        }
        ObjectNode body = Json.object();
        ArrayNode entries = body.putArray("Entries");
        for (ObjectNode e : batch) {
            entries.add(Json.object().put("Source", e.get("Source").asText())
                    .put("DetailType", e.get("DetailType").asText())
                    .put("Detail", e.get("detail").toString())
                    .put("EventBusName", to.busName()));
        }
        String json = body.toString();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(to.endpoint().resolve("/"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", "AWSEvents.PutEvents")
                        .POST(HttpRequest.BodyPublishers.ofString(json));
                SigV4.headers(to.endpoint(), to.region(), "events", "AWSEvents.PutEvents", json, to.accessKey(),
                        to.secretKey(), Instant.now()).forEach(request::header);
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && Json.MAPPER.readTree(response.body())
                        .path("FailedEntryCount").asInt(0) == 0) {
                    record(batch);
                    return;
                }
                LOG.warn("PutEvents answered HTTP {} (attempt {}/{})", response.statusCode(), attempt, MAX_ATTEMPTS);
            } catch (java.io.IOException e) {
                LOG.warn("PutEvents failed: {} (attempt {}/{})", e.getClass().getSimpleName(), attempt, MAX_ATTEMPTS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warn("{} change event(s) given up", batch.size());
    }

    private synchronized void record(List<ObjectNode> batch) {
        for (ObjectNode e : batch) {
            ObjectNode header = header(e);
            List<String> ids = new ArrayList<>();
            header.path("recordIds").forEach(id -> ids.add(id.asText()));
            published.add(new Published(header.path("changeType").asText(), ids,
                    header.path("changeOrigin").asText(), Instant.ofEpochMilli(header.path("commitTimestamp")
                    .asLong()), e.get("detail").toString()));
        }
    }

    /** When the emulator's clock says now (for logs). */
    Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
    }
}
