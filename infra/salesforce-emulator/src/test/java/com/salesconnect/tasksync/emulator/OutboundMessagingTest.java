package com.salesconnect.tasksync.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.emulator.outbound.DeliveryLogEntry;
import com.salesconnect.tasksync.emulator.outbound.DeliveryLogEntry.Outcome;
import com.salesconnect.tasksync.emulator.outbound.OutboundConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static com.salesconnect.tasksync.emulator.EmulatorFixture.V;
import static org.assertj.core.api.Assertions.assertThat;

class OutboundMessagingTest {

    private static final String DEMO = "demo@example.com";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final OutboundReceiver receiver = new OutboundReceiver();
    private EmulatorFixture fx;

    OutboundMessagingTest() throws IOException {
        start(c -> c);
    }

    private void start(UnaryOperator<OutboundConfig> outbound) {
        if (fx != null) {
            fx.close();
        }
        fx = new EmulatorFixture(c -> c.withOutbound(outbound.apply(c.outbound())));
        fx.sf.org().setOutboundEndpoint(receiver.uri());
    }

    @AfterEach
    void stop() {
        fx.close();
        receiver.close();
    }

    private void awaitIdle() {
        assertThat(fx.sf.awaitOutboundIdle(WAIT)).as("outbound queue drained").isTrue();
    }

