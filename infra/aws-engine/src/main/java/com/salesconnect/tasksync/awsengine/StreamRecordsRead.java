package com.salesconnect.tasksync.awsengine;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The records a stream reader read lately from one shard, by identity (a record's event id), so that a record read
 * again is not handed out again.
 *
 * <p>Why a reader needs it: moto numbers a stream's records from the stream's length without a lock, so writes that
 * race (moto_server answers on several threads) can share a sequence number or take them out of order, and the
 * iterator it returns after a page starts just after the page's highest number: a record sharing that number comes
 * back on every read (the bench met one delivered 543 times). Lambda's event source mapping keeps its place in a shard
 * and DynamoDB never numbers two records alike, so dropping what was read already is what both do. Nothing is
 * skipped: moto gives a record a number no higher than its place in the shard, so the next read never starts beyond
 * a record not read yet.
 */
public final class StreamRecordsRead {

    /** Far more than a read can return again (a few records that raced). */
    static final int REMEMBERED = 4_096;

    private final Set<String> recent = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });
    private long readAgain;
    private BigInteger highest;

    /**
     * True the first time a record is read, false (and counted) when it is read again. A record is its event id,
     * or its sequence number where a source gives none.
     */
    public boolean firstRead(String eventId, String sequenceNumber) {
        String identity = eventId == null || eventId.isEmpty() ? "sequence:" + sequenceNumber : eventId;
        if (!recent.add(identity)) {
            readAgain++;
            return false;
        }
        BigInteger sequence = new BigInteger(sequenceNumber);
        if (highest == null || sequence.compareTo(highest) > 0) {
            highest = sequence;
        }
        return true;
    }

    /** The highest sequence number read, where an expired iterator continues; null before the first record. */
    public String highestSequenceNumber() {
        return highest == null ? null : highest.toString();
    }

    /** How many records were read again so far. */
    public long readAgain() {
        return readAgain;
    }
}
