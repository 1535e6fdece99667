package com.salesconnect.tasksync.awsengine;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a table's DynamoDB stream with the Streams API, the way Lambda's event source mapping does: every shard
 * from a starting position, a child shard only after its parent was read to its end, each record once. Tests use
 * it to hand the real records of an engine to a stream handler; the local runtime uses it for its event source
 * mapping. Not thread-safe per instance beyond {@link #poll}, which is synchronized.
 */
public final class DynamoDbStreamReader {

    /** Where reading starts in shards that exist when the reader is created (as Lambda's StartingPosition). */
    public enum StartingPosition {
        /** The oldest record still in the stream. */
        TRIM_HORIZON,
        /** Only records written after the reader was created. */
        LATEST
    }

    /** Reading state of one shard. */
    private static final class ShardPosition {
        final String shardId;
        final String parentShardId;
        String iterator;
        /** Read from the shard, not handed out yet: a read asks for a whole page whatever {@code poll} wants. */
        final Deque<Record> unread = new ArrayDeque<>();
        final StreamRecordsRead read = new StreamRecordsRead();
        boolean finished;

        ShardPosition(String shardId, String parentShardId) {
            this.shardId = shardId;
            this.parentShardId = parentShardId;
        }
    }

    /** GetRecords returns at most 1,000 records a call. */
    private static final int PAGE = 1_000;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Map<String, ShardPosition> shards = new LinkedHashMap<>();

    public DynamoDbStreamReader(DynamoDbStreamsClient streams, String streamArn, StartingPosition start) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.streamArn = Objects.requireNonNull(streamArn, "streamArn");
        // Shards of the moment are positioned now, so that LATEST means "after this constructor".
        discoverShards(Objects.requireNonNull(start, "start"));
    }

    /** A reader of the stream of {@code tableName} (which must have a stream enabled). */
    public static DynamoDbStreamReader forTable(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams,
                                                String tableName, StartingPosition start) {
        String arn = dynamoDb.describeTable(r -> r.tableName(tableName)).table().latestStreamArn();
        if (arn == null) {
            throw new IllegalArgumentException("table " + tableName + " has no stream");
        }
        return new DynamoDbStreamReader(streams, arn, start);
    }

    public String streamArn() {
        return streamArn;
    }

    /** The records written since the last poll (at most {@code maxRecords}), in stream order. */
    public synchronized List<Record> poll(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1");
        }
        // Shards created since the last poll are children: all their records are new.
        discoverShards(StartingPosition.TRIM_HORIZON);
        List<Record> out = new ArrayList<>();
        for (ShardPosition shard : shards.values()) {
            if (out.size() >= maxRecords) {
                break;
            }
            if (shard.finished || !parentFinished(shard)) {
                continue;
            }
            if (shard.unread.isEmpty() && shard.iterator != null) {
                readPage(shard);
            }
            while (out.size() < maxRecords && !shard.unread.isEmpty()) {
                out.add(shard.unread.pollFirst());
            }
            shard.finished = shard.iterator == null && shard.unread.isEmpty();
        }
        return out;
    }

    /** {@link #poll} as the Lambda event a stream handler receives; its records may be empty. */
    public DynamodbEvent pollEvent(int maxRecords) {
        return DynamodbEvents.toEvent(streamArn, poll(maxRecords));
    }

    /**
     * One page of the shard into {@code unread}, without what was read before (moto's racing writes, see
     * {@link StreamRecordsRead}); a whole page, so that a page of such records alone still moves past them.
     */
    private void readPage(ShardPosition shard) {
        GetRecordsResponse response = read(shard, PAGE);
        for (Record record : response.records()) {
            if (shard.read.firstRead(record.eventID(), record.dynamodb().sequenceNumber())) {
                shard.unread.add(record);
            }
        }
        shard.iterator = response.nextShardIterator();
    }

    private GetRecordsResponse read(ShardPosition shard, int limit) {
        try {
            return streams.getRecords(r -> r.shardIterator(shard.iterator).limit(limit));
        } catch (ExpiredIteratorException e) {
            // Iterators live 15 minutes: continue after the last record read (what was read and not handed out yet
            // waits in the shard's unread records). Before the first record there is no position to resume from, so
            // the shard is read again from its start: a replay (which at-least-once consumers tolerate) rather than
            // a gap.
            String last = shard.read.highestSequenceNumber();
            shard.iterator = last == null
                    ? iterator(shard.shardId, ShardIteratorType.TRIM_HORIZON, null)
                    : iterator(shard.shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, last);
            return streams.getRecords(r -> r.shardIterator(shard.iterator).limit(limit));
        }
    }

    private boolean parentFinished(ShardPosition shard) {
        ShardPosition parent = shard.parentShardId == null ? null : shards.get(shard.parentShardId);
        // A parent that is not listed any more has been trimmed away: nothing of it is left to read.
        return parent == null || parent.finished;
    }

    private void discoverShards(StartingPosition start) {
        String from = null;
        do {
            String exclusiveStart = from;
            DescribeStreamResponse response = streams.describeStream(r -> r.streamArn(streamArn)
                    .exclusiveStartShardId(exclusiveStart));
            for (Shard shard : response.streamDescription().shards()) {
                if (!shards.containsKey(shard.shardId())) {
                    ShardPosition position = new ShardPosition(shard.shardId(), shard.parentShardId());
                    position.iterator = iterator(shard.shardId(), start == StartingPosition.LATEST
                            ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON, null);
                    shards.put(shard.shardId(), position);
                }
            }
            from = response.streamDescription().lastEvaluatedShardId();
        } while (from != null);
    }

    private String iterator(String shardId, ShardIteratorType type, String sequenceNumber) {
        return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId).shardIteratorType(type)
                .sequenceNumber(sequenceNumber)).shardIterator();
    }
}