    private void awaitLog(Predicate<List<DeliveryLogEntry>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.test(fx.sf.outboundLog())) {
            assertThat(System.nanoTime()).as("log condition reached in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static boolean has(List<DeliveryLogEntry> log, Outcome outcome) {
        return log.stream().anyMatch(e -> e.outcome() == outcome);
    }

    @Test
    void create_sendsASoapNotificationsMessageWithTheTask() {
        String id = fx.sf.org().createTask(DEMO, Map.of("Subject", "Call Ada", "ActivityDate", "2026-11-25")).id();
        awaitIdle();
        assertThat(receiver.messages()).hasSize(1);
        OutboundReceiver.Message m = receiver.messages().get(0);
        assertThat(m.contentType()).isEqualTo("text/xml; charset=utf-8");
        assertThat(m.soapAction()).isEqualTo("\"\"");
        assertThat(m.organizationId()).isEqualTo(fx.sf.org().id());
        assertThat(m.actionId()).startsWith("04k").hasSize(18);
        assertThat(m.enterpriseUrl()).isEqualTo(fx.sf.baseUrl() + "/services/Soap/c/62.0/" + fx.sf.org().id().substring(0, 15));
        assertThat(m.partnerUrl()).isEqualTo(fx.sf.baseUrl() + "/services/Soap/u/62.0/" + fx.sf.org().id().substring(0, 15));
        assertThat(m.notifications()).hasSize(1);
        OutboundReceiver.Notification n = m.notifications().get(0);
        assertThat(n.id()).startsWith("04l").hasSize(18);
        assertThat(n.type()).isEqualTo("sf:Task");
        assertThat(n.fields().keySet().iterator().next()).isEqualTo("Id");
        assertThat(n.fields()).containsEntry("Id", id).containsEntry("Subject", "Call Ada")
                .containsEntry("ActivityDate", "2026-11-25").containsEntry("OwnerId", fx.demoUserId())
                .containsEntry("Status", "Not Started").containsEntry("IsClosed", "false")
                .containsEntry("SystemModstamp", "2026-11-24T10:00:00.000Z")
                .doesNotContainKey("Description");
        assertThat(fx.sf.outboundLog()).extracting(DeliveryLogEntry::outcome).containsExactly(Outcome.ACKED);
    }

    @Test
    void theSessionIdIsAWorkingSessionOfTheOrgAdmin() {
        fx.sf.org().createTask(DEMO, Map.of("Subject", "a"));
        awaitIdle();
        String session = receiver.messages().get(0).sessionId();
        assertThat(session).startsWith(fx.sf.org().id().substring(0, 15) + "!");
        assertThat(fx.http.get(V + "/limits", session).status()).isEqualTo(200);
    }

    @Test
    void withoutSessionIdTheElementIsNil() {
        start(o -> o.withSessionId(false));
        fx.sf.org().createTask(DEMO, Map.of("Subject", "a"));
        awaitIdle();
        assertThat(receiver.messages().get(0).sessionIdNil()).isTrue();
    }

    @Test
    void nullsCanBeSentAsNil() {
        start(o -> o.withNullsAsNil(true));
        fx.sf.org().createTask(DEMO, Map.of("Subject", "a"));
        awaitIdle();
        assertThat(receiver.notifications().get(0).fields()).containsEntry("Description", null);
    }

    @Test
    void onlyTheConfiguredFieldsAreSent() {
        start(o -> o.withFields(List.of("Subject", "status")));
        fx.sf.org().createTask(DEMO, Map.of("Subject", "a"));
        awaitIdle();
        assertThat(receiver.notifications().get(0).fields()).containsOnlyKeys("Id", "Subject", "Status");
    }

    @Test
    void editsSendMessagesButDeletesSystemChangesAndSeedsDoNot() {
        String id = fx.sf.org().createTask(DEMO, Map.of("Subject", "v1")).id();
        awaitIdle();
        fx.clock.advance(Duration.ofMinutes(1));
        fx.sf.org().updateTask(DEMO, id, Map.of("Subject", "v2"));
        awaitIdle();
        fx.sf.org().systemTouch(id);
        fx.sf.org().seedTask(DEMO, Map.of("Subject", "seeded"));
        fx.sf.org().deleteTask(DEMO, id);
        awaitIdle();
        List<OutboundReceiver.Notification> received = receiver.notifications();
        assertThat(received).extracting(n -> n.fields().get("Subject")).containsExactly("v1", "v2");
        assertThat(received.get(0).id()).isNotEqualTo(received.get(1).id());
        assertThat(received.get(1).fields()).containsEntry("SystemModstamp", "2026-11-24T10:01:00.000Z");
    }

    @Test
    void restApiEditsSendMessagesUnlessSwitchedOff() {
        String token = fx.token();
        fx.http.post(V + "/sobjects/Task", token, Map.of("Subject", "from the API"));
        awaitIdle();
        assertThat(receiver.notifications()).extracting(n -> n.fields().get("Subject")).containsExactly("from the API");

        start(o -> o.withOnApiEdits(false));
        fx.http.post(V + "/sobjects/Task", fx.token(), Map.of("Subject", "quiet"));
        fx.sf.org().createTask(DEMO, Map.of("Subject", "from the UI"));
        awaitIdle();
        assertThat(receiver.notifications()).extracting(n -> n.fields().get("Subject"))
                .containsExactly("from the API", "from the UI");
    }

    @Test
    void noEndpointNoMessage() {
        fx.sf.org().setOutboundEndpoint(null);
        fx.sf.org().createTask(DEMO, Map.of("Subject", "a"));
        awaitIdle();
        assertThat(receiver.messages()).isEmpty();
        assertThat(fx.sf.outboundLog()).isEmpty();
    }

    @Test
    void aUsersOwnEndpointTakesTheirTasks() throws IOException {
        try (OutboundReceiver samsReceiver = new OutboundReceiver()) {
            fx.sf.org().setOutboundEndpoint("sam@example.com", samsReceiver.uri());
            fx.sf.org().createTask("sam@example.com", Map.of("Subject", "sam's"));
            fx.sf.org().createTask(DEMO, Map.of("Subject", "demo's"));
            awaitIdle();
            assertThat(samsReceiver.notifications()).extracting(n -> n.fields().get("Subject")).containsExactly("sam's");
            assertThat(receiver.notifications()).extracting(n -> n.fields().get("Subject")).containsExactly("demo's");
        }
    }

    @Test
    void unacknowledgedMessagesAreRetriedWithGrowingBackOffUntilAcked() {
        receiver.answer(new OutboundReceiver.Answer(500, "<soapenv:Fault/>"),
                new OutboundReceiver.Answer(200, OutboundReceiver.NACK),
                new OutboundReceiver.Answer(200, "not xml at all"));
        long start = System.nanoTime();
        fx.sf.org().createTask(DEMO, Map.of("Subject", "a"));
        awaitIdle();
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(receiver.messages()).hasSize(4);
        assertThat(receiver.notifications()).extracting(OutboundReceiver.Notification::id).containsOnly(
                receiver.notifications().get(0).id());
        List<DeliveryLogEntry> log = fx.sf.outboundLog();
        assertThat(log).extracting(DeliveryLogEntry::outcome).containsExactly(Outcome.NOT_ACKED, Outcome.NOT_ACKED,
                Outcome.NOT_ACKED, Outcome.ACKED);
        assertThat(log).extracting(DeliveryLogEntry::attempt).containsExactly(1, 2, 3, 4);
        assertThat(log).extracting(DeliveryLogEntry::httpStatus).containsExactly(500, 200, 200, 200);
        assertThat(elapsedMillis).as("20 + 40 + 80 ms of back-off").isGreaterThanOrEqualTo(140);
    }

    @Test
    void aMessageNotAcknowledgedWithin24HoursIsGivenUp() throws Exception {
        fx.sf.org().setOutboundEndpoint(URI.create("http://127.0.0.1:1/unreachable"));
        fx.sf.org().createTask(DEMO, Map.of("Subject", "a"));
        awaitLog(log -> has(log, Outcome.UNREACHABLE));
        assertThat(fx.sf.awaitOutboundIdle(Duration.ofMillis(300))).as("still retrying").isFalse();
        fx.clock.advance(Duration.ofHours(24));
        awaitIdle();
        List<DeliveryLogEntry> log = fx.sf.outboundLog();
        assertThat(log.get(log.size() - 1).outcome()).isEqualTo(Outcome.GAVE_UP);
    }

    @Test
    void changesAreBatchedUpTo100NotificationsPerMessage() {
        ObjectNode body = TestHttp.JSON.createObjectNode().put("allOrNone", false);
        ArrayNode records = body.putArray("records");
        for (int i = 0; i < 150; i++) {
            ObjectNode r = records.addObject().put("Subject", "bulk " + i);
            r.putObject("attributes").put("type", "Task");
        }
        assertThat(fx.http.post(V + "/composite/sobjects", fx.token(), body).status()).isEqualTo(200);
        awaitIdle();
        assertThat(receiver.messages()).extracting(m -> m.notifications().size()).containsExactly(100, 50);
        assertThat(receiver.notifications()).extracting(n -> n.fields().get("Id")).doesNotHaveDuplicates().hasSize(150);
    }

    @Test
    void aQueuedNotificationCarriesTheLatestDataOfItsRecord() throws Exception {
        start(o -> o.withRetry(Duration.ofMillis(400), Duration.ofSeconds(1)));
        receiver.answer(new OutboundReceiver.Answer(503, "busy"));
        String id = fx.sf.org().createTask(DEMO, Map.of("Subject", "v1")).id();
        awaitLog(log -> has(log, Outcome.NOT_ACKED));
        fx.sf.org().updateTask(DEMO, id, Map.of("Subject", "v2"));
        awaitIdle();
        List<OutboundReceiver.Notification> received = receiver.notifications();
        assertThat(received).extracting(n -> n.fields().get("Subject")).containsExactly("v1", "v2");
        assertThat(received.get(1).id()).as("the retried notification, not a new one").isEqualTo(received.get(0).id());
    }

    @Test
    void aRecordDeletedBeforeDeliveryIsSentAsItsIdAlone() throws Exception {
        start(o -> o.withRetry(Duration.ofMillis(400), Duration.ofSeconds(1)));
        receiver.answer(new OutboundReceiver.Answer(503, "busy"));
        String id = fx.sf.org().createTask(DEMO, Map.of("Subject", "v1")).id();
        awaitLog(log -> has(log, Outcome.NOT_ACKED));
        fx.sf.org().deleteTask(DEMO, id);
        awaitIdle();
        assertThat(receiver.notifications().get(1).fields()).containsOnly(Map.entry("Id", id));
    }

    @Test
    void dropFault_losesTheNextMessage() {
        fx.sf.outbound().dropNext(1);
        fx.sf.org().createTask(DEMO, Map.of("Subject", "lost"));
        awaitIdle();
        fx.sf.org().createTask(DEMO, Map.of("Subject", "delivered"));
        awaitIdle();
        assertThat(receiver.notifications()).extracting(n -> n.fields().get("Subject")).containsExactly("delivered");
        assertThat(fx.sf.outboundLog()).extracting(DeliveryLogEntry::outcome).containsExactly(Outcome.DROPPED,
                Outcome.ACKED);
    }

    @Test
    void duplicateFault_deliversTheSameMessageTwice() {
        fx.sf.outbound().duplicateNext(1);
        fx.sf.org().createTask(DEMO, Map.of("Subject", "twice"));
        awaitIdle();
        assertThat(receiver.messages()).hasSize(2);
        assertThat(receiver.messages().get(1).raw()).isEqualTo(receiver.messages().get(0).raw());
        assertThat(fx.sf.outboundLog()).extracting(DeliveryLogEntry::outcome).containsExactly(Outcome.ACKED,
                Outcome.DUPLICATE_SENT);
    }

    @Test
    void reorderFault_deliversNewerChangesBeforeOlderOnes() throws Exception {
        fx.sf.outbound().reorderNext(2);
        String id = fx.sf.org().createTask(DEMO, Map.of("Subject", "v1")).id();
        awaitLog(log -> has(log, Outcome.HELD));
        fx.clock.advance(Duration.ofMinutes(1));
        fx.sf.org().updateTask(DEMO, id, Map.of("Subject", "v2"));
        awaitIdle();
        List<OutboundReceiver.Notification> received = receiver.notifications();
        assertThat(received).extracting(n -> n.fields().get("Subject")).containsExactly("v2", "v1");
        assertThat(received).extracting(n -> n.fields().get("SystemModstamp"))
                .containsExactly("2026-11-24T10:01:00.000Z", "2026-11-24T10:00:00.000Z");
    }
}
