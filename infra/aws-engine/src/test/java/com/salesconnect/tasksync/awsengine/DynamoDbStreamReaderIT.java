package com.salesconnect.tasksync.awsengine;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@AwsEngineTest
class DynamoDbStreamReaderIT {

    @Test
    void latest_readsOnlyLaterWrites_eachOnce_asLambdaRecords(AwsResources aws) {
        String table = aws.tableName("TasksTable");
        put(aws, table, "before", "v0");
        DynamoDbStreamReader reader = DynamoDbStreamReader.forTable(aws.dynamoDb(), aws.dynamoDbStreams(), table,
                DynamoDbStreamReader.StartingPosition.LATEST);

        put(aws, table, "t1", "v1");
        put(aws, table, "t1", "v2");
        aws.dynamoDb().deleteItem(r -> r.tableName(table).key(key("t1")));

        DynamodbEvent event = reader.pollEvent(100);
        assertThat(event.getRecords()).extracting(DynamodbEvent.DynamodbStreamRecord::getEventName)
                .containsExactly("INSERT", "MODIFY", "REMOVE");
        DynamodbEvent.DynamodbStreamRecord modify = event.getRecords().get(1);
        assertThat(modify.getEventSourceARN()).isEqualTo(reader.streamArn());
        assertThat(modify.getDynamodb().getKeys().get("taskId").getS()).isEqualTo("t1");
        assertThat(modify.getDynamodb().getOldImage().get("subject").getS()).isEqualTo("v1");
        assertThat(modify.getDynamodb().getNewImage().get("subject").getS()).isEqualTo("v2");
        assertThat(modify.getDynamodb().getApproximateCreationDateTime()).isNotNull();
        assertThat(event.getRecords().get(2).getDynamodb().getNewImage()).isNull();

        assertThat(reader.poll(100)).as("nothing is handed out twice").isEmpty();
        put(aws, table, "t2", "v1");
        assertThat(reader.poll(100)).extracting(r -> r.dynamodb().keys().get("taskId").s()).containsExactly("t2");
    }

    @Test
    void trimHorizon_startsAtTheOldestRecord_andPollsInBatches(AwsResources aws) {
        String table = aws.tableName("TasksTable");
        put(aws, table, "horizon-1", "a");
        put(aws, table, "horizon-2", "b");
        put(aws, table, "horizon-3", "c");
        DynamoDbStreamReader reader = DynamoDbStreamReader.forTable(aws.dynamoDb(), aws.dynamoDbStreams(), table,
                DynamoDbStreamReader.StartingPosition.TRIM_HORIZON);

        List<String> seen = new ArrayList<>();
        List<Record> batch;
        while (!(batch = reader.poll(2)).isEmpty()) {
            assertThat(batch).hasSizeLessThanOrEqualTo(2);
            batch.forEach(r -> seen.add(r.dynamodb().keys().get("taskId").s()));
        }

        assertThat(seen.stream().filter(id -> id.startsWith("horizon-")))
                .containsExactly("horizon-1", "horizon-2", "horizon-3");
    }

    /**
     * Writes that race: moto can give two of them one sequence number (or take numbers out of order), and its
     * iterator after that number returns the later one again. Each is handed out once, in polls of any size.
     */
    @Test
    void racingWrites_areEachHandedOutOnce(AwsResources aws) throws Exception {
        String table = aws.tableName("TasksTable");
        DynamoDbStreamReader reader = DynamoDbStreamReader.forTable(aws.dynamoDb(), aws.dynamoDbStreams(), table,
                DynamoDbStreamReader.StartingPosition.LATEST);
        int writes = 2_000;
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                String taskId = "race-" + i;
                done.add(writers.submit(() -> put(aws, table, taskId, "s")));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdownNow();
        }

        Map<String, Integer> handedOut = new HashMap<>();
        for (int empty = 0, i = 0; empty < 3 && i < 10_000; i++) {
            List<Record> batch = reader.poll(1 + i % 3);
            empty = batch.isEmpty() ? empty + 1 : 0;
            batch.forEach(r -> handedOut.merge(r.dynamodb().keys().get("taskId").s(), 1, Integer::sum));
        }
        assertThat(handedOut.keySet().stream().filter(id -> id.startsWith("race-"))).hasSize(writes);
        assertThat(handedOut.values()).containsOnly(1);
    }

    private static void put(AwsResources aws, String table, String taskId, String subject) {
        aws.dynamoDb().putItem(r -> r.tableName(table).item(Map.of(
                "userId", AttributeValue.fromS("demo"),
                "taskId", AttributeValue.fromS(taskId),
                "subject", AttributeValue.fromS(subject))));
    }

    private static Map<String, AttributeValue> key(String taskId) {
        return Map.of("userId", AttributeValue.fromS("demo"), "taskId", AttributeValue.fromS(taskId));
    }
}
