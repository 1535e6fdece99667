package com.salesconnect.tasksync.deploy;

import com.salesconnect.tasksync.salesforce.ChangeEventCodec;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.salesconnect.tasksync.runtime.HttpApiEvents;
import com.salesconnect.tasksync.runtime.LambdaJson;
import com.salesconnect.tasksync.runtime.StreamEvents;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file in events/ belongs to a function of template.yaml (its folder is the function's CodeUri folder) and
 * deserialises, with the Lambda runtime's own serialisation (aws-lambda-java-tests' EventLoader), into the input
 * type of that function's handler, so {@code sam local invoke <Function> -e events/<folder>/<file>} works. The
 * function modules' *EventsIT tests deliver each file to its handler against moto and the emulator.
 */
class EventFilesTest {

    private static Path events() {
        return Template.repositoryRoot().resolve("events");
    }

    private static String path(String relative) {
        return events().resolve(relative).toString();
    }

    @TestFactory
    Stream<DynamicTest> everyEventFile_deserialisesIntoItsHandlersInputType() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(events())) {
            files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
        return files.stream().map(file -> DynamicTest.dynamicTest(events().relativize(file).toString(), () -> {
            String folder = file.getParent().getFileName().toString();
            Template.Function function = Template.functions().stream()
                    .filter(f -> f.codeUri().startsWith("functions/" + folder + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError("no function for events/" + folder));
            Class<?> input = inputType(Class.forName(function.handlerClass()), function.handlerMethod());
            if (file.getFileName().toString().startsWith("change-event-")) {
                // salesforce-inbound's second trigger: Event Relay's events, read from the stream entry as a Map.
                input = Map.class;
            }

            Object event = EventLoader.loadEvent(file.toString(), input);

            assertThat(event).isNotNull();
            if (event instanceof APIGatewayV2HTTPEvent http) {
                assertThat(http.getVersion()).isEqualTo("2.0");
                assertThat(http.getRouteKey()).isEqualTo(http.getRequestContext().getRouteKey());
                assertThat(http.getRequestContext().getTimeEpoch()).isPositive();
                assertThat(http.getRequestContext().getDomainName()).isNotBlank();
            } else if (event instanceof DynamodbEvent stream) {
                assertThat(stream.getRecords()).isNotEmpty().allSatisfy(r -> {
                    assertThat(r.getDynamodb().getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
                    assertThat(r.getDynamodb().getKeys()).containsKeys("userId", "taskId");
                    assertThat(r.getDynamodb().getApproximateCreationDateTime()).isNotNull();
                });
            } else {
                List<Object> keys = List.copyOf(((Map<?, ?>) event).keySet());
                assertThat(keys).contains("detail-type", "source", "detail", "time");
            }
        }));
    }

    /**
     * The handlers read their events by hand (package runtime) so that the runtime's reflective mapping is not on
     * the cold start; each file must come out exactly as Lambda's serialisation makes it, and an answer written by
     * hand must read back as the same response.
     */
    @TestFactory
    Stream<DynamicTest> everyEventFile_readByHand_equalsWhatLambdasSerialisationMakes() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(events())) {
            files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(events().relativize(file).toString(), () -> {
            Map<String, Object> json;
            try (var in = Files.newInputStream(file)) {
                json = LambdaJson.readObject(in);
            }
            // salesforce-inbound's change events (EventBridge) are read as a Map, like the sweep's events.
            String reader = ChangeEventCodec.isEventBridgeEvent(json) ? "eventbridge"
                    : file.getParent().getFileName().toString();
            switch (reader) {
                case "enable-sync", "salesforce-inbound" -> assertThat(HttpApiEvents.event(json))
                        .isEqualTo(EventLoader.loadApiGatewayHttpEvent(file.toString()));
                case "task-stream-outbound" -> assertThat(StreamEvents.event(json))
                        .isEqualTo(EventLoader.loadDynamoDbEvent(file.toString()));
                default -> assertThat(json).isEqualTo(EventLoader.loadEvent(file.toString(), Map.class));
            }
        }));
    }

    @Test
    void responsesWrittenByHand_readBackAsLambdaReadsThem() throws IOException {
        APIGatewayV2HTTPResponse http = APIGatewayV2HTTPResponse.builder().withStatusCode(302)
                .withHeaders(Map.of("Location", "https://app.example/settings?connected=1"))
                .withBody("{\"error\": \"caf\u00e9 \\\" <Ack>\"}").build();
        StreamsEventResponse stream = new StreamsEventResponse(List.of(
                new StreamsEventResponse.BatchItemFailure("4421584500000000017450439092")));

        assertThat(lambdaReads(LambdaJson.toJson(HttpApiEvents.response(http)), APIGatewayV2HTTPResponse.class))
                .isEqualTo(http);
        assertThat(lambdaReads(LambdaJson.toJson(StreamEvents.response(stream)), StreamsEventResponse.class))
                .isEqualTo(stream);
        assertThat(LambdaJson.toJson(StreamEvents.response(new StreamsEventResponse(List.of()))))
                .isEqualTo("{\"batchItemFailures\":[]}");
    }

    /** {@code json} read by Lambda's own serialisation of event and response types, as the runtime reads it. */
    private static <T> T lambdaReads(String json, Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, EventFilesTest.class.getClassLoader()).fromJson(json);
    }

    @Test
    void httpEvents_carryTheJwtSubject_exceptTheCallbackAndTheWebhook() {
        for (String file : List.of("get-settings", "put-settings-enable", "put-settings-disable", "connect")) {
            APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(path("enable-sync/" + file + ".json"));
            assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims()).containsEntry("sub", "demo");
        }
        assertThat(EventLoader.loadApiGatewayHttpEvent(path("enable-sync/callback.json")).getRequestContext()
                .getAuthorizer()).isNull();
        assertThat(EventLoader.loadApiGatewayHttpEvent(path("salesforce-inbound/outbound-message.json"))
                .getRequestContext().getAuthorizer()).isNull();
    }

    @Test
    void streamDates_parseToTheSecond_likeTheRuntimes() {
        DynamodbEvent batch = EventLoader.loadDynamoDbEvent(path("task-stream-outbound/mixed-batch.json"));

        assertThat(batch.getRecords().get(0).getDynamodb().getApproximateCreationDateTime().toInstant())
                .isEqualTo(Instant.parse("2026-11-24T09:40:00Z"));
        DynamodbEvent ttl = EventLoader.loadDynamoDbEvent(path("task-stream-outbound/ttl-expiry-remove.json"));
        assertThat(ttl.getRecords().get(0).getUserIdentity().getType()).isEqualTo("Service");
        assertThat(ttl.getRecords().get(0).getUserIdentity().getPrincipalId()).isEqualTo("dynamodb.amazonaws.com");
    }

    @Test
    void aBase64Body_decodesToTheSoapMessage() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(
                path("salesforce-inbound/outbound-message-wrong-token.json"));

        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8))
                .contains("<OrganizationId>00D5g002DCPK2kxEYD</OrganizationId>");
    }

    private static Class<?> inputType(Class<?> handler, String methodName) {
        Method method = Arrays.stream(handler.getMethods())
                .filter(m -> m.getName().equals(methodName) && !m.isBridge() && m.getParameterCount() == 2
                        && m.getParameterTypes()[1] == Context.class)
                .findFirst().orElseThrow();
        return method.getParameterTypes()[0];
    }
}
