package com.salesconnect.tasksync.local.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** The part of the DynamoDB Streams API an event source mapping reads: shards, iterators, records. */
public interface ShardSource {

    /** @param parentShardId null for a shard without a parent */
    record Shard(String shardId, String parentShardId) {
    }

    /**
     * One record in Lambda's JSON shape, with what the mapping needs to order and age it.
     *
     * @param json the record as it goes into the event's {@code Records} array
     */
    record StreamRecord(ObjectNode json, String sequenceNumber, Instant approximateArrival) {

        public BigInteger sequence() {
            return new BigInteger(sequenceNumber);
        }
    }

    /** @param nextIterator null when the shard is closed and fully read */
    record Page(List<StreamRecord> records, String nextIterator) {
        public Page {
            records = List.copyOf(records);
        }
    }

    /** A shard iterator expired (they live 15 minutes): ask for a new one after the last record read. */
    final class IteratorExpiredException extends RuntimeException {
        public IteratorExpiredException(Throwable cause) {
            super("shard iterator expired", cause);
        }
    }

    String streamArn();

    List<Shard> shards();

    /** @param position TRIM_HORIZON or LATEST */
    String iterator(String shardId, String position);

    /** An iterator just after {@code sequenceNumber}, to continue after an expired one. */
    String iteratorAfter(String shardId, String sequenceNumber);

    /** @throws IteratorExpiredException when the iterator is too old */
    Page read(String iterator);
}
