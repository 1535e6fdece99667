package com.salesconnect.tasksync.bench.meter;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The interceptor reaches a client built without knowing about it: through the SDK's class-path file. */
class MeteringInterceptorTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        MeteringInterceptor.install(null);
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void everyDynamoDbClientOfTheJvm_isMetered_byCallerAndOperation() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"Item\":{\"pk\":{\"S\":\"USER#u\"}}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        DynamoDbMeter meter = new DynamoDbMeter();
        MeteringInterceptor.install(meter);
        try (DynamoDbClient client = DynamoDbClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String previous = Thread.currentThread().getName();
            Thread.currentThread().setName("lambda-SweepFunction-1");
            try {
                client.getItem(r -> r.tableName("t").key(Map.of("pk", AttributeValue.fromS("USER#u")))
                        .consistentRead(true));
                client.getItem(r -> r.tableName("t").key(Map.of("pk", AttributeValue.fromS("USER#u"))));
            } finally {
                Thread.currentThread().setName(previous);
            }
        }
        MeterSnapshot snapshot = meter.snapshot();
        assertThat(snapshot.tallies()).containsOnlyKeys(new MeterKey("SweepFunction", "GetItem"));
        Tally tally = snapshot.system();
        assertThat(tally.requests()).isEqualTo(2);
        assertThat(tally.calls()).isEqualTo(2);
        assertThat(tally.failures()).isZero();
        assertThat(tally.readUnits()).isEqualTo(1.5);
        assertThat(tally.writeUnits()).isZero();
        assertThat(snapshot.since(snapshot).tallies()).isEmpty();
    }
}
