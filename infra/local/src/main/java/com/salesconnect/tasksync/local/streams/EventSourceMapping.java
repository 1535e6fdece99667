package com.salesconnect.tasksync.local.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.awsengine.StreamRecordsRead;
import com.salesconnect.tasksync.local.lambda.InvocationResult;
import com.salesconnect.tasksync.local.lambda.Invoker;
import com.salesconnect.tasksync.local.streams.ShardSource.StreamRecord;
import com.salesconnect.tasksync.local.template.StreamSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A DynamoDB stream event source mapping with Lambda's semantics, polling through the Streams API:
 * <ul>
 *   <li>records that match none of the FilterCriteria patterns are dropped (and count as processed);</li>
 *   <li>batches of up to BatchSize records, waiting up to MaximumBatchingWindowInSeconds for a batch to fill;</li>
 *   <li>records of a shard in order, one batch at a time; a child shard only after its parent is done;</li>
 *   <li>a function error retries the batch; with BisectBatchOnFunctionError it is split in two first (splitting
 *       consumes no retry); with ReportBatchItemFailures the records before the lowest failed sequence number are
 *       checkpointed and the rest retried, and a malformed failure list fails the whole batch;</li>
 *   <li>after MaximumRetryAttempts retries, or once a record is older than MaximumRecordAgeInSeconds, the batch is
 *       discarded and Lambda's invocation record is sent to the on-failure destination.</li>
 * </ul>
 * ParallelizationFactor is taken as 1: one batch per shard at a time (ordering is then stricter than AWS needs).
 */
