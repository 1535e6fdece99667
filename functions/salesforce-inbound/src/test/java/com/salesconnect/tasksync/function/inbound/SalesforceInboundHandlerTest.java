package com.salesconnect.tasksync.function.inbound;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import com.salesconnect.tasksync.wiring.EventFiles;
import com.salesconnect.tasksync.wiring.FixtureAdapters;
import com.salesconnect.tasksync.wiring.LiveSync;
import com.salesconnect.tasksync.wiring.TestLambdaContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler's answers over in-memory fakes, fed with the files in events/salesforce-inbound. */
class SalesforceInboundHandlerTest {

    /** The OrganizationId of the messages in events/ (the Salesforce emulator's org). */
    private static final String EVENTS_ORG = "00D5g002DCPK2kxEYD";

    private final SyncFixture fx = new SyncFixture();
    private final SalesforceInboundHandler handler = new SalesforceInboundHandler(FixtureAdapters.components(fx));

    private static APIGatewayV2HTTPEvent event(String file) {
        return EventLoader.loadApiGatewayHttpEvent(EventFiles.path("salesforce-inbound/" + file));
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, TestLambdaContext.of("req-1"));
    }

    private void registerEventsToken(String orgId) {
        fx.webhooks.createIfAbsent(new com.salesconnect.tasksync.store.WebhookStore.Webhook(orgId,
                SyncFixture.sha256Hex(LiveSync.WEBHOOK_TOKEN), fx.cipher.encrypt(LiveSync.WEBHOOK_TOKEN,
                TokenContext.webhookToken(orgId))));
    }

    @Test
    void aMessageOfTheTokensOrg_isAcknowledged_evenWhenNoUserSyncsItsOwner() {
        registerEventsToken(EVENTS_ORG);

        APIGatewayV2HTTPResponse response = handle(event("outbound-message.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/xml; charset=utf-8");
        assertThat(response.getBody()).contains("<Ack>true</Ack>");
        assertThat(fx.notifications.seen(OrgId.of(EVENTS_ORG), "04l5g002G5Q9KpnAIF")).isTrue();
    }

    @Test
    void aWrongToken_isAFault_andWritesNothing() {
        registerEventsToken(EVENTS_ORG);

        APIGatewayV2HTTPResponse response = handle(event("outbound-message-wrong-token.json"));

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("<faultcode>soapenv:Client</faultcode>")
                .contains("Not authorized.").doesNotContain("Ack");
        assertThat(fx.notifications.size()).isZero();
        assertThat(fx.salesforce.callCount()).isZero();
    }

    @Test
    void aTokenOfAnotherOrg_isTheSameFault_andWritesNothing() {
        registerEventsToken(FakeSalesforce.ORG_ID);

        APIGatewayV2HTTPResponse response = handle(event("outbound-message.json"));

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("Not authorized.");
        assertThat(fx.notifications.size()).isZero();
    }

    @Test
    void aPathThatIsNoToken_isRefusedWithoutALookup() {
        fx.webhooks.createIfAbsent(new com.salesconnect.tasksync.store.WebhookStore.Webhook(EVENTS_ORG,
                SyncFixture.sha256Hex("short"), fx.cipher.encrypt("short", TokenContext.webhookToken(EVENTS_ORG))));
        APIGatewayV2HTTPEvent event = event("outbound-message.json");
        event.setPathParameters(Map.of("webhookToken", "short"));

        assertThat(handle(event).getStatusCode()).isEqualTo(403);
        assertThat(fx.notifications.size()).isZero();
    }

    @Test
    void malformedBodies_areClientFaults_400() {
        registerEventsToken(EVENTS_ORG);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">&e;</soapenv:Envelope>";
        for (String body : new String[] {"", "not xml", xxe}) {
            APIGatewayV2HTTPEvent event = event("outbound-message.json");
            event.setBody(body);

            APIGatewayV2HTTPResponse response = handle(event);

            assertThat(response.getStatusCode()).as(body).isEqualTo(400);
            assertThat(response.getBody()).contains("<faultcode>soapenv:Client</faultcode>")
                    .doesNotContain("passwd");
        }
        APIGatewayV2HTTPEvent notBase64 = event("outbound-message.json");
        notBase64.setIsBase64Encoded(true);
        assertThat(handle(notBase64).getStatusCode()).isEqualTo(400);
        assertThat(fx.notifications.size()).isZero();
    }

    @Test
    void aBase64Body_isDecoded() {
        registerEventsToken(EVENTS_ORG);
        APIGatewayV2HTTPEvent event = event("outbound-message.json");
        event.setBody(Base64.getEncoder().encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertThat(handle(event).getBody()).contains("<Ack>true</Ack>");
    }

    @Test
    void aStoreOutage_isAServerFault_503_soSalesforceRetries() {
        registerEventsToken(EVENTS_ORG);
        fx.notifications.faults.failNext("seen");

        APIGatewayV2HTTPResponse response = handle(event("outbound-message.json"));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).contains("<faultcode>soapenv:Server</faultcode>").doesNotContain("Ack");
        assertThat(fx.notifications.size()).isZero();
    }

    @Test
    void theLog_neverShowsTheSessionIdTheTokenOrTaskContent() {
        registerEventsToken(EVENTS_ORG);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            handle(event("outbound-message.json"));
            handle(event("outbound-message-wrong-token.json"));
            APIGatewayV2HTTPEvent malformed = event("outbound-message.json");
            malformed.setBody(malformed.getBody().replace("</soapenv:Envelope>", ""));
            handle(malformed);
        } finally {
            System.setOut(original);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("outbound message acknowledged").contains("outbound message rejected")
                .contains("outbound message malformed")
                .doesNotContain("AQ4AQExampleSessionId").doesNotContain(LiveSync.WEBHOOK_TOKEN)
                .doesNotContain("wRoNgToKeN").doesNotContain("Call Ada").doesNotContain("price list");
    }

    @Test
    void snapStartPriming_parsesTheSample_withoutAnyStore() throws Exception {
        registerEventsToken(EVENTS_ORG);
        fx.notifications.faults.failNext("seen");

        handler.entry.beforeCheckpoint(null);

        assertThat(fx.salesforce.callCount()).isZero();
        assertThat(handle(event("outbound-message.json")).getStatusCode())
                .as("the injected fault is still pending: priming read no store").isEqualTo(503);
    }
}
