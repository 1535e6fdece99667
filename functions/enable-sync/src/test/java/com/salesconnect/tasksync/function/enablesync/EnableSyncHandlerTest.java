package com.salesconnect.tasksync.function.enablesync;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.SfError;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import com.salesconnect.tasksync.wiring.EventFiles;
import com.salesconnect.tasksync.wiring.FixtureAdapters;
import com.salesconnect.tasksync.wiring.LiveSync;
import com.salesconnect.tasksync.wiring.TestLambdaContext;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler's own logic over in-memory fakes, fed with the files in events/enable-sync. */
class EnableSyncHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = LiveSync.USER;

    private final SyncFixture fx = new SyncFixture();
    private final EnableSyncHandler handler = new EnableSyncHandler(FixtureAdapters.components(fx));

    private static APIGatewayV2HTTPEvent event(String file) {
        return EventLoader.loadApiGatewayHttpEvent(EventFiles.path("enable-sync/" + file));
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, TestLambdaContext.of("req-1"));
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    @Test
    void withoutTheSubClaim_every_settingsRoute_is401_andNothingChanges() throws Exception {
        fx.connect(USER, SyncFixture.ALICE_SF);
        for (String file : new String[] {"get-settings.json", "put-settings-enable.json", "get-sync-health.json",
                "connect.json"}) {
            APIGatewayV2HTTPEvent event = event(file);
            event.getRequestContext().getAuthorizer().getJwt().getClaims().remove("sub");

            APIGatewayV2HTTPResponse response = handle(event);

            assertThat(response.getStatusCode()).as(file).isEqualTo(401);
            assertThat(body(response).get("error").asText()).isNotBlank();
        }
        assertThat(fx.settings.get(UserId.of(USER))).isEmpty();
        assertThat(fx.events.syncEnabledEvents()).isEmpty();
    }

    @Test
    void theUser_isTheClaim_neverABodyOrPathValue() throws Exception {
        fx.connect(USER, SyncFixture.ALICE_SF);
        fx.connect("mallory", SyncFixture.BOB_SF);
        APIGatewayV2HTTPEvent event = event("put-settings-enable.json");
        event.setBody("{\"enabled\": true, \"userId\": \"mallory\"}");
        event.setPathParameters(Map.of("userId", "mallory"));
        event.setQueryStringParameters(Map.of("userId", "mallory"));

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(fx.settings.get(UserId.of(USER)).orElseThrow().enabled()).isTrue();
        assertThat(fx.settings.get(UserId.of("mallory"))).isEmpty();
        assertThat(fx.events.syncEnabledEvents()).extracting(e -> e.userId()).containsExactly(USER);
    }

    @Test
    void badBodies_are400_withAClearMessage_andStoreNothing() throws Exception {
        fx.connect(USER, SyncFixture.ALICE_SF);
        Map<String, String> cases = Map.of(
                "{\"enabled\": tru", "not valid JSON",
                "[true]", "JSON object",
                "{\"timeZone\": \"Europe/Berlin\"}", "\"enabled\" is required",
                "{\"enabled\": \"yes\"}", "\"enabled\" is required",
                "{\"enabled\": true, \"timeZone\": \"Mars/Olympus\"}", "not a known time zone",
                "{\"enabled\": true, \"timeZone\": 5}", "time zone name",
                "", "The body is empty");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            APIGatewayV2HTTPEvent event = event("put-settings-enable.json");
            event.setBody(c.getKey());

            APIGatewayV2HTTPResponse response = handle(event);

            assertThat(response.getStatusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(body(response).get("error").asText()).as(c.getKey()).contains(c.getValue());
            assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at com.");
        }
        assertThat(fx.settings.get(UserId.of(USER))).isEmpty();
    }

    @Test
    void aBase64Body_isDecoded() {
        fx.connect(USER, SyncFixture.ALICE_SF);
        APIGatewayV2HTTPEvent event = event("put-settings-enable.json");
        event.setBody(Base64.getEncoder().encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertThat(handle(event).getStatusCode()).isEqualTo(202);
    }

    @Test
    void enable_is202ThenIdempotent200_andStartsTheFirstSyncOnce() throws Exception {
        fx.connect(USER, SyncFixture.ALICE_SF);

        APIGatewayV2HTTPResponse first = handle(event("put-settings-enable.json"));
        APIGatewayV2HTTPResponse again = handle(event("put-settings-enable.json"));

        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(again.getStatusCode()).isEqualTo(200);
        JsonNode view = body(first);
        assertThat(view.get("enabled").asBoolean()).isTrue();
        assertThat(view.get("enabledAt").asText()).isEqualTo(SyncFixture.START.toString());
        assertThat(view.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(view.get("firstSync").get("state").asText()).isEqualTo(FirstSyncState.QUEUED.name());
        assertThat(view.get("connection").get("state").asText()).isEqualTo("CONNECTED");
        assertThat(first.getHeaders()).containsEntry("Content-Type", "application/json")
                .containsEntry("Cache-Control", "no-store");
        assertThat(fx.events.syncEnabledEvents()).hasSize(1);
    }

    @Test
    void enable_withoutAConnection_is409() throws Exception {
        APIGatewayV2HTTPResponse response = handle(event("put-settings-enable.json"));

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(body(response).get("error").asText()).contains("Connect Salesforce");
        assertThat(fx.settings.get(UserId.of(USER))).isEmpty();
    }

    @Test
    void disable_is200_andKeepsThePeriod() throws Exception {
        fx.connect(USER, SyncFixture.ALICE_SF);
        handle(event("put-settings-enable.json"));

        APIGatewayV2HTTPResponse response = handle(event("put-settings-disable.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("enabled").asBoolean()).isFalse();
        assertThat(body(response).get("previouslyEnabled").asBoolean()).isTrue();
    }

    @Test
    void getSettings_ofANewUser_showsEverythingOff() throws Exception {
        APIGatewayV2HTTPResponse response = handle(event("get-settings.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode view = body(response);
        assertThat(view.get("enabled").asBoolean()).isFalse();
        assertThat(view.get("enabledAt").isNull()).isTrue();
        assertThat(view.get("connection").get("state").asText()).isEqualTo("NOT_CONNECTED");
        assertThat(view.get("connection").get("webhookUrl").isNull()).isTrue();
        assertThat(view.get("firstSync").get("state").asText()).isEqualTo("NONE");
        assertThat(view.get("firstSync").get("imported").asInt()).isZero();
        assertThat(view.get("detached").isNull()).isTrue();
    }

    @Test
    void getSettings_afterConnectingAnotherSalesforceOrg_saysThePreviousOrgsTasksNoLongerSync() throws Exception {
        fx.connect(USER, SyncFixture.ALICE_SF);
        fx.enable(USER);
        fx.reconnect(USER, fx.otherOrg, SyncFixture.ALICE_SF);

        JsonNode view = body(handle(event("get-settings.json")));

        assertThat(view.get("connection").get("orgId").asText()).isEqualTo(fx.otherOrg.orgId());
        assertThat(view.get("detached").get("orgId").asText()).isEqualTo(fx.salesforce.orgId());
        assertThat(view.get("firstSync").get("state").asText()).isEqualTo("QUEUED");
    }

    @Test
    void getSyncHealth_namesTheRefusedTask_andSaysLimitWaitsNeedNothing() throws Exception {
        fx.connect(USER, SyncFixture.ALICE_SF);
        fx.enable(USER);
        fx.sweep(USER);
        ScTask refused = fx.taskService.create(UserId.of(USER), TaskFields.todo("Quote for ACME"));
        fx.salesforce.rejectRecord(refused.taskId(), new SfError("FIELD_CUSTOM_VALIDATION_EXCEPTION",
                "Due date required", List.of("ActivityDate")), 1);
        fx.pushStream();
        fx.salesforce.fail(FakeSalesforce.Failure.LIMIT_EXCEEDED, null, 1);
        fx.taskService.create(UserId.of(USER), TaskFields.todo("Waits"));
        fx.pushStream();

        APIGatewayV2HTTPResponse response = handle(event("get-sync-health.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode health = body(response);
        assertThat(health.get("lastPulledAt").asText()).isEqualTo(fx.clock.instant().toString());
        assertThat(health.get("lastPushedAt").isNull()).isTrue();
        assertThat(health.get("waiting")).singleElement().satisfies(w -> {
            assertThat(w.get("reason").asText()).isEqualTo("LIMIT_REACHED");
            assertThat(w.get("count").asInt()).isEqualTo(1);
            assertThat(w.get("message").asText()).contains("nothing to do");
            assertThat(w.get("action").isNull()).isTrue();
        });
        assertThat(health.get("waitingMore").asBoolean()).isFalse();
        assertThat(health.get("problems")).singleElement().satisfies(p -> {
            assertThat(p.get("taskId").asText()).isEqualTo(refused.taskId());
            assertThat(p.get("subject").asText()).isEqualTo("Quote for ACME");
            assertThat(p.get("fields").get(0).asText()).isEqualTo("due date");
            assertThat(p.get("message").asText()).contains("Due date required").doesNotContain("FIELD_CUSTOM");
            assertThat(p.get("action").get("kind").asText()).isEqualTo("EDIT_TASK");
            assertThat(p.get("action").get("taskId").asText()).isEqualTo(refused.taskId());
        });
        assertThat(health.get("conflicts")).isEmpty();
    }

    @Test
    void getSyncHealth_ofABrokenConnection_offersReconnect_throughTheConnectRoute() throws Exception {
        fx.connect(USER, SyncFixture.ALICE_SF);
        fx.enable(USER);
        fx.sweep(USER);
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.fail(FakeSalesforce.Failure.CONNECTION_BROKEN, null, 1);
        fx.taskService.create(UserId.of(USER), TaskFields.todo("Held"));
        fx.pushStream();

        JsonNode health = body(handle(event("get-sync-health.json")));

        assertThat(health.get("waiting")).singleElement().satisfies(w -> {
            assertThat(w.get("reason").asText()).isEqualTo("CONNECTION_BROKEN");
            assertThat(w.get("action").get("kind").asText()).isEqualTo("RECONNECT");
            assertThat(w.get("action").get("label").asText()).isEqualTo("Reconnect");
            assertThat(w.get("action").get("route").asText()).isEqualTo(EnableSyncHandler.CONNECT);
        });
        assertThat(health.toString()).doesNotContain("refresh").doesNotContain("token");
    }

    @Test
    void getSyncHealth_isTheClaimedUsersOnly() throws Exception {
        fx.connect("mallory", SyncFixture.BOB_SF);
        fx.enable("mallory");
        fx.sweep("mallory");
        fx.salesforce.fail(FakeSalesforce.Failure.LIMIT_EXCEEDED, null, 1);
        fx.taskService.create(UserId.of("mallory"), TaskFields.todo("Not yours"));
        fx.pushStream();
        APIGatewayV2HTTPEvent event = event("get-sync-health.json");
        event.setQueryStringParameters(Map.of("userId", "mallory"));

        JsonNode health = body(handle(event));

        assertThat(health.get("waiting")).isEmpty();
        assertThat(health.get("lastPulledAt").isNull()).isTrue();
    }

    @Test
    void connect_answersTheAuthorizeUrl_withTheRequestsDomainAsRedirect() throws Exception {
        APIGatewayV2HTTPResponse json = handle(event("connect.json"));
        APIGatewayV2HTTPEvent browser = event("connect.json");
        browser.getHeaders().put("accept", "text/html");
        APIGatewayV2HTTPResponse redirect = handle(browser);

        assertThat(json.getStatusCode()).isEqualTo(200);
        URI authorize = URI.create(body(json).get("authorizeUrl").asText());
        assertThat(LiveSync.query(authorize)).containsEntry("redirect_uri",
                        "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/settings/salesforce/callback")
                .containsEntry("response_type", "code")
                .containsKey("state");
        assertThat(redirect.getStatusCode()).isEqualTo(302);
        assertThat(redirect.getHeaders().get("Location")).startsWith("https://login.salesforce.test/services/oauth2/authorize?");
    }

    @Test
    void callback_withAnUnknownState_sendsTheBrowserBackWithAReason_andStoresNothing() {
        APIGatewayV2HTTPResponse response = handle(event("callback.json"));

        assertThat(response.getStatusCode()).isEqualTo(302);
        assertThat(response.getHeaders().get("Location"))
                .isEqualTo(FixtureAdapters.SETTINGS_PAGE + "?connectError=unknown_state");
        assertThat(fx.connections.get(UserId.of(USER))).isEmpty();
    }

    @Test
    void callback_thatSalesforceDeclined_isReportedAsDenied() {
        APIGatewayV2HTTPEvent event = event("callback.json");
        event.setQueryStringParameters(Map.of("error", "access_denied", "error_description", "end-user denied"));

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getHeaders().get("Location")).endsWith("?connectError=denied");
    }

    @Test
    void unknownRoutes_are404() {
        APIGatewayV2HTTPEvent event = event("get-settings.json");
        event.setRouteKey("DELETE /settings/task-sync");

        assertThat(handle(event).getStatusCode()).isEqualTo(404);
    }

    @Test
    void anUnexpectedFailure_is500_withTheRequestIdOnly() throws Exception {
        fx.settings.faults.failNext("get");

        APIGatewayV2HTTPResponse response = handle(event("get-settings.json"));

        assertThat(response.getStatusCode()).isEqualTo(500);
        JsonNode body = body(response);
        assertThat(body.get("requestId").asText()).isEqualTo("req-1");
        assertThat(response.getBody()).doesNotContain("StoreException").doesNotContain("fault");
    }

    @Test
    void snapStartPriming_touchesNoStore() throws Exception {
        fx.settings.faults.failNext("get");

        handler.entry.beforeCheckpoint(null);

        assertThat(handle(event("get-settings.json")).getStatusCode())
                .as("the injected fault is still pending: priming read nothing").isEqualTo(500);
    }
}
