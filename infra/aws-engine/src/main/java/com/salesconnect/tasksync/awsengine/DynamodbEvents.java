package com.salesconnect.tasksync.awsengine;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns records read with the DynamoDB Streams API (SDK v2) into the event Lambda hands a stream handler
 * ({@link DynamodbEvent}), as Lambda's event source mapping does: the same record fields, the stream's ARN as
 * {@code eventSourceARN}, the table's region as {@code awsRegion}.
 */
public final class DynamodbEvents {

    private DynamodbEvents() {
    }

    /** The event of one batch of records, in the order given. */
    public static DynamodbEvent toEvent(String streamArn, List<Record> records) {
        List<DynamodbEvent.DynamodbStreamRecord> converted = new ArrayList<>(records.size());
        for (Record record : records) {
            converted.add(toLambda(streamArn, record));
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(converted);
        return event;
    }

    public static DynamodbEvent.DynamodbStreamRecord toLambda(String streamArn, Record record) {
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(record.eventID());
        out.setEventName(record.eventNameAsString());
        out.setEventVersion(record.eventVersion());
        out.setEventSource(record.eventSource());
        // The region of the table the stream belongs to (some engines report a fixed region in the record).
        out.setAwsRegion(regionOf(streamArn, record.awsRegion()));
        out.setEventSourceARN(streamArn);
        if (record.userIdentity() != null) {
            Identity identity = new Identity();
            identity.setType(record.userIdentity().type());
            identity.setPrincipalId(record.userIdentity().principalId());
            out.setUserIdentity(identity);
        }
        software.amazon.awssdk.services.dynamodb.model.StreamRecord in = record.dynamodb();
        if (in != null) {
            StreamRecord stream = new StreamRecord();
            if (in.approximateCreationDateTime() != null) {
                stream.setApproximateCreationDateTime(Date.from(in.approximateCreationDateTime()));
            }
            stream.setKeys(in.hasKeys() ? toLambda(in.keys()) : null);
            stream.setNewImage(in.hasNewImage() ? toLambda(in.newImage()) : null);
            stream.setOldImage(in.hasOldImage() ? toLambda(in.oldImage()) : null);
            stream.setSequenceNumber(in.sequenceNumber());
            stream.setSizeBytes(in.sizeBytes());
            if (in.streamViewTypeAsString() != null) {
                stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType
                        .fromValue(in.streamViewTypeAsString()));
            }
            out.setDynamodb(stream);
        }
        return out;
    }

    public static Map<String, AttributeValue> toLambda(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, toLambda(value)));
        return out;
    }

    public static AttributeValue toLambda(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        AttributeValue out = new AttributeValue();
        switch (value.type()) {
            case S -> out.setS(value.s());
            case N -> out.setN(value.n());
            case B -> out.setB(bytes(value.b()));
            case SS -> out.setSS(value.ss());
            case NS -> out.setNS(value.ns());
            case BS -> out.setBS(value.bs().stream().map(DynamodbEvents::bytes).toList());
            case M -> out.setM(toLambda(value.m()));
            case L -> out.setL(value.l().stream().map(DynamodbEvents::toLambda).toList());
            case BOOL -> out.setBOOL(value.bool());
            case NUL -> out.setNULL(Boolean.TRUE);
            default -> throw new IllegalArgumentException("attribute value of an unknown type: " + value.type());
        }
        return out;
    }

    private static ByteBuffer bytes(SdkBytes bytes) {
        return ByteBuffer.wrap(bytes.asByteArray());
    }

    /** {@code arn:aws:dynamodb:eu-west-1:123456789012:table/T/stream/...} → {@code eu-west-1}. */
    static String regionOf(String streamArn, String fallback) {
        String[] parts = streamArn == null ? new String[0] : streamArn.split(":", 6);
        return parts.length == 6 && !parts[3].isEmpty() ? parts[3] : fallback;
    }
}
