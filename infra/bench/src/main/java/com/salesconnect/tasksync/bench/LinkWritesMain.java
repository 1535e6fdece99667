package com.salesconnect.tasksync.bench;

import com.salesconnect.tasksync.awsengine.MotoServer;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.store.dynamodb.DynamoDbLinkStore;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code infra/bench/link-writes}: what a push's link writes cost one task after another ({@code LinkStore.save} per
 * task, as the push wrote them before) against {@code LinkStore.saveAll} (four tasks at a time), on moto_server with
 * a fixed delay added before each request is sent, standing in for the network round trip to DynamoDB that moto on
 * the same machine does not have. Each round takes fresh links from PENDING_CREATE to LINKED (a pointer and a link
 * each: two conditional PutItems); the first round warms the JVM and is not counted.
 */
public final class LinkWritesMain {

    private LinkWritesMain() {
    }

    public static void main(String[] args) {
        int links = 200;
        int rounds = 5;
        List<Long> delays = List.of(0L, 5L);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--links" -> links = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--delays-ms" -> delays = Arrays.stream(args[i + 1].split(",")).map(Long::parseLong).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --links N --rounds N --delays-ms 0,5");
            }
        }
        List<String> summary = new ArrayList<>();
        try (MotoServer moto = MotoServer.start()) {
            System.out.printf("%-9s %-6s %-12s %s%n", "delay", "links", "writes", "seconds (each counted round)");
            for (long delay : delays) {
                DynamoDbClient db = client(moto, delay);
                String table = "LinkWrites" + delay;
                createTable(db, table);
                DynamoDbLinkStore store = new DynamoDbLinkStore(db, table, Clock.systemUTC());
                List<Double> oneByOne = new ArrayList<>();
                List<Double> fourAtATime = new ArrayList<>();
                for (int round = 0; round <= rounds; round++) {
                    double serial = time(store, links, "s" + round, false);
                    double concurrent = time(store, links, "c" + round, true);
                    if (round > 0) {
                        oneByOne.add(serial);
                        fourAtATime.add(concurrent);
                    }
                }
                System.out.printf("%-9s %-6d %-12s %s%n", delay + " ms", links, "one by one", seconds(oneByOne));
                System.out.printf("%-9s %-6d %-12s %s%n", delay + " ms", links, "saveAll", seconds(fourAtATime));
                double a = median(oneByOne);
                double b = median(fourAtATime);
                summary.add(String.format("%d ms: one by one %.2f s, saveAll %.2f s (%.1fx)", delay, a, b, a / b));
                db.close();
            }
        }
        System.out.println("link-writes: " + links + " links PENDING_CREATE -> LINKED, medians of " + rounds
                + " rounds; delay " + String.join("; ", summary));
    }

    private static double time(DynamoDbLinkStore store, int count, String prefix, boolean together) {
        List<TaskLink> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pending.add(new TaskLink("bench-user", prefix + "-" + i, "bench-org", null, null,
                    LinkState.PENDING_CREATE, null, null, Instant.now(), null, null, null, 0));
        }
        List<TaskLink> linked = store.saveAll(pending).values().stream()
                .map(l -> l.relinked("00T" + l.taskId(), null, null)).toList();
        long start = System.nanoTime();
        if (together) {
            int saved = store.saveAll(linked).size();
            if (saved != count) {
                throw new IllegalStateException("saveAll saved " + saved + " of " + count);
            }
        } else {
            linked.forEach(store::save);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static DynamoDbClient client(MotoServer moto, long delayMs) {
        ExecutionInterceptor roundTrip = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        return DynamoDbClient.builder().endpointOverride(moto.endpoint()).region(moto.region())
                .credentialsProvider(moto.credentials()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(roundTrip)
                        .apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    private static void createTable(DynamoDbClient db, String table) {
        db.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType("S").build()));
    }

    private static String seconds(List<Double> values) {
        return values.stream().map(v -> String.format("%.2f", v)).reduce((x, y) -> x + " " + y).orElse("")
                + String.format("  (median %.2f)", median(values));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
