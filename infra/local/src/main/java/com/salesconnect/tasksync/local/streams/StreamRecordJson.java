package com.salesconnect.tasksync.local.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;

/**
 * A DynamoDB Streams record (as the Streams API returns it) in the JSON shape Lambda puts into a DynamoDB event:
 * the same document the event source mapping's filter patterns are matched against.
 */
public final class StreamRecordJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StreamRecordJson() {
    }

    public static ObjectNode of(Record record, String streamArn) {
        ObjectNode json = NODES.objectNode();
        json.put("eventID", record.eventID());
        json.put("eventName", record.eventNameAsString());
        json.put("eventVersion", record.eventVersion());
        json.put("eventSource", record.eventSource());
        json.put("awsRegion", record.awsRegion());
        json.set("dynamodb", streamRecord(record.dynamodb()));
        if (record.userIdentity() != null) {
            ObjectNode identity = json.putObject("userIdentity");
            identity.put("type", record.userIdentity().type());
            identity.put("principalId", record.userIdentity().principalId());
        }
        json.put("eventSourceARN", streamArn);
        return json;
    }

    private static ObjectNode streamRecord(StreamRecord r) {
        ObjectNode json = NODES.objectNode();
        if (r.approximateCreationDateTime() != null) {
            // Lambda sends epoch seconds as a number.
            json.put("ApproximateCreationDateTime", BigDecimal.valueOf(r.approximateCreationDateTime().toEpochMilli())
                    .movePointLeft(3));
        }
        if (r.hasKeys()) {
            json.set("Keys", item(r.keys()));
        }
        if (r.hasNewImage()) {
            json.set("NewImage", item(r.newImage()));
        }
        if (r.hasOldImage()) {
            json.set("OldImage", item(r.oldImage()));
        }
        json.put("SequenceNumber", r.sequenceNumber());
        if (r.sizeBytes() != null) {
            json.put("SizeBytes", r.sizeBytes());
        }
        json.put("StreamViewType", r.streamViewTypeAsString());
        return json;
    }

    public static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode json = NODES.objectNode();
        item.forEach((name, value) -> json.set(name, value(value)));
        return json;
    }

    static ObjectNode value(AttributeValue v) {
        ObjectNode json = NODES.objectNode();
        switch (v.type()) {
            case S -> json.put("S", v.s());
            case N -> json.put("N", v.n());
            case B -> json.put("B", base64(v.b()));
            case BOOL -> json.put("BOOL", v.bool());
            case NUL -> json.put("NULL", true);
            case SS -> v.ss().forEach(json.putArray("SS")::add);
            case NS -> v.ns().forEach(json.putArray("NS")::add);
            case BS -> {
                ArrayNode array = json.putArray("BS");
                v.bs().forEach(b -> array.add(base64(b)));
            }
            case M -> json.set("M", item(v.m()));
            case L -> {
                ArrayNode array = json.putArray("L");
                v.l().forEach(element -> array.add(value(element)));
            }
            default -> throw new IllegalArgumentException("unknown attribute value type " + v.type());
        }
        return json;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
