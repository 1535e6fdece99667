package com.salesconnect.tasksync.function.outbound;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import software.amazon.awssdk.core.SdkBytes;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stream images as Lambda delivers them (aws-lambda-java-events) to the SDK v2 values the DynamoDB store reads,
 * so a stream image is decoded by the store's own item mapping and never by a second one.
 */
final class AttributeValues {

    private AttributeValues() {
    }

    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
            Map<String, AttributeValue> item) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> out = new HashMap<>();
        item.forEach((name, value) -> out.put(name, toSdk(value)));
        return out;
    }

    /** @throws IllegalArgumentException for a value that carries no type */
    static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue value) {
        if (value == null) {
            throw new IllegalArgumentException("an attribute without a value");
        }
        if (value.getS() != null) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value.getS());
        }
        if (value.getN() != null) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(value.getN());
        }
        if (value.getBOOL() != null) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(value.getBOOL());
        }
        if (value.getM() != null) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(toSdk(value.getM()));
        }
        if (value.getL() != null) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(
                    value.getL().stream().map(AttributeValues::toSdk).toList());
        }
        if (value.getB() != null) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB(bytes(value.getB()));
        }
        if (value.getSS() != null) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(value.getSS());
        }
        if (value.getNS() != null) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNs(value.getNS());
        }
        if (value.getBS() != null) {
            List<SdkBytes> set = value.getBS().stream().map(AttributeValues::bytes).toList();
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBs(set);
        }
        if (Boolean.TRUE.equals(value.getNULL())) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul(true);
        }
        throw new IllegalArgumentException("an attribute value of no known type");
    }

    private static SdkBytes bytes(ByteBuffer buffer) {
        return SdkBytes.fromByteBuffer(buffer.duplicate());
    }
}
