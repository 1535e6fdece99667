package com.salesconnect.tasksync.awsengine;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DynamodbEventsTest {

    private static final String STREAM = "arn:aws:dynamodb:eu-west-1:123456789012:table/Tasks/stream/2026-11-24T10:00:00.000";

    @Test
    void aRemoveByTheTtlService_keepsKeysOldImageIdentityAndTheStreamArn() {
        Record record = Record.builder()
                .eventID("e1").eventName(OperationType.REMOVE).eventVersion("1.1").eventSource("aws:dynamodb")
                .awsRegion("us-east-1")
                .userIdentity(Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build())
                .dynamodb(StreamRecord.builder()
                        .approximateCreationDateTime(Instant.parse("2026-11-24T10:15:30Z"))
                        .keys(Map.of("userId", AttributeValue.fromS("demo"), "taskId", AttributeValue.fromS("t1")))
                        .oldImage(Map.of("userId", AttributeValue.fromS("demo"), "expiresAt", AttributeValue.fromN("1")))
                        .sequenceNumber("100").sizeBytes(42L).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                        .build())
                .build();

        DynamodbEvent event = DynamodbEvents.toEvent(STREAM, List.of(record));

        DynamodbEvent.DynamodbStreamRecord out = event.getRecords().get(0);
        assertThat(out.getEventID()).isEqualTo("e1");
        assertThat(out.getEventName()).isEqualTo("REMOVE");
        assertThat(out.getEventSourceARN()).isEqualTo(STREAM);
        assertThat(out.getAwsRegion()).as("the table's region, from the ARN").isEqualTo("eu-west-1");
        assertThat(out.getUserIdentity().getType()).isEqualTo("Service");
        assertThat(out.getUserIdentity().getPrincipalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(out.getDynamodb().getApproximateCreationDateTime())
                .isEqualTo(Date.from(Instant.parse("2026-11-24T10:15:30Z")));
        assertThat(out.getDynamodb().getKeys().get("taskId").getS()).isEqualTo("t1");
        assertThat(out.getDynamodb().getOldImage().get("expiresAt").getN()).isEqualTo("1");
        assertThat(out.getDynamodb().getNewImage()).isNull();
        assertThat(out.getDynamodb().getSequenceNumber()).isEqualTo("100");
        assertThat(out.getDynamodb().getSizeBytes()).isEqualTo(42L);
        assertThat(out.getDynamodb().getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
    }

    @Test
    void everyAttributeType_isConverted() {
        Map<String, AttributeValue> image = Map.of(
                "s", AttributeValue.fromS("text"),
                "n", AttributeValue.fromN("12.5"),
                "b", AttributeValue.fromB(SdkBytes.fromUtf8String("bin")),
                "ss", AttributeValue.fromSs(List.of("a", "b")),
                "ns", AttributeValue.fromNs(List.of("1", "2")),
                "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"))),
                "m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromBool(true))),
                "l", AttributeValue.fromL(List.of(AttributeValue.fromS("first"), AttributeValue.fromNul(true))),
                "bool", AttributeValue.fromBool(false),
                "nul", AttributeValue.fromNul(true));

        var out = DynamodbEvents.toLambda(image);

        assertThat(out.get("s").getS()).isEqualTo("text");
        assertThat(out.get("n").getN()).isEqualTo("12.5");
        assertThat(StandardCharsets.UTF_8.decode(out.get("b").getB()).toString()).isEqualTo("bin");
        assertThat(out.get("ss").getSS()).containsExactly("a", "b");
        assertThat(out.get("ns").getNS()).containsExactly("1", "2");
        assertThat(out.get("bs").getBS()).containsExactly(ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)));
        assertThat(out.get("m").getM().get("inner").getBOOL()).isTrue();
        assertThat(out.get("l").getL()).hasSize(2);
        assertThat(out.get("l").getL().get(1).getNULL()).isTrue();
        assertThat(out.get("bool").getBOOL()).isFalse();
        assertThat(out.get("nul").getNULL()).isTrue();
    }

    @Test
    void regionOf_fallsBackWhenTheArnIsNotOne() {
        assertThat(DynamodbEvents.regionOf("not-an-arn", "us-east-1")).isEqualTo("us-east-1");
        assertThat(DynamodbEvents.regionOf(STREAM, "us-east-1")).isEqualTo("eu-west-1");
    }
}
