package com.salesconnect.tasksync.salesforce.contract;

import com.salesconnect.tasksync.emulator.EmulatorConfig;
import com.salesconnect.tasksync.emulator.MutableClock;
import com.salesconnect.tasksync.emulator.SalesforceEmulator;
import com.salesconnect.tasksync.emulator.outbound.DeliveryLogEntry;
import com.salesconnect.tasksync.emulator.outbound.OutboundConfig;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.salesforce.OutboundMessage.Notification;
import com.salesconnect.tasksync.salesforce.OutboundMessageCodec;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.task.SfTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static com.salesconnect.tasksync.salesforce.contract.EmulatedSalesforce.DEMO;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Outbound Message codec against the messages the emulator really posts: typed tasks, present and nil
 * fields, batches of up to 100, and the acknowledgement and fault answers that end or continue the retries.
 */
class OutboundCodecIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CONTACT = SalesforceIds.to18("0035g00000ADA01");
    private static final String OPPORTUNITY = SalesforceIds.to18("0065g00000DEAL1");

    private final OutboundMessageCodec codec = new OutboundMessageCodec();
    private final MutableClock clock = MutableClock.fixed(EmulatedSalesforce.T0);
    private final SoapListener listener = new SoapListener();
    private SalesforceEmulator sf;

    @AfterEach
    void stop() {
        if (sf != null) {
            sf.close();
        }
        listener.close();
    }

    private SalesforceEmulator start(UnaryOperator<OutboundConfig> outbound) throws IOException {
        sf = SalesforceEmulator.start(EmulatorConfig.forTests(clock)
                .withOutbound(outbound.apply(OutboundConfig.fastForTests())));
        sf.org().setOutboundEndpoint(listener.endpoint());
        return sf;
    }

    private List<OutboundMessage> delivered() {
        assertThat(sf.awaitOutboundIdle(WAIT)).as("outbound queue drained").isTrue();
        return listener.received().stream().map(r -> codec.parse(r.body())).toList();
    }

    /** The task as the REST API would read it: what a parsed notification must equal. */
    private static SfTask asRead(SObjectRecord r) {
        return new SfTask(r.id(), r.string("OwnerId"), r.string("Subject"), r.string("Description"),
                r.date("ActivityDate"), r.string("Status"), (Boolean) r.get("IsClosed"), r.string("Priority"),
                r.instant("ReminderDateTime"), (Boolean) r.get("IsReminderSet"), r.string("TaskSubtype"),
                r.string("WhoId"), r.string("WhatId"), r.instant("CreatedDate"), r.instant("LastModifiedDate"),
                r.instant("SystemModstamp"), (Boolean) r.get("IsDeleted"), (Boolean) r.get("IsRecurrence"),
                r.string("CreatedById"));
    }

    @Test
    void createAndEdit_postMessagesTheCodecReadsAsTypedTasks_equalToTheOrgsRecords() throws Exception {
        start(o -> o);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Subject", "Call Ada <about> the \"renewal\" & more");
        fields.put("Description", "Line one\nLine two");
        fields.put("ActivityDate", LocalDate.parse("2026-11-25"));
        fields.put("Status", "Completed");
        fields.put("Priority", "High");
        fields.put("ReminderDateTime", Instant.parse("2026-11-25T08:30:00Z"));
        fields.put("IsReminderSet", true);
        fields.put("TaskSubtype", "Call");
        fields.put("WhoId", CONTACT);
        fields.put("WhatId", OPPORTUNITY);
        SObjectRecord created = sf.org().createTask(DEMO, fields);
        List<OutboundMessage> afterCreate = delivered();
        clock.advance(Duration.ofMinutes(5));
        Map<String, Object> edit = new LinkedHashMap<>();
        edit.put("Subject", "Edited");
        edit.put("Description", null);
        edit.put("Status", "Not Started");
        SObjectRecord edited = sf.org().updateTask(DEMO, created.id(), edit);

        List<OutboundMessage> messages = delivered();

        assertThat(afterCreate).hasSize(1);
        assertThat(messages).hasSize(2);
        OutboundMessage first = messages.get(0);
        assertThat(first.organizationId()).isEqualTo(sf.org().id());
        assertThat(first.actionId()).startsWith("04k");
        assertThat(first.enterpriseUrl()).startsWith(sf.baseUrl());
        Notification onCreate = first.notifications().get(0);
        assertThat(onCreate.task()).isEqualTo(asRead(created));
        assertThat(onCreate.task().isClosed()).isTrue();
        assertThat(onCreate.task().activityDate()).isEqualTo(LocalDate.parse("2026-11-25"));
        assertThat(onCreate.presentFields()).containsAll(SalesforceApi.TASK_FIELDS);

        Notification onEdit = messages.get(1).notifications().get(0);
        assertThat(onEdit.id()).isNotEqualTo(onCreate.id());
        assertThat(onEdit.task()).isEqualTo(asRead(edited));
        assertThat(onEdit.task().subject()).isEqualTo("Edited");
        assertThat(onEdit.task().isClosed()).isFalse();
        assertThat(onEdit.task().systemModstamp()).isEqualTo(EmulatedSalesforce.T0.plus(Duration.ofMinutes(5)));
        assertThat(onEdit.presentFields()).as("a cleared field is left out, as Salesforce does")
                .doesNotContain("Description");
        assertThat(onEdit.task().description()).isNull();

        SoapListener.Received raw = listener.received().get(0);
        assertThat(raw.contentType()).startsWith("text/xml");
        String sessionId = raw.text().replaceAll("(?s).*<SessionId>([^<]+)</SessionId>.*", "$1");
        assertThat(sessionId).as("the org sends a session id").isNotBlank().doesNotContain("<");
        assertThat(first.toString()).as("the parsed message keeps no session id").doesNotContain(sessionId);
    }

    @Test
    void fieldsSentAsNil_arePresentAndNull() throws Exception {
        start(o -> o.withNullsAsNil(true));
        SObjectRecord created = sf.org().createTask(DEMO, Map.of("Subject", "Bare"));

        Notification n = delivered().get(0).notifications().get(0);

        assertThat(listener.received().get(0).text()).contains("xsi:nil=\"true\"");
        assertThat(n.presentFields()).contains("Description", "WhoId", "WhatId", "ActivityDate", "ReminderDateTime");
        assertThat(n.task().description()).isNull();
        assertThat(n.task().whoId()).isNull();
        assertThat(n.task().activityDate()).isNull();
        assertThat(n.task()).isEqualTo(asRead(created));
    }

    @Test
    void aTaskDeletedBeforeItsMessageLeaves_arrivesAsItsIdAlone_whichTheCodecMarksIncomplete() throws Exception {
        start(o -> o.withBatchWindow(Duration.ofMillis(300)));
        SObjectRecord created = sf.org().createTask(DEMO, Map.of("Subject", "Short-lived"));
        sf.org().deleteTask(DEMO, created.id());

        Notification n = delivered().get(0).notifications().get(0);

        assertThat(n.task().id()).isEqualTo(created.id());
        assertThat(n.presentFields()).containsExactly("Id");
        assertThat(n.task().subject()).isNull();
        assertThat(n.task().systemModstamp()).isNull();
    }

    @Test
    void manyEdits_arriveInMessagesOfAtMost100Notifications_coveringEveryTask() throws Exception {
        start(o -> o.withBatchWindow(Duration.ofMillis(300)));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 150; i++) {
            ids.add(sf.org().createTask(DEMO, Map.of("Subject", "Bulk " + i)).id());
        }

        List<OutboundMessage> messages = delivered();

        assertThat(messages).allSatisfy(m -> assertThat(m.notifications()).hasSizeBetween(1, 100));
        assertThat(messages).anySatisfy(m -> assertThat(m.notifications()).hasSize(100));
        assertThat(messages.stream().flatMap(m -> m.notifications().stream()).map(n -> n.task().id()))
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void acknowledgement_endsTheDeliveries() throws Exception {
        start(o -> o);
        sf.org().createTask(DEMO, Map.of("Subject", "Once"));

        List<OutboundMessage> messages = delivered();
        Thread.sleep(300); // longer than several retry intervals of the test configuration

        assertThat(messages).hasSize(1);
        assertThat(listener.received()).hasSize(1);
        assertThat(sf.outboundLog()).extracting(DeliveryLogEntry::outcome)
                .containsExactly(DeliveryLogEntry.Outcome.ACKED);
    }

    @Test
    void soapFault_makesTheOrgRetryTheSameNotifications_untilAcknowledged() throws Exception {
        start(o -> o);
        listener.answerWith(n -> n < 2 ? listener.serverFault("Try again later") : listener.ack());
        SObjectRecord task = sf.org().createTask(DEMO, Map.of("Subject", "Retried"));

        List<OutboundMessage> messages = delivered();

        assertThat(messages).hasSize(3);
        assertThat(messages).allSatisfy(m -> assertThat(m.notifications()).singleElement()
                .satisfies(n -> {
                    assertThat(n.id()).isEqualTo(messages.get(0).notifications().get(0).id());
                    assertThat(n.task().id()).isEqualTo(task.id());
                }));
        assertThat(sf.outboundLog()).extracting(DeliveryLogEntry::outcome).containsExactly(
                DeliveryLogEntry.Outcome.NOT_ACKED, DeliveryLogEntry.Outcome.NOT_ACKED,
                DeliveryLogEntry.Outcome.ACKED);
        assertThat(sf.outboundLog()).extracting(DeliveryLogEntry::httpStatus).containsExactly(500, 500, 200);
    }
}
