package com.salesconnect.tasksync.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Publishes to a real bus whose rule forwards the sync's events to an SQS queue, and reads them back. */
@AwsEngineTest
class EventBridgeSyncEventPublisherIT {

    private static final Instant AT = Instant.parse("2025-03-10T09:00:00Z");

    private final AwsResources aws;
    private final ObjectMapper json = new ObjectMapper();
    private final String queueUrl;
    private final EventBridgeSyncEventPublisher publisher;

    EventBridgeSyncEventPublisherIT(AwsResources aws) {
        this.aws = aws;
        String bus = "tasksync-" + System.nanoTime();
        aws.eventBridge().createEventBus(r -> r.name(bus));
        queueUrl = aws.sqs().createQueue(r -> r.queueName(bus + "-events")).queueUrl();
        String queueArn = aws.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        aws.eventBridge().putRule(r -> r.name("sync-events").eventBusName(bus)
                .eventPattern("{\"source\":[\"com.salesconnect.tasksync\"]}"));
        aws.eventBridge().putTargets(r -> r.rule("sync-events").eventBusName(bus)
                .targets(t -> t.id("queue").arn(queueArn)));
        publisher = new EventBridgeSyncEventPublisher(aws.eventBridge(), bus, json);
    }

    private List<JsonNode> receive(int expected) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (events.size() < expected && Instant.now().isBefore(deadline)) {
            for (Message message : aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                events.add(json.readTree(message.body()));
            }
        }
        return events;
    }

    @Test
    void syncEnabled_arrivesWithItsDetail() throws Exception {
        publisher.syncEnabled("user-1", AT);

        List<JsonNode> events = receive(1);

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.path("source").asText()).isEqualTo("com.salesconnect.tasksync");
            assertThat(event.path("detail-type").asText()).isEqualTo("SyncEnabled");
            assertThat(event.path("detail").path("userId").asText()).isEqualTo("user-1");
            assertThat(event.path("detail").path("enabledAt").asText()).isEqualTo("2025-03-10T09:00:00Z");
        });
    }

    @Test
    void sweepRequested_forManyUsers_arrivesAsEventsOfAtMostTenUsers() throws Exception {
        List<String> users = IntStream.range(0, 23).mapToObj(i -> "u" + i).toList();

        publisher.sweepRequested(users, AT);

        List<JsonNode> events = receive(3);
        assertThat(events).hasSize(3).allSatisfy(event -> {
            assertThat(event.path("detail-type").asText()).isEqualTo("UserSweepRequested");
            assertThat(event.path("detail").path("userIds").size()).isBetween(1, 10);
        });
        List<String> received = new ArrayList<>();
        events.forEach(event -> event.path("detail").path("userIds").forEach(id -> received.add(id.asText())));
        assertThat(received).containsExactlyInAnyOrderElementsOf(users);
    }
}
