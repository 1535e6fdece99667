package com.salesconnect.tasksync.wiring;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployed wiring warms the DynamoDB client's request path up when it builds the stores, in a Lambda started
 * on demand only: one GetItem of the blank user's settings, on a thread of its own. The endpoint is a stub that
 * records what reaches it (DynamoDbWarmUpIT reads through the real engine).
 */
class DynamoDbWarmUpWiringTest {

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private HttpServer dynamoDb;

    @BeforeEach
    void startStub() throws IOException {
        dynamoDb = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        dynamoDb.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " " + body);
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        dynamoDb.start();
    }

    @AfterEach
    void stopStub() {
        dynamoDb.stop(0);
    }

    private AwsAdapters adapters(Prebuild prebuild) {
        Map<String, String> env = Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:" + dynamoDb.getAddress().getPort(),
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "TASKS_TABLE", "Tasks",
                "SYNC_TABLE", "Sync");
        return new AwsAdapters(new Environment(env::get), Clock.systemUTC(), prebuild);
    }

    @Test
    void inALambdaStartedOnDemand_buildingTheStores_sendsOneWarmUpRead() throws InterruptedException {
        adapters(new Prebuild(Map.of("AWS_LAMBDA_FUNCTION_NAME", "f")::get)).stores();

        String first = received.poll(20, TimeUnit.SECONDS);
        assertThat(first).isNotNull()
                .startsWith("DynamoDB_20120810.GetItem ")
                .contains("\"TableName\":\"Sync\"")
                .contains("\"S\":\"CONFIG#USER#\"")
                .contains("\"S\":\"SETTINGS\"")
                .doesNotContain("ConsistentRead");
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).as("one read, nothing else").isNull();
    }

    @Test
    void elsewhere_buildingTheStores_sendsNothing() throws InterruptedException {
        adapters(Prebuild.off()).stores();

        assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
        assertThat(List.copyOf(received)).isEmpty();
    }
}
