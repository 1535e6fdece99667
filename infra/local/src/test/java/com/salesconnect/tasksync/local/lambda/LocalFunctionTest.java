package com.salesconnect.tasksync.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.local.events.ScheduledEvents;
import com.salesconnect.tasksync.local.streams.StreamRecordJson;
import com.salesconnect.tasksync.local.template.AsyncInvokeSettings;
import com.salesconnect.tasksync.local.template.FunctionSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HandlerFactory FACTORY = (type, env) -> type.getConstructor(Map.class).newInstance(env);

    private final List<LocalFunction> functions = new ArrayList<>();

    @AfterEach
    void close() {
        functions.forEach(LocalFunction::close);
    }

    private LocalFunction function(Class<?> handler, Duration timeout) {
        FunctionSpec spec = new FunctionSpec("Fn", handler.getName(), "handleRequest", timeout, 512, Map.of(),
                List.of(), AsyncInvokeSettings.DEFAULTS);
        LocalFunction fn = new LocalFunction(spec, "arn:aws:lambda:us-east-1:123456789012:function:Fn",
                Map.of("TASKS_TABLE", "Tasks"), FACTORY);
        functions.add(fn);
        return fn;
    }

    private static JsonNode payload(InvocationResult result) throws Exception {
        assertThat(result).isInstanceOf(InvocationResult.Success.class);
        return JSON.readTree(((InvocationResult.Success) result).payload());
    }

    @Test
    void aMapHandler_getsTheJsonItsEnvironmentAndAContext() throws Exception {
        JsonNode out = payload(function(TestHandlers.EchoMap.class, Duration.ofSeconds(5)).invoke("{\"a\": 1}"));
        assertThat(out.path("a").asInt()).isEqualTo(1);
        assertThat(out.path("table").asText()).isEqualTo("Tasks");
        assertThat(out.path("function").asText()).isEqualTo("Fn");
        assertThat(out.path("hasTimeLeft").asBoolean()).isTrue();
    }

    @Test
    void aStreamHandler_readsLambdasDynamoDbRecordShape_andItsPartialFailuresComeBackAsJson() throws Exception {
        Record record = Record.builder().eventID("e1").eventName(OperationType.MODIFY).eventVersion("1.1")
                .eventSource("aws:dynamodb").awsRegion("us-east-1")
                .dynamodb(StreamRecord.builder().approximateCreationDateTime(Instant.parse("2026-01-01T10:00:00.250Z"))
                        .keys(Map.of("userId", AttributeValue.fromS("u")))
                        .newImage(Map.of("fail", AttributeValue.fromBool(true),
                                "n", AttributeValue.fromN("1.5"),
                                "b", AttributeValue.fromB(SdkBytes.fromUtf8String("x")),
                                "l", AttributeValue.fromL(List.of(AttributeValue.fromNul(true))),
                                "m", AttributeValue.fromM(Map.of("ss", AttributeValue.fromSs(List.of("a"))))))
                        .sequenceNumber("111").sizeBytes(10L).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                .userIdentity(Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build())
                .build();
        JsonNode recordJson = StreamRecordJson.of(record, "arn:stream");
        assertThat(recordJson.path("dynamodb").path("ApproximateCreationDateTime").decimalValue())
                .isEqualByComparingTo("1767261600.25");
        assertThat(recordJson.path("userIdentity").path("type").asText()).isEqualTo("Service");
        String event = "{\"Records\": [" + recordJson + "]}";
        JsonNode out = payload(function(TestHandlers.Stream.class, Duration.ofSeconds(5)).invoke(event));
        assertThat(out.path("batchItemFailures").get(0).path("itemIdentifier").asText()).isEqualTo("111");
    }

    @Test
    void anHttpHandler_getsThePayload2EventAndReturnsAResponseObject() throws Exception {
        String event = """
                {"version": "2.0", "routeKey": "GET /x/{id}", "rawPath": "/x/7", "rawQueryString": "",
                 "headers": {"host": "localhost"}, "pathParameters": {"id": "7"}, "body": "hi",
                 "isBase64Encoded": false,
                 "requestContext": {"http": {"method": "GET", "path": "/x/7"},
                   "authorizer": {"jwt": {"claims": {"sub": "demo"}, "scopes": null}}}}
                """;
        JsonNode out = payload(function(TestHandlers.Http.class, Duration.ofSeconds(5)).invoke(event));
        assertThat(out.path("statusCode").asInt()).isEqualTo(201);
        assertThat(out.path("body").asText()).isEqualTo("demo {id=7} hi");
    }

    @Test
    void aScheduledEventHandler_cannotReadTheSchedulersDefaultPayload_asInAws() {
        String payload = ScheduledEvents.scheduler("us-east-1", "123456789012", "Sweep", Instant.now());
        InvocationResult result = function(TestHandlers.Scheduled.class, Duration.ofSeconds(5)).invoke(payload);
        assertThat(result.failed()).isTrue();
        String rule = ScheduledEvents.rule("us-east-1", "123456789012", "Sweep", Instant.now());
        assertThat(function(TestHandlers.Scheduled.class, Duration.ofSeconds(5)).invoke(rule))
                .isEqualTo(new InvocationResult.Success("\"aws.events\""));
    }

    @Test
    void aThrowingHandler_isAFunctionErrorNamingTheException() {
        InvocationResult result = function(TestHandlers.Failing.class, Duration.ofSeconds(5)).invoke("{}");
        assertThat(result).isEqualTo(new InvocationResult.FunctionError("java.lang.IllegalArgumentException",
                "no good"));
    }

    @Test
    void aHandlerRunningPastItsTimeout_isStoppedAndReportedAsTimedOut() {
        long start = System.nanoTime();
        InvocationResult result = function(TestHandlers.Slow.class, Duration.ofMillis(300)).invoke("{}");
        assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
        assertThat(((InvocationResult.FunctionError) result).errorType()).isEqualTo("Sandbox.Timedout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void stats_countInvocationsErrorsAndTimeouts() {
        LocalFunction slow = function(TestHandlers.Slow.class, Duration.ofMillis(300));
        slow.invoke("{}");
        LocalFunction failing = function(TestHandlers.Failing.class, Duration.ofSeconds(5));
        failing.invoke("{}");
        failing.invoke("{}");
        LocalFunction echo = function(TestHandlers.EchoMap.class, Duration.ofSeconds(5));
        echo.invoke("{}");

        assertThat(slow.stats()).isEqualTo(new LocalFunction.Stats(1, 1, 1, 0));
        assertThat(failing.stats()).isEqualTo(new LocalFunction.Stats(2, 2, 0, 0));
        assertThat(echo.stats()).isEqualTo(new LocalFunction.Stats(1, 0, 0, 0));
    }
}
