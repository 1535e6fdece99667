package com.salesconnect.tasksync.function.inbound;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.Priority;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskType;
import com.salesconnect.tasksync.wiring.EventFiles;
import com.salesconnect.tasksync.wiring.LiveSync;
import com.salesconnect.tasksync.wiring.TestLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file of events/salesforce-inbound through the handler, against moto and the Salesforce emulator, twice:
 * the state the files presuppose is demo connected and syncing since 09:00, and the task of the message created
 * in the emulator's UI at 10:00 (the emulator's ids are deterministic, so it is the message's task).
 */
@AwsEngineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SalesforceInboundEventsIT {

    /** The task of events/salesforce-inbound/outbound-message.json. */
    static final String SF_TASK = "00T5g002DTs8PgtEYE";

    private LiveSync live;
    private SalesforceInboundHandler handler;

    @BeforeAll
    void start(AwsResources aws) {
        live = LiveSync.start(aws, Instant.parse("2026-11-24T09:00:00Z"));
        live.demoSyncing();
        live.clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Subject", "Call Ada about the renewal");
        fields.put("ActivityDate", "2026-11-25");
        fields.put("Priority", "High");
        fields.put("Description", "She asked for the new price list.");
        fields.put("TaskSubtype", "Call");
        String id = live.salesforce.org().createTask(LiveSync.SF_USERNAME, fields).id();
        assertThat(id).as("the emulator's deterministic id of the first task").isEqualTo(SF_TASK);
        handler = new SalesforceInboundHandler(live.components);
    }

    @AfterAll
    void stop() {
        live.close();
    }

    private static APIGatewayV2HTTPEvent event(String file) {
        return EventLoader.loadApiGatewayHttpEvent(EventFiles.path("salesforce-inbound/" + file));
    }

    private APIGatewayV2HTTPResponse handle(String file) {
        return handler.handleRequest(event(file), TestLambdaContext.of("it"));
    }

    @Test
    @Order(1)
    void wrongToken_isAFault_andNothingIsWritten_onEitherSide() {
        LiveSync.State before = live.state();
        long calls = live.salesforceState().apiCalls();

        for (int delivery = 1; delivery <= 2; delivery++) {
            APIGatewayV2HTTPResponse response = handle("outbound-message-wrong-token.json");

            assertThat(response.getStatusCode()).isEqualTo(403);
            assertThat(response.getBody()).contains("soapenv:Client").doesNotContain("<Ack>");
            assertThat(live.state()).isEqualTo(before);
        }
        assertThat(live.salesforceState().apiCalls()).isEqualTo(calls);
    }

    @Test
    @Order(2)
    void outboundMessage_importsTheTask_andIsAcknowledged_onceDurable() {
        LiveSync.State before = live.state();

        APIGatewayV2HTTPResponse response = handle("outbound-message.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("<Ack>true</Ack>");
        String taskId = "sf-" + SF_TASK;
        ScTask task = live.components.stores().tasks().get(UserId.of(LiveSync.USER), TaskId.of(taskId)).orElseThrow();
        assertThat(task.fields().subject()).isEqualTo("Call Ada about the renewal");
        assertThat(task.fields().notes()).isEqualTo("She asked for the new price list.");
        assertThat(task.fields().dueDate()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(task.fields().priority()).isEqualTo(Priority.HIGH);
        assertThat(task.fields().type()).isEqualTo(TaskType.CALL);
        assertThat(task.fields().completed()).isFalse();
        assertThat(task.changeOrigin()).as("written on behalf of Salesforce: never pushed back")
                .isEqualTo(Origin.SALESFORCE);
        TaskLink link = live.components.stores().links().get(UserId.of(LiveSync.USER), TaskId.of(taskId)).orElseThrow();
        assertThat(link.state()).isEqualTo(LinkState.LINKED);
        assertThat(link.sfId()).isEqualTo(SF_TASK);
        assertThat(live.state().salesforceTasks()).as("nothing written to Salesforce")
                .isEqualTo(before.salesforceTasks());
    }

    @Test
    @Order(3)
    void outboundMessage_redelivered_isAcknowledged_andChangesNothing() {
        LiveSync.State before = live.state();
        long calls = live.salesforceState().apiCalls();
        live.advance(Duration.ofSeconds(1));

        APIGatewayV2HTTPResponse response = handle("outbound-message.json");

        assertThat(response.getBody()).contains("<Ack>true</Ack>");
        assertThat(live.state()).isEqualTo(before);
        assertThat(live.salesforceState().apiCalls()).as("a known notification id needs no query").isEqualTo(calls);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> handleStream(String file) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        handler.handleRequest(new java.io.ByteArrayInputStream(EventFiles.text("salesforce-inbound/" + file)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), out, TestLambdaContext.of("it"));
        return (Map<String, Object>) com.salesconnect.tasksync.runtime.LambdaJson.read(
                out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    @Order(4)
    void changeEventUpdate_readsTheTask_andAppliesIt_twiceTheSame() throws java.io.IOException {
        live.clock.set(Instant.parse("2026-11-24T10:05:00Z"));
        live.salesforce.org().updateTask(LiveSync.SF_USERNAME, SF_TASK,
                Map.of("Status", "Completed", "Description", "Sent the new price list."));
        String taskId = "sf-" + SF_TASK;

        Map<String, Object> first = handleStream("change-event-update.json");
        LiveSync.State after = live.state();
        Map<String, Object> again = handleStream("change-event-update.json");

        assertThat(first).containsEntry("outcome", "APPLIED").containsEntry("applied", 1);
        assertThat(again).containsEntry("applied", 0);
        assertThat(live.state()).as("the redelivery changes nothing").isEqualTo(after);
        ScTask task = live.components.stores().tasks().get(UserId.of(LiveSync.USER), TaskId.of(taskId)).orElseThrow();
        assertThat(task.fields().completed()).isTrue();
        assertThat(task.fields().notes()).isEqualTo("Sent the new price list.");
    }

    @Test
    @Order(5)
    void changeEventDelete_removesTheTask_withinTheEvent_twiceTheSame() throws java.io.IOException {
        live.clock.set(Instant.parse("2026-11-24T10:10:00Z"));
        live.salesforce.org().deleteTask(LiveSync.SF_USERNAME, SF_TASK);
        String taskId = "sf-" + SF_TASK;

        Map<String, Object> first = handleStream("change-event-delete.json");
        LiveSync.State after = live.state();
        Map<String, Object> again = handleStream("change-event-delete.json");

        assertThat(first).containsEntry("applied", 1);
        assertThat(again).containsEntry("applied", 0);
        assertThat(live.state()).isEqualTo(after);
        assertThat(live.components.stores().tasks().get(UserId.of(LiveSync.USER),
                TaskId.of(taskId)).orElseThrow().deleted()).isTrue();
        assertThat(live.components.stores().links().get(UserId.of(LiveSync.USER),
                TaskId.of(taskId)).orElseThrow().state())
                .isEqualTo(LinkState.DELETED);
    }
}