public final class EventSourceMapping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventSourceMapping.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SHARD_REFRESH = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** How fast to poll and retry: Lambda polls a shard about four times a second. */
    public record Timing(Duration pollInterval, Duration retryBase) {
        public static final Timing DEFAULT = new Timing(Duration.ofMillis(200), Duration.ofMillis(200));
    }

    private enum Kind { SUCCESS, PARTIAL, FAILED }

    private record Outcome(Kind kind, int firstFailed) {
    }

    private final class ShardState {
        final String shardId;
        final String parentShardId;
        String iterator;
        String startPosition;
        /** What a read returns again (moto's racing writes) is not delivered again; where an expired iterator goes. */
        final StreamRecordsRead read = new StreamRecordsRead();
        boolean closed;
        final Deque<StreamRecord> buffer = new ArrayDeque<>();
        Instant firstBufferedAt;

        ShardState(String shardId, String parentShardId) {
            this.shardId = shardId;
            this.parentShardId = parentShardId;
        }

        boolean done() {
            return closed && buffer.isEmpty();
        }
    }

    private final String name;
    private final ShardSource source;
    private final StreamSettings settings;
    private final FilterCriteria filters;
    private final Invoker function;
    private final String functionArn;
    private final FailureDestination onFailure;
    private final Clock clock;
    private final Timing timing;
    private final Map<String, ShardState> shards = new LinkedHashMap<>();
    private final Set<String> finishedShards = new HashSet<>();
    private volatile boolean running;
    private volatile boolean idle;
    private Thread thread;
    private Instant shardsReadAt = Instant.EPOCH;
    private boolean started;

    public EventSourceMapping(String name, ShardSource source, StreamSettings settings, Invoker function,
                              String functionArn, FailureDestination onFailure, Clock clock, Timing timing) {
        this.name = name;
        this.source = source;
        this.settings = settings;
        this.filters = FilterCriteria.parse(settings.filterPatterns());
        this.function = function;
        this.functionArn = functionArn;
        this.onFailure = onFailure;
        this.clock = clock;
        this.timing = timing;
    }

    /** Starts polling on its own thread. */
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "esm-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** True when the last poll found every shard read to its end and nothing buffered or in flight. */
    public boolean idle() {
        return idle;
    }

    private void run() {
        LOG.info("event source mapping {} polling {}", name, source.streamArn());
        int failures = 0;
        while (running) {
            try {
                if (!pollOnce()) {
                    Thread.sleep(timing.pollInterval().toMillis());
                }
                failures = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // One failed poll is retried quietly (the engine may be stopping with the JVM); a run of them is not.
                if (++failures == 3) {
                    LOG.warn("event source mapping {}: polling keeps failing ({}); retrying", name,
                            e.getClass().getSimpleName());
                }
                sleepQuietly(timing.pollInterval().multipliedBy(5));
            }
        }
    }

    /** One synchronous round, without the polling thread (for tests). */
    boolean pollInline() {
        running = true;
        return pollOnce();
    }

    /**
     * One round over the shards: read what is new, deliver at most one batch per shard.
     *
     * @return true when something was read or delivered (poll again at once)
     */
    boolean pollOnce() {
        refreshShards();
        boolean worked = false;
        boolean allCaughtUp = true;
        for (ShardState shard : List.copyOf(shards.values())) {
            if (!running) {
                break;
            }
            if (shard.parentShardId != null && shards.containsKey(shard.parentShardId)
                    && !finishedShards.contains(shard.parentShardId)) {
                continue;
            }
            int read = read(shard);
            boolean delivered = deliverIfReady(shard);
            worked |= read > 0 || delivered;
            allCaughtUp &= read == 0 && shard.buffer.isEmpty();
            if (shard.done()) {
                finishedShards.add(shard.shardId);
            }
        }
        idle = allCaughtUp;
        return worked;
    }

    private void refreshShards() {
        Instant now = Instant.now();
        if (now.isBefore(shardsReadAt.plus(SHARD_REFRESH))) {
            return;
        }
        shardsReadAt = now;
        for (ShardSource.Shard shard : source.shards()) {
            if (shards.containsKey(shard.shardId())) {
                continue;
            }
            ShardState state = new ShardState(shard.shardId(), shard.parentShardId());
            // Shards present when the mapping starts begin at its StartingPosition; later ones from their start.
            state.startPosition = started ? "TRIM_HORIZON" : settings.startingPosition();
            state.iterator = source.iterator(shard.shardId(), state.startPosition);
            shards.put(shard.shardId(), state);
        }
        started = true;
    }

    private int read(ShardState shard) {
        if (shard.iterator == null || shard.buffer.size() >= settings.batchSize()) {
            return 0;
        }
        ShardSource.Page page;
        try {
            page = source.read(shard.iterator);
        } catch (ShardSource.IteratorExpiredException e) {
            String last = shard.read.highestSequenceNumber();
            shard.iterator = last == null
                    ? source.iterator(shard.shardId, shard.startPosition)
                    : source.iteratorAfter(shard.shardId, last);
            page = source.read(shard.iterator);
        }
        shard.iterator = page.nextIterator();
        shard.closed = page.nextIterator() == null;
        int fresh = 0;
        for (StreamRecord record : page.records()) {
            if (!shard.read.firstRead(record.json().path("eventID").asText(""), record.sequenceNumber())) {
                LOG.debug("event source mapping {}: {} record {} read again ({} so far), not delivered again", name,
                        shard.shardId, record.sequenceNumber(), shard.read.readAgain());
                continue;
            }
            fresh++;
            if (filters.accepts(record.json())) {
                if (shard.buffer.isEmpty()) {
                    shard.firstBufferedAt = Instant.now();
                }
                shard.buffer.add(record);
            }
        }
        return fresh;
    }

    private boolean deliverIfReady(ShardState shard) {
        if (shard.buffer.isEmpty()) {
            return false;
        }
        boolean full = shard.buffer.size() >= settings.batchSize();
        boolean windowOver = !Instant.now().isBefore(shard.firstBufferedAt.plus(settings.maxBatchingWindow()));
        if (!full && !windowOver && !shard.closed) {
            return false;
        }
        List<StreamRecord> batch = new ArrayList<>(settings.batchSize());
        for (StreamRecord record : shard.buffer) {
            if (batch.size() == settings.batchSize()) {
                break;
            }
            batch.add(record);
        }
        deliver(shard, batch);
        if (!shard.buffer.isEmpty()) {
            shard.firstBufferedAt = Instant.now();
        }
        return true;
    }

    /** Invokes until the batch succeeds or is discarded; splitting (bisect) delivers each half the same way. */
    private void deliver(ShardState shard, List<StreamRecord> batch) {
        List<StreamRecord> pending = batch;
        int retries = 0;
        int invocations = 0;
        while (running) {
            if (tooOld(pending)) {
                discard(shard, pending, "RecordAgeExceeded", invocations);
                return;
            }
            LOG.debug("event source mapping {}: {} record(s) of {}, sequence {} to {}", name, pending.size(),
                    shard.shardId, pending.get(0).sequenceNumber(), pending.get(pending.size() - 1).sequenceNumber());
            InvocationResult result = function.invoke(event(pending));
            invocations++;
            Outcome outcome = outcome(result, pending);
            switch (outcome.kind()) {
                case SUCCESS -> {
                    checkpoint(shard, pending);
                    return;
                }
                case PARTIAL -> {
                    checkpoint(shard, pending.subList(0, outcome.firstFailed()));
                    pending = List.copyOf(pending.subList(outcome.firstFailed(), pending.size()));
                }
                case FAILED -> {
                    if (settings.bisectOnError() && pending.size() > 1) {
                        int half = pending.size() / 2;
                        List<StreamRecord> second = List.copyOf(pending.subList(half, pending.size()));
                        deliver(shard, List.copyOf(pending.subList(0, half)));
                        deliver(shard, second);
                        return;
                    }
                }
            }
            retries++;
            if (settings.maxRetryAttempts() >= 0 && retries > settings.maxRetryAttempts()) {
                discard(shard, pending, "RetryAttemptsExhausted", invocations);
                return;
            }
            sleepQuietly(backoff(retries));
        }
    }

    private Outcome outcome(InvocationResult result, List<StreamRecord> batch) {
        if (result instanceof InvocationResult.FunctionError) {
            return new Outcome(Kind.FAILED, 0);
        }
        if (!settings.reportBatchItemFailures()) {
            // Without ReportBatchItemFailures Lambda ignores the response entirely.
            return new Outcome(Kind.SUCCESS, 0);
        }
        String payload = ((InvocationResult.Success) result).payload();
        JsonNode response;
        try {
            response = payload == null || payload.isBlank() ? null : JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return new Outcome(Kind.FAILED, 0);
        }
        JsonNode failures = response == null ? null : response.get("batchItemFailures");
        if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
            return new Outcome(Kind.SUCCESS, 0);
        }
        if (!failures.isArray()) {
            return new Outcome(Kind.FAILED, 0);
        }
        int lowest = Integer.MAX_VALUE;
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            int index = indexOf(batch, id);
            if (index < 0) {
                // A null, empty or unknown identifier: Lambda treats the whole batch as failed.
                return new Outcome(Kind.FAILED, 0);
            }
            lowest = Math.min(lowest, index);
        }
        return new Outcome(Kind.PARTIAL, lowest);
    }

    private static int indexOf(List<StreamRecord> batch, String sequenceNumber) {
        if (sequenceNumber.isEmpty()) {
            return -1;
        }
        BigInteger wanted;
        try {
            wanted = new BigInteger(sequenceNumber);
        } catch (NumberFormatException e) {
            return -1;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).sequence().equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private boolean tooOld(List<StreamRecord> batch) {
        Duration maxAge = settings.maxRecordAge();
        return maxAge != null && batch.get(0).approximateArrival().plus(maxAge).isBefore(Instant.now());
    }

    private void checkpoint(ShardState shard, List<StreamRecord> records) {
        for (StreamRecord record : records) {
            if (shard.buffer.peekFirst() != record) {
                throw new IllegalStateException("records must be checkpointed in order");
            }
            shard.buffer.pollFirst();
        }
    }

    private void discard(ShardState shard, List<StreamRecord> batch, String condition, int invocations) {
        LOG.warn("event source mapping {}: discarding {} record(s) of {} ({}, {} invocation(s))", name, batch.size(),
                shard.shardId, condition, invocations);
        try {
            onFailure.send(invocationRecord(shard.shardId, batch, condition, invocations));
        } catch (RuntimeException e) {
            LOG.error("event source mapping {}: the on-failure destination refused the record ({})", name,
                    e.getClass().getSimpleName());
        }
        checkpoint(shard, batch);
    }

    /** Lambda's invocation record for a discarded stream batch (the records themselves are not included). */
    String invocationRecord(String shardId, List<StreamRecord> batch, String condition, int invocations) {
        ObjectNode record = JSON.createObjectNode();
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", functionArn);
        request.put("condition", condition);
        request.put("approximateInvokeCount", invocations);
        ObjectNode response = record.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", "Unhandled");
        record.put("version", "1.0");
        record.put("timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode info = record.putObject("DDBStreamBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", batch.get(0).sequenceNumber());
        info.put("endSequenceNumber", batch.get(batch.size() - 1).sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", seconds(batch.get(0).approximateArrival()));
        info.put("approximateArrivalOfLastRecord", seconds(batch.get(batch.size() - 1).approximateArrival()));
        info.put("batchSize", batch.size());
        info.put("streamArn", source.streamArn());
        return record.toString();
    }

    private static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String event(List<StreamRecord> batch) {
        ObjectNode event = JSON.createObjectNode();
        batch.forEach(r -> event.withArray("Records").add(r.json()));
        return event.toString();
    }

    private Duration backoff(int retries) {
        Duration delay = timing.retryBase().multipliedBy(1L << Math.min(retries - 1, 10));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
