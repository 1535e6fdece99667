package com.salesconnect.tasksync.function.enablesync;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SyncSettings;
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

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file of events/enable-sync through the handler, against moto and the Salesforce emulator, in the order a
 * user goes: connect, back from Salesforce, turn sync on, look, turn it off. Each file is delivered twice: the
 * second delivery leaves both sides as the first left them and writes nothing to Salesforce.
 */
@AwsEngineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnableSyncEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = LiveSync.USER;

    private LiveSync live;
    private EnableSyncHandler handler;
    private LiveSync.BusTap bus;

    @BeforeAll
    void start(AwsResources aws) {
        live = LiveSync.start(aws, Instant.parse("2026-11-24T09:00:00Z"));
        live.registerWebhookToken();
        handler = new EnableSyncHandler(live.components);
        bus = live.tapBus("EnableSyncEventsIT-bus");
    }

    @AfterAll
    void stop() {
        live.close();
    }

    private static APIGatewayV2HTTPEvent event(String file) {
        return EventLoader.loadApiGatewayHttpEvent(EventFiles.path("enable-sync/" + file));
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, TestLambdaContext.of("it"));
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    @Test
    @Order(1)
    void callbackFileAsItIs_carriesAStateNobodyIssued_andConnectsNothing() {
        LiveSync.State before = live.state();

        for (int delivery = 1; delivery <= 2; delivery++) {
            APIGatewayV2HTTPResponse response = handle(event("callback.json"));

            assertThat(response.getStatusCode()).isEqualTo(302);
            assertThat(response.getHeaders().get("Location"))
                    .isEqualTo(LiveSync.SETTINGS_PAGE + "?connectError=unknown_state");
            assertThat(live.state()).isEqualTo(before);
        }
        assertThat(live.components.stores().connections().get(UserId.of(USER))).isEmpty();
    }

    @Test
    @Order(2)
    void connect_thenCallback_connectDemo_throughTheRealOAuthFlow() throws Exception {
        LiveSync.State before = live.state();
        APIGatewayV2HTTPResponse connect = handle(event("connect.json"));
        APIGatewayV2HTTPResponse connectAgain = handle(event("connect.json"));

        assertThat(connect.getStatusCode()).isEqualTo(200);
        URI authorize = URI.create(body(connect).get("authorizeUrl").asText());
        assertThat(authorize.toString()).startsWith(live.salesforce.baseUrl() + "/services/oauth2/authorize?");
        assertThat(body(connectAgain).get("authorizeUrl").asText()).as("a fresh one-time state per connect")
                .isNotEqualTo(authorize.toString());
        assertThat(live.state().salesforceTasks()).isEqualTo(before.salesforceTasks());

        // The user signs in at Salesforce (the emulator) and is sent back with a code and the state.
        URI back = live.redirectOf(URI.create(authorize + "&login_hint=" + LiveSync.SF_USERNAME));
        assertThat(back.toString()).startsWith(LiveSync.EVENTS_BASE_URL + "/settings/salesforce/callback?");
        APIGatewayV2HTTPEvent callback = event("callback.json");
        Map<String, String> query = LiveSync.query(back);
        callback.setQueryStringParameters(new HashMap<>(query));
        callback.setRawQueryString(back.getRawQuery());

        APIGatewayV2HTTPResponse connected = handle(callback);

        assertThat(connected.getStatusCode()).isEqualTo(302);
        assertThat(connected.getHeaders().get("Location")).isEqualTo(LiveSync.SETTINGS_PAGE + "?connected=1");
        SalesforceConnection connection = live.components.stores().connections().get(UserId.of(USER)).orElseThrow();
        assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(connection.orgId()).isEqualTo(live.orgId());
        assertThat(connection.sfUserId()).isEqualTo(live.sfUserId(LiveSync.SF_USERNAME));
        LiveSync.State after = live.state();
        assertThat(after.salesforceTasks()).isEqualTo(before.salesforceTasks());

        live.advance(Duration.ofSeconds(1));
        APIGatewayV2HTTPResponse replayed = handle(callback);

        assertThat(replayed.getHeaders().get("Location")).as("the state is one-time")
                .isEqualTo(LiveSync.SETTINGS_PAGE + "?connectError=unknown_state");
        assertThat(live.state()).isEqualTo(after);
    }

    @Test
    @Order(3)
    void putEnable_turnsSyncOn_andStartsTheFirstSyncOnce() throws Exception {
        bus.take();
        LiveSync.State before = live.state();

        APIGatewayV2HTTPResponse first = handle(event("put-settings-enable.json"));
        LiveSync.State after = live.state();
        live.advance(Duration.ofSeconds(1));
        APIGatewayV2HTTPResponse second = handle(event("put-settings-enable.json"));

        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(second.getStatusCode()).isEqualTo(200);
        assertThat(body(second)).isEqualTo(body(first));
        SyncSettings settings = live.components.stores().settings().get(UserId.of(USER)).orElseThrow();
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.timeZone().getId()).isEqualTo("Europe/Berlin");
        assertThat(settings.firstSync().state()).isEqualTo(FirstSyncState.QUEUED);
        assertThat(live.state()).isEqualTo(after);
        assertThat(after.salesforceTasks()).isEqualTo(before.salesforceTasks());
        assertThat(bus.take()).singleElement().satisfies(e -> {
            assertThat(e.get("detail-type").asText()).isEqualTo("SyncEnabled");
            assertThat(e.get("detail").get("userId").asText()).isEqualTo(USER);
        });
    }

    @Test
    @Order(4)
    void getSettings_showsTheConnection_theWebhookUrlToConfigure_andTheFirstSync() throws Exception {
        APIGatewayV2HTTPResponse response = handle(event("get-settings.json"));
        LiveSync.State after = live.state();
        APIGatewayV2HTTPResponse again = handle(event("get-settings.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode view = body(response);
        assertThat(view.get("enabled").asBoolean()).isTrue();
        assertThat(view.get("enabledAt").asText()).isEqualTo("2026-11-24T09:00:01Z");
        assertThat(view.get("connection").get("state").asText()).isEqualTo("CONNECTED");
        assertThat(view.get("connection").get("orgId").asText()).isEqualTo(live.orgId());
        assertThat(view.get("connection").get("webhookUrl").asText())
                .isEqualTo(LiveSync.EVENTS_BASE_URL + "/salesforce/outbound-messages/" + LiveSync.WEBHOOK_TOKEN);
        assertThat(view.get("firstSync").get("state").asText()).isEqualTo("QUEUED");
        assertThat(body(again)).isEqualTo(view);
        assertThat(live.state()).isEqualTo(after);
    }

    @Test
    @Order(4)
    void getSyncHealth_readsOnly_andShowsNothingWrongBeforeTheFirstSync() throws Exception {
        LiveSync.State before = live.state();
        APIGatewayV2HTTPResponse response = handle(event("get-sync-health.json"));
        APIGatewayV2HTTPResponse again = handle(event("get-sync-health.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode health = body(response);
        assertThat(health.get("waiting")).isEmpty();
        assertThat(health.get("problems")).isEmpty();
        assertThat(health.get("conflicts")).isEmpty();
        assertThat(body(again)).isEqualTo(health);
        assertThat(live.state()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void putDisable_turnsSyncOff_andKeepsEverythingElse() throws Exception {
        APIGatewayV2HTTPResponse first = handle(event("put-settings-disable.json"));
        LiveSync.State after = live.state();
        live.advance(Duration.ofSeconds(1));
        APIGatewayV2HTTPResponse second = handle(event("put-settings-disable.json"));

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(second.getStatusCode()).isEqualTo(200);
        assertThat(body(first).get("enabled").asBoolean()).isFalse();
        assertThat(body(first).get("previouslyEnabled").asBoolean()).isTrue();
        assertThat(live.components.stores().connections().get(UserId.of(USER)).orElseThrow().state())
                .isEqualTo(ConnectionState.CONNECTED);
        assertThat(live.state()).isEqualTo(after);
        assertThat(bus.take()).isEmpty();
    }
}
