package com.salesconnect.tasksync.emulator.outbound;

import com.salesconnect.tasksync.emulator.ids.IdGenerator;
import com.salesconnect.tasksync.emulator.ids.KeyPrefix;
import com.salesconnect.tasksync.emulator.oauth.OAuthServer;
import com.salesconnect.tasksync.emulator.org.Org;
import com.salesconnect.tasksync.emulator.sobject.FieldDef;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Salesforce's outbound-message queue: changes are queued as notifications, batched (up to 100 per message,
 * one endpoint per message) and posted by a background thread until the listener acknowledges them. As in
 * Salesforce, a message carries the record's data as it is when the message is sent (so a queued notification
 * absorbs later changes to its record), failed messages are retried with exponential back-off independently of
 * each other (so order is not kept), and a message is dropped once it is older than the give-up period.
 * Faults can drop, duplicate or reorder messages.
 */
public final class OutboundDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundDispatcher.class);
    private static final int MAX_NOTIFICATIONS = 100;
    private static final int MAX_LOG = 10_000;
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Held (reordered) messages are released after this long even if fewer than asked for arrived. */
    private static final long HOLD_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final String API_VERSION = "62.0";

    private record Pending(String notificationId, Org org, String taskId, URI endpoint, Instant queuedAt,
                           long queuedNanos) {
    }

    private static final class Message {
        private final String id;
        private final Org org;
        private final URI endpoint;
        private final List<Pending> notifications;
        private final Instant createdAt;
        private int attempts;
        private long dueNanos;
        private String frozenBody;

        private Message(String id, Org org, URI endpoint, List<Pending> notifications) {
            this.id = id;
            this.org = org;
            this.endpoint = endpoint;
            this.notifications = List.copyOf(notifications);
            this.createdAt = notifications.get(0).queuedAt();
        }

        private boolean holds(Org o, String taskId) {
            return org == o && notifications.stream().anyMatch(p -> p.taskId().equals(taskId));
        }
    }

    private sealed interface Work {
    }

    private record Send(Message message) implements Work {
    }

    private record ReleaseHeld(List<Message> messages) implements Work {
    }

    private final Clock clock;
    private final OutboundConfig config;
    private final IdGenerator ids;
    private final OAuthServer oauth;
    private final Supplier<String> baseUrl;
    private final HttpClient http;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Pending> fresh = new ArrayList<>();
    private final List<Message> waiting = new ArrayList<>();
    private final List<Message> held = new ArrayList<>();
    private final List<DeliveryLogEntry> log = new ArrayList<>();
    private final Map<String, String> sessions = new HashMap<>();
    private final AtomicLong messageSequence = new AtomicLong();
    private final Thread thread;
    private long heldSinceNanos;
    private int inFlight;
    private int dropNext;
    private int duplicateNext;
    private int reorderNext;
    private volatile boolean running = true;

    public OutboundDispatcher(Clock clock, OutboundConfig config, IdGenerator ids, OAuthServer oauth,
                              Supplier<String> baseUrl) {
        this.clock = clock;
        this.config = config;
        this.ids = ids;
        this.oauth = oauth;
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.thread = new Thread(this::run, "salesforce-emulator-outbound");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public OutboundConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ queueing

    /** Queues a notification for each record whose owner (or org) has an endpoint. */
    public void enqueue(Org org, List<SObjectRecord> records) {
        lock.lock();
        try {
            for (SObjectRecord r : records) {
                org.outboundEndpointFor(r.string("OwnerId")).ifPresent(endpoint -> {
                    if (!alreadyQueued(org, r.id())) {
                        fresh.add(new Pending(ids.next(KeyPrefix.OUTBOUND_NOTIFICATION), org, r.id(), endpoint,
                                clock.instant(), System.nanoTime()));
                    }
                });
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A queued, not yet delivered notification of the record will carry its latest data anyway. */
    private boolean alreadyQueued(Org org, String taskId) {
        return fresh.stream().anyMatch(p -> p.org() == org && p.taskId().equals(taskId))
                || waiting.stream().anyMatch(m -> m.holds(org, taskId));
    }

    // ------------------------------------------------------------------ faults and inspection

    public void dropNext(int messages) {
        withLock(() -> dropNext += messages);
    }

    public void duplicateNext(int messages) {
        withLock(() -> duplicateNext += messages);
    }

    /** Holds the next {@code messages} messages back and then sends them newest first. */
    public void reorderNext(int messages) {
        withLock(() -> reorderNext += messages);
    }

    public void clearFaults() {
        withLock(() -> {
            dropNext = 0;
            duplicateNext = 0;
            reorderNext = 0;
        });
    }

    public List<DeliveryLogEntry> log() {
        lock.lock();
        try {
            return List.copyOf(log);
        } finally {
            lock.unlock();
        }
    }

    public void clearLog() {
        withLock(log::clear);
    }

    /** Waits until nothing is queued, waiting for a retry, held or being sent. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (!(fresh.isEmpty() && waiting.isEmpty() && held.isEmpty() && inFlight == 0)) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        withLock(changed::signalAll);
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ the sending thread

    private void run() {
        while (running) {
            Work work;
            lock.lock();
            try {
                work = nextWork();
                if (work == null) {
                    changed.awaitNanos(nanosUntilNextWork());
                    continue;
                }
                inFlight++;
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
                continue;
            } finally {
                lock.unlock();
            }
            try {
                perform(work);
            } catch (RuntimeException e) {
                LOG.error("outbound message dispatch failed", e);
            } finally {
                withLock(() -> {
                    inFlight--;
                    changed.signalAll();
                });
            }
        }
    }

    /** Called with the lock held. */
    private Work nextWork() {
        long now = System.nanoTime();
        giveUpExpired();
        if (!held.isEmpty() && (reorderNext == 0 || now - heldSinceNanos >= HOLD_TIMEOUT_NANOS)) {
            List<Message> release = new ArrayList<>(held);
            Collections.reverse(release);
            held.clear();
            return new ReleaseHeld(release);
        }
        for (int i = 0; i < waiting.size(); i++) {
            if (waiting.get(i).dueNanos - now <= 0) {
                return new Send(waiting.remove(i));
            }
        }
        if (!fresh.isEmpty() && now - fresh.get(0).queuedNanos() >= config.batchWindow().toNanos()) {
            Pending first = fresh.get(0);
            List<Pending> batch = new ArrayList<>();
            for (Pending p : fresh) {
                boolean sameTarget = p.org() == first.org() && p.endpoint().equals(first.endpoint());
                if (batch.size() < MAX_NOTIFICATIONS && sameTarget) {
                    batch.add(p);
                }
            }
            fresh.removeAll(batch);
            return new Send(new Message("m" + messageSequence.incrementAndGet(), first.org(), first.endpoint(), batch));
        }
        return null;
    }

    /** Called with the lock held. */
    private long nanosUntilNextWork() {
        long now = System.nanoTime();
        long wait = IDLE_POLL_NANOS;
        for (Message m : waiting) {
            wait = Math.min(wait, m.dueNanos - now);
        }
        if (!fresh.isEmpty()) {
            wait = Math.min(wait, fresh.get(0).queuedNanos() + config.batchWindow().toNanos() - now);
        }
        if (!held.isEmpty()) {
            wait = Math.min(wait, heldSinceNanos + HOLD_TIMEOUT_NANOS - now);
        }
        return Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1));
    }

    /** Called with the lock held: messages older than the give-up period are discarded. */
    private void giveUpExpired() {
        waiting.removeIf(m -> {
            boolean expired = tooOld(m);
            if (expired) {
                record(m, DeliveryLogEntry.Outcome.GAVE_UP, 0);
                LOG.info("outbound message {} to {} given up after {} attempts", m.id, redacted(m.endpoint),
                        m.attempts);
            }
            return expired;
        });
    }

    private boolean tooOld(Message m) {
        return Duration.between(m.createdAt, clock.instant()).compareTo(config.giveUpAfter()) >= 0;
    }

    private void perform(Work work) {
        if (work instanceof ReleaseHeld release) {
            release.messages().forEach(m -> deliver(m, m.frozenBody));
            return;
        }
        Message m = ((Send) work).message();
        if (tooOld(m)) {
            withLock(() -> record(m, DeliveryLogEntry.Outcome.GAVE_UP, 0));
            return;
        }
        m.attempts++;
        String body = build(m);
        lock.lock();
        try {
            if (dropNext > 0) {
                dropNext--;
                record(m, DeliveryLogEntry.Outcome.DROPPED, 0);
                return;
            }
            if (reorderNext > 0) {
                reorderNext--;
                m.frozenBody = body;
                if (held.isEmpty()) {
                    heldSinceNanos = System.nanoTime();
                }
                held.add(m);
                record(m, DeliveryLogEntry.Outcome.HELD, 0);
                return;
            }
        } finally {
            lock.unlock();
        }
        deliver(m, body);
    }

    private void deliver(Message m, String body) {
        Answer answer = post(m.endpoint, body);
        lock.lock();
        try {
            record(m, answer.outcome(), answer.status());
            if (answer.outcome() != DeliveryLogEntry.Outcome.ACKED) {
                long delay = retryDelay(m.attempts).toNanos();
                m.dueNanos = System.nanoTime() + delay;
                m.frozenBody = null;
                waiting.add(m);
                return;
            }
            if (duplicateNext == 0) {
                return;
            }
            duplicateNext--;
        } finally {
            lock.unlock();
        }
        Answer again = post(m.endpoint, body);
        withLock(() -> record(m, DeliveryLogEntry.Outcome.DUPLICATE_SENT, again.status()));
    }

    private Duration retryDelay(int attempts) {
        Duration delay = config.retryBase();
        for (int i = 1; i < attempts && delay.compareTo(config.retryMax()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.retryMax()) > 0 ? config.retryMax() : delay;
    }

    private record Answer(DeliveryLogEntry.Outcome outcome, int status) {
    }

    private Answer post(URI endpoint, String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(config.timeout())
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] answer;
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_ANSWER_BYTES);
            }
            boolean acked = response.statusCode() == 200 && SoapMessages.isAck(answer);
            return new Answer(acked ? DeliveryLogEntry.Outcome.ACKED : DeliveryLogEntry.Outcome.NOT_ACKED,
                    response.statusCode());
        } catch (IOException e) {
            return new Answer(DeliveryLogEntry.Outcome.UNREACHABLE, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(DeliveryLogEntry.Outcome.UNREACHABLE, 0);
        }
    }

    /** The message with each record's current data; a record deleted meanwhile is sent as its Id alone. */
    private String build(Message m) {
        List<SoapMessages.Notification> notifications = new ArrayList<>();
        for (Pending p : m.notifications) {
            SObjectRecord record = m.org.tasks().find(p.taskId()).filter(r -> !r.isDeleted()).orElse(null);
            notifications.add(new SoapMessages.Notification(p.notificationId(), p.taskId(), record));
        }
        String org15 = m.org.id().substring(0, 15);
        String base = baseUrl.get();
        SoapMessages.Envelope envelope = new SoapMessages.Envelope(m.org.id(), m.org.outboundActionId(),
                config.sendSessionId() ? session(m.org) : null,
                base + "/services/Soap/c/" + API_VERSION + "/" + org15,
                base + "/services/Soap/u/" + API_VERSION + "/" + org15);
        return SoapMessages.notifications(envelope, notifications, fields(m.org), config.nullsAsNil());
    }

    private List<String> fields(Org org) {
        List<String> names = new ArrayList<>();
        names.add("Id");
        if (config.fields().isEmpty()) {
            org.taskSchema().fields().stream().map(FieldDef::name).filter(n -> !n.equals("Id")).sorted()
                    .forEach(names::add);
        } else {
            config.fields().stream().filter(n -> !n.equalsIgnoreCase("Id"))
                    .map(n -> org.taskSchema().field(n).map(FieldDef::name).orElse(n)).forEach(names::add);
        }
        return names;
    }

    /** The "send as" user's session, reused while it lasts, as Salesforce does. */
    private String session(Org org) {
        lock.lock();
        try {
            String current = sessions.get(org.id());
            if (current == null || !oauth.isUsable(current)) {
                current = oauth.mintSession(org, org.admin());
                sessions.put(org.id(), current);
            }
            return current;
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private void record(Message m, DeliveryLogEntry.Outcome outcome, int status) {
        if (log.size() >= MAX_LOG) {
            log.remove(0);
        }
        log.add(new DeliveryLogEntry(clock.instant(), m.id, m.org.id(), m.endpoint,
                m.notifications.stream().map(Pending::notificationId).toList(),
                m.notifications.stream().map(Pending::taskId).toList(), m.attempts, outcome, status));
        LOG.debug("outbound message {} attempt {} to {} ({} notifications): {} {}", m.id, m.attempts,
                redacted(m.endpoint), m.notifications.size(), outcome, status);
        changed.signalAll();
    }

    /** A listener URL often carries a secret token in its path or query: logs show only where it points. */
    private static String redacted(URI endpoint) {
        String port = endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort();
        return endpoint.getScheme() + "://" + endpoint.getHost() + port + "/...";
    }

    private void withLock(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }
}
