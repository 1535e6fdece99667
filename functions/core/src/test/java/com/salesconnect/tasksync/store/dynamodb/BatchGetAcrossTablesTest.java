package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.store.StoreException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Table#batchGet(DynamoDbClient, List, String)}'s requests, told apart from the engine's answers: which keys
 * each request carries, and that keys DynamoDB leaves unprocessed (throttling, the 16 MB limit; an engine never does
 * this on demand) are asked again, table by table, until none is left.
 */
class BatchGetAcrossTablesTest {

    /** Answers each key with an item equal to it, except the keys {@code leave} picks, which come back unprocessed. */
    private static final class Engine implements DynamoDbClient {
        final List<BatchGetItemRequest> requests = new ArrayList<>();
        final Function<Integer, Integer> leave; // request number -> how many keys of each table to leave

        Engine(Function<Integer, Integer> leave) {
            this.leave = leave;
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            requests.add(request);
            int left = leave.apply(requests.size());
            Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
            Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>();
            request.requestItems().forEach((table, keys) -> {
                assertThat(keys.consistentRead()).as("strongly consistent").isTrue();
                int answered = Math.max(0, keys.keys().size() - left);
                responses.put(table, keys.keys().subList(0, answered));
                if (answered < keys.keys().size()) {
                    unprocessed.put(table, keys.toBuilder().keys(keys.keys().subList(answered, keys.keys().size()))
                            .build());
                }
            });
            return BatchGetItemResponse.builder().responses(responses).unprocessedKeys(unprocessed).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private static List<Map<String, AttributeValue>> keys(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> Map.of("pk", AttributeValue.fromS(prefix + i))).toList();
    }

    private static int keyCount(BatchGetItemRequest request) {
        return request.requestItems().values().stream().mapToInt(k -> k.keys().size()).sum();
    }

    @Test
    void keysOfBothTables_shareRequestsOf100_andEachTablesItemsComeBackInItsPart() {
        Engine engine = new Engine(n -> 0);
        List<Map<String, AttributeValue>> tasks = keys("t", 70);
        List<Map<String, AttributeValue>> links = keys("l", 70);

        List<List<Map<String, AttributeValue>>> found = Table.batchGet(engine, List.of(
                new Table.Keys(new Table(engine, "Tasks"), tasks), new Table.Keys(new Table(engine, "Sync"), links)),
                "tasks and links");

        assertThat(found).containsExactly(tasks, links);
        assertThat(engine.requests).extracting(BatchGetAcrossTablesTest::keyCount).containsExactly(100, 40);
        assertThat(engine.requests.get(0).requestItems()).containsOnlyKeys("Tasks", "Sync");
        assertThat(engine.requests.get(1).requestItems()).as("the rest of the links only").containsOnlyKeys("Sync");
    }

    @Test
    void unprocessedKeysOfEitherTable_areAskedAgain_untilNoneIsLeft() {
        Engine engine = new Engine(n -> n == 1 ? 3 : n == 2 ? 1 : 0);
        List<Map<String, AttributeValue>> tasks = keys("t", 5);
        List<Map<String, AttributeValue>> links = keys("l", 4);

        List<List<Map<String, AttributeValue>>> found = Table.batchGet(engine, List.of(
                new Table.Keys(new Table(engine, "Tasks"), tasks), new Table.Keys(new Table(engine, "Sync"), links)),
                "tasks and links");

        assertThat(found.get(0)).containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(found.get(1)).containsExactlyInAnyOrderElementsOf(links);
        assertThat(engine.requests).extracting(BatchGetAcrossTablesTest::keyCount).containsExactly(9, 6, 2);
        assertThat(engine.requests.get(1).requestItems().get("Tasks").keys()).isEqualTo(tasks.subList(2, 5));
    }

    @Test
    void keysThatStayUnprocessed_failTheRead_namingWhatAndWhere() {
        Engine engine = new Engine(n -> 1);

        assertThatThrownBy(() -> Table.batchGet(engine, List.of(new Table.Keys(new Table(engine, "Tasks"),
                keys("t", 2)), new Table.Keys(new Table(engine, "Sync"), keys("l", 2))), "tasks and links"))
                .isInstanceOf(StoreException.class)
                .hasMessage("reading tasks and links from Tasks and Sync failed: keys left unprocessed");
    }

    @Test
    void oneTable_readsAsItAlwaysDid() {
        Engine engine = new Engine(n -> 0);
        Table table = new Table(engine, "Sync");

        assertThat(table.batchGet(keys("l", 3), "links")).isEqualTo(keys("l", 3));
        assertThat(table.batchGet(List.of(), "links")).isEmpty();
        assertThat(engine.requests).hasSize(1);
        assertThatThrownBy(() -> Table.batchGet(engine, List.of(new Table.Keys(table, keys("a", 1)),
                new Table.Keys(table, keys("b", 1))), "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
