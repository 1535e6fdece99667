package com.salesconnect.tasksync.local.streams;

import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link ShardSource} over the DynamoDB Streams API (DescribeStream, GetShardIterator, GetRecords). */
public final class DynamoDbShardSource implements ShardSource {

    /** GetRecords returns at most 1,000 records a call. */
    private static final int MAX_RECORDS = 1000;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;

    public DynamoDbShardSource(DynamoDbStreamsClient streams, String streamArn) {
        this.streams = streams;
        this.streamArn = streamArn;
    }

    @Override
    public String streamArn() {
        return streamArn;
    }

    @Override
    public List<Shard> shards() {
        List<Shard> shards = new ArrayList<>();
        String from = null;
        do {
            String start = from;
            DescribeStreamResponse response = streams.describeStream(r -> r.streamArn(streamArn)
                    .exclusiveStartShardId(start));
            for (software.amazon.awssdk.services.dynamodb.model.Shard shard : response.streamDescription().shards()) {
                shards.add(new Shard(shard.shardId(), shard.parentShardId()));
            }
            from = response.streamDescription().lastEvaluatedShardId();
        } while (from != null);
        return shards;
    }

    @Override
    public String iterator(String shardId, String position) {
        return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId).shardIteratorType(position))
                .shardIterator();
    }

    @Override
    public String iteratorAfter(String shardId, String sequenceNumber) {
        return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(sequenceNumber))
                .shardIterator();
    }

    @Override
    public Page read(String iterator) {
        GetRecordsResponse response;
        try {
            response = streams.getRecords(r -> r.shardIterator(iterator).limit(MAX_RECORDS));
        } catch (ExpiredIteratorException e) {
            throw new IteratorExpiredException(e);
        }
        List<StreamRecord> records = new ArrayList<>();
        for (Record record : response.records()) {
            Instant arrival = record.dynamodb().approximateCreationDateTime();
            records.add(new StreamRecord(StreamRecordJson.of(record, streamArn), record.dynamodb().sequenceNumber(),
                    arrival == null ? Instant.now() : arrival));
        }
        return new Page(records, response.nextShardIterator());
    }
}
