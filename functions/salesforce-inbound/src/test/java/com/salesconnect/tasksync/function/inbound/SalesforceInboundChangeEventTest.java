package com.salesconnect.tasksync.function.inbound;

import com.salesconnect.tasksync.runtime.LambdaJson;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import com.salesconnect.tasksync.wiring.EventFiles;
import com.salesconnect.tasksync.wiring.FixtureAdapters;
import com.salesconnect.tasksync.wiring.TestLambdaContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Change events from the Event Relay partner bus through the handler's Lambda entry, over in-memory fakes. */
class SalesforceInboundChangeEventTest {

    /** The org and task of the change events in events/salesforce-inbound (the Salesforce emulator's). */
    private static final String EVENTS_ORG = "00D5g002DCPK2kxEYD";
    private static final String EVENTS_TASK = "00T5g002DTs8PgtEYE";

    private final SyncFixture fx = new SyncFixture();
    private final SalesforceInboundHandler handler = new SalesforceInboundHandler(FixtureAdapters.components(fx));

    private static String file(String name) throws IOException {
        return EventFiles.text("salesforce-inbound/" + name);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> invoke(String json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out,
                TestLambdaContext.of("req-1"));
        return (Map<String, Object>) LambdaJson.read(out.toString(StandardCharsets.UTF_8));
    }

    /** The sample, moved to the fake org and one of its tasks. */
    private static String forFakeOrg(String json, String sfId) {
        return json.replace(EVENTS_ORG, FakeSalesforce.ORG_ID).replace(EVENTS_TASK, sfId);
    }

    private String syncedTask() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "Call Bob");
        fx.deliverNotificationsFor(sf.id());
        assertThat(fx.tasks.live(ALICE)).hasSize(1);
        fx.clock.advance(Duration.ofSeconds(5));
        return sf.id();
    }

    @Test
    void theSamples_fromAnOrgWhereNobodySyncs_areDroppedAndCounted_twice() throws IOException {
        for (String name : new String[] {"change-event-update.json", "change-event-delete.json"}) {
            for (int delivery = 0; delivery < 2; delivery++) {
                assertThat(invoke(file(name))).containsEntry("outcome", "NO_USER_IN_ORG");
            }
        }
        assertThat(fx.tasks.all()).isEmpty();
        assertThat(fx.salesforce.callCount()).isZero();
    }

    @Test
    void aDeleteEvent_removesTheTask_andItsRedeliveryChangesNothing() throws IOException {
        String id = syncedTask();
        fx.salesforce.userDeletes(id);
        String event = forFakeOrg(file("change-event-delete.json"), SalesforceIds.to18(id))
                .replace("1795515000000", Long.toString(fx.clock.instant().toEpochMilli()));

        Map<String, Object> first = invoke(event);
        Map<String, Object> again = invoke(event);

        assertThat(first).containsEntry("outcome", "APPLIED").containsEntry("applied", 1);
        assertThat(again).containsEntry("applied", 0);
        assertThat(fx.tasks.live(ALICE)).isEmpty();
    }

    @Test
    void anUpdateEvent_isApplied() throws IOException {
        String id = syncedTask();
        fx.salesforce.userEdits(id, Map.of("Subject", "Call Bob back", "Status", "Completed"));

        Map<String, Object> result = invoke(forFakeOrg(file("change-event-update.json"), SalesforceIds.to18(id)));

        assertThat(result).containsEntry("applied", 1);
        assertThat(fx.tasks.live(ALICE).get(0).fields().subject()).isEqualTo("Call Bob back");
        assertThat(fx.tasks.live(ALICE).get(0).fields().completed()).isTrue();
    }

    @Test
    void aMalformedEvent_isDropped_withoutAnyWriteOrRetry() throws IOException {
        String id = syncedTask();
        fx.salesforce.resetCounts();
        String notTask = forFakeOrg(file("change-event-delete.json"), SalesforceIds.to18(id))
                .replace("\"entityName\": \"Task\"", "\"entityName\": \"Account\"");
        String otherSource = file("change-event-delete.json").replace("aws.partner/salesforce.com", "aws.partner/x.com");

        assertThat(invoke(notTask)).containsEntry("outcome", "MALFORMED");
        assertThat(invoke(otherSource)).containsEntry("outcome", "MALFORMED");
        assertThat(fx.tasks.live(ALICE)).hasSize(1);
        assertThat(fx.salesforce.callCount()).isZero();
    }

    @Test
    void aStoreOutage_fails_theInvocation_soLambdaRetriesTheEvent() throws IOException {
        String id = syncedTask();
        fx.salesforce.userDeletes(id);
        fx.connections.faults.failNext("usersInOrg");

        assertThatThrownBy(() -> invoke(forFakeOrg(file("change-event-delete.json"), SalesforceIds.to18(id))))
                .isInstanceOf(RuntimeException.class);
        assertThat(fx.tasks.live(ALICE)).hasSize(1);
    }

    @Test
    void theApiGatewayRequests_stillGoToTheOutboundMessagePath() throws IOException {
        Map<String, Object> response = invoke(file("outbound-message-wrong-token.json"));

        assertThat(response).containsEntry("statusCode", 403);
    }
}
