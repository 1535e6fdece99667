package com.salesconnect.tasksync.runtime;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB stream events and partial batch responses, mapped by hand between {@link LambdaJson} values and
 * aws-lambda-java-events' types: the same objects Lambda's serializer would make of the same JSON (tests compare
 * both on every file in events/), without its reflective bean mapping and the joda-time it loads for them.
 */
public final class StreamEvents {

    private StreamEvents() {
    }

    /** @throws IllegalArgumentException when a field has the wrong JSON type */
    public static DynamodbEvent event(Map<String, Object> json) {
        DynamodbEvent event = new DynamodbEvent();
        List<?> records = JsonFields.list(json, "Records");
        if (records != null) {
            List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>(records.size());
            for (Object record : records) {
                out.add(record(asObject(record, "Records")));
            }
            event.setRecords(out);
        }
        return event;
    }

    private static DynamodbEvent.DynamodbStreamRecord record(Map<String, Object> json) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(JsonFields.text(json, "eventID"));
        record.setEventName(JsonFields.text(json, "eventName"));
        record.setEventVersion(JsonFields.text(json, "eventVersion"));
        record.setEventSource(JsonFields.text(json, "eventSource"));
        record.setAwsRegion(JsonFields.text(json, "awsRegion"));
        record.setEventSourceARN(JsonFields.text(json, "eventSourceARN"));
        JsonFields.object(json, "userIdentity", StreamEvents::identity, record::setUserIdentity);
        JsonFields.object(json, "dynamodb", StreamEvents::streamRecord, record::setDynamodb);
        return record;
    }

    private static Identity identity(Map<String, Object> json) {
        Identity identity = new Identity();
        identity.setType(JsonFields.text(json, "type"));
        identity.setPrincipalId(JsonFields.text(json, "principalId"));
        return identity;
    }

    private static StreamRecord streamRecord(Map<String, Object> json) {
        StreamRecord stream = new StreamRecord();
        Object created = json.get("ApproximateCreationDateTime");
        if (created != null) {
            stream.setApproximateCreationDateTime(date(created));
        }
        stream.setKeys(attributes(JsonFields.object(json, "Keys"), "Keys"));
        stream.setNewImage(attributes(JsonFields.object(json, "NewImage"), "NewImage"));
        stream.setOldImage(attributes(JsonFields.object(json, "OldImage"), "OldImage"));
        stream.setSequenceNumber(JsonFields.text(json, "SequenceNumber"));
        stream.setSizeBytes(JsonFields.longOrNull(json, "SizeBytes"));
        String viewType = JsonFields.text(json, "StreamViewType");
        if (viewType != null) {
            try {
                stream.setStreamViewType(StreamViewType.fromValue(viewType));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field StreamViewType is not a stream view type");
            }
        }
        return stream;
    }

    /** Epoch seconds, possibly with a fraction, as Lambda sends them. */
    private static Date date(Object seconds) {
        if (!(seconds instanceof Number number)) {
            throw new IllegalArgumentException("field ApproximateCreationDateTime is not a number");
        }
        BigDecimal millis = new BigDecimal(number.toString()).movePointRight(3);
        return new Date(millis.longValue());
    }

    private static Map<String, AttributeValue> attributes(Map<String, Object> json, String field) {
        if (json == null) {
            return null;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        json.forEach((name, value) -> out.put(name, attribute(asObject(value, field + "." + name), field)));
        return out;
    }

    private static AttributeValue attribute(Map<String, Object> json, String field) {
        AttributeValue value = new AttributeValue();
        value.setS(JsonFields.text(json, "S"));
        value.setN(JsonFields.text(json, "N"));
        String binary = JsonFields.text(json, "B");
        if (binary != null) {
            value.setB(bytes(binary, field));
        }
        value.setSS(JsonFields.texts(json, "SS"));
        value.setNS(JsonFields.texts(json, "NS"));
        List<String> binaries = JsonFields.texts(json, "BS");
        if (binaries != null) {
            List<ByteBuffer> out = new ArrayList<>(binaries.size());
            binaries.forEach(b -> out.add(bytes(b, field)));
            value.setBS(out);
        }
        JsonFields.object(json, "M", map -> attributes(map, field), value::setM);
        List<?> list = JsonFields.list(json, "L");
        if (list != null) {
            List<AttributeValue> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(attribute(asObject(item, field), field)));
            value.setL(out);
        }
        value.setNULL(JsonFields.boolOrNull(json, "NULL"));
        value.setBOOL(JsonFields.boolOrNull(json, "BOOL"));
        return value;
    }

    private static ByteBuffer bytes(String base64, String field) {
        try {
            return ByteBuffer.wrap(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a binary value in " + field + " is not base64");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object value, String field) {
        if (value instanceof Map<?, ?>) {
            return (Map<String, Object>) value;
        }
        throw new IllegalArgumentException("an element of " + field + " is not an object");
    }

    /** {@code {"batchItemFailures": [{"itemIdentifier": ...}]}}, as Lambda reads partial batch responses. */
    public static Map<String, Object> response(StreamsEventResponse response) {
        List<Map<String, Object>> failures = new ArrayList<>();
        if (response.getBatchItemFailures() != null) {
            for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("itemIdentifier", failure.getItemIdentifier());
                failures.add(item);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("batchItemFailures", failures);
        return json;
    }
}
