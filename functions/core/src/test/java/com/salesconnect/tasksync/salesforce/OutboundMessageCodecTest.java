package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.salesforce.OutboundMessageCodec.FaultCode;
import com.salesconnect.tasksync.task.SfTask;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundMessageCodecTest {

    static final String ORG = "00Dxx0000001gEREAY";
    static final String SESSION = "00Dxx0000001gER!AQ4AQLsecretSessionValue";

    final OutboundMessageCodec codec = new OutboundMessageCodec();

    static String envelope(String notifications) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
                    xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                 <soapenv:Body>
                  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
                   <OrganizationId>%s</OrganizationId>
                   <ActionId>04k5e000000KyqXAAS</ActionId>
                   <SessionId>%s</SessionId>
                   <EnterpriseUrl>https://acme.my.salesforce.com/services/Soap/c/62.0/00Dxx0000001gER</EnterpriseUrl>
                   <PartnerUrl>https://acme.my.salesforce.com/services/Soap/u/62.0/00Dxx0000001gER</PartnerUrl>
                %s
                  </notifications>
                 </soapenv:Body>
                </soapenv:Envelope>
                """.formatted(ORG, SESSION, notifications);
    }

    static String taskNotification(String notificationId, String fields) {
        return """
                   <Notification>
                    <Id>%s</Id>
                    <sObject xsi:type="sf:Task" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
                %s
                    </sObject>
                   </Notification>
                """.formatted(notificationId, fields);
    }

    static final String FULL_TASK = """
                     <sf:Id>00T5e00000AbCdEEAV</sf:Id>
                     <sf:ActivityDate>2024-03-10</sf:ActivityDate>
                     <sf:CreatedById>005xx000001Sv6eAAC</sf:CreatedById>
                     <sf:CreatedDate>2024-03-01T08:00:00.000Z</sf:CreatedDate>
                     <sf:Description>Bring the contract &amp; the &lt;NDA&gt;</sf:Description>
                     <sf:IsClosed>false</sf:IsClosed>
                     <sf:IsDeleted>0</sf:IsDeleted>
                     <sf:IsRecurrence>false</sf:IsRecurrence>
                     <sf:IsReminderSet>1</sf:IsReminderSet>
                     <sf:LastModifiedDate>2024-03-02T10:15:30.000+01:00</sf:LastModifiedDate>
                     <sf:OwnerId>005xx000001Sv6eAAC</sf:OwnerId>
                     <sf:Priority>High</sf:Priority>
                     <sf:ReminderDateTime>2024-03-09T23:30:00Z</sf:ReminderDateTime>
                     <sf:Status>Not Started</sf:Status>
                     <sf:Subject>Call Ann — über Café</sf:Subject>
                     <sf:SystemModstamp>2024-03-02T09:15:31.123Z</sf:SystemModstamp>
                     <sf:TaskSubtype>Call</sf:TaskSubtype>
                     <sf:WhatId xsi:nil="true"/>
                     <sf:WhoId>003xx000004TmiQAAS</sf:WhoId>
                     <sf:CallDurationInSeconds>42</sf:CallDurationInSeconds>
                     <sf:SomethingNew__c>ignored</sf:SomethingNew__c>
            """;

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] referenceFile(String name) throws Exception {
        return Files.readAllBytes(StubServer.REFERENCE.resolve(name));
    }

    @Nested
    class TaskMessages {

        @Test
        void parse_mapsEveryTaskFieldToItsType() {
            OutboundMessage message = codec.parse(envelope(taskNotification("04l5e000001XyZaAAK", FULL_TASK)));

            assertThat(message.organizationId()).isEqualTo(ORG);
            assertThat(message.actionId()).isEqualTo("04k5e000000KyqXAAS");
            assertThat(message.enterpriseUrl()).startsWith("https://acme.my.salesforce.com/services/Soap/c/62.0");
            assertThat(message.partnerUrl()).startsWith("https://acme.my.salesforce.com/services/Soap/u/62.0");
            OutboundMessage.Notification n = message.notifications().get(0);
            assertThat(n.id()).isEqualTo("04l5e000001XyZaAAK");
            assertThat(n.task()).isEqualTo(new SfTask("00T5e00000AbCdEEAV", "005xx000001Sv6eAAC",
                    "Call Ann — über Café", "Bring the contract & the <NDA>", LocalDate.of(2024, 3, 10),
                    "Not Started", false, "High", Instant.parse("2024-03-09T23:30:00Z"), true, "Call",
                    "003xx000004TmiQAAS", null, Instant.parse("2024-03-01T08:00:00Z"),
                    Instant.parse("2024-03-02T09:15:30Z"), Instant.parse("2024-03-02T09:15:31.123Z"), false, false,
                    "005xx000001Sv6eAAC"));
        }

        @Test
        void presentFields_namesEveryTaskFieldSent_aNilOneIncluded_andNoUnknownOne() {
            OutboundMessage message = codec.parse(envelope(taskNotification("04l5e000001XyZaAAK", FULL_TASK)));

            assertThat(message.notifications().get(0).presentFields())
                    .containsExactlyInAnyOrderElementsOf(SalesforceApi.TASK_FIELDS);
        }

        @Test
        void fieldsNotSent_areNullAndAbsentFromPresentFields() {
            OutboundMessage message = codec.parse(envelope(taskNotification("04l5e000001XyZaAAK", """
                    <sf:Id>00T5e00000AbCdEEAV</sf:Id>
                    <sf:Subject>Only a subject</sf:Subject>
                    <sf:Description xsi:nil="true"/>""")));

            OutboundMessage.Notification n = message.notifications().get(0);
            assertThat(n.presentFields()).containsExactlyInAnyOrder("Id", "Subject", "Description");
            assertThat(n.task().description()).isNull();
            assertThat(n.task().activityDate()).isNull();
            assertThat(n.task().isClosed()).isNull();
        }

        @Test
        void anActivityDateWithAnOffset_keepsItsCalendarDay() {
            OutboundMessage message = codec.parse(envelope(taskNotification("04l5e000001XyZaAAK", """
                    <sf:Id>00T5e00000AbCdEEAV</sf:Id>
                    <sf:ActivityDate>2024-03-10-08:00</sf:ActivityDate>""")));

            assertThat(message.notifications().get(0).task().activityDate()).isEqualTo(LocalDate.of(2024, 3, 10));
        }

        @Test
        void aHundredNotifications_areAccepted() {
            String many = IntStream.range(0, 100).mapToObj(i -> taskNotification(String.format("04l%015d", i),
                    "<sf:Id>" + String.format("00T%015d", i) + "</sf:Id>")).collect(Collectors.joining());

            assertThat(codec.parse(envelope(many)).notifications()).hasSize(100);
        }

        @Test
        void theSessionId_isNotKeptAnywhere() {
            OutboundMessage message = codec.parse(envelope(taskNotification("04l5e000001XyZaAAK", FULL_TASK)));
            OutboundEnvelope generic = codec.parseEnvelope(bytes(envelope(taskNotification("04l5e000001XyZaAAK",
                    FULL_TASK))));

            assertThat(message.toString()).doesNotContain("secretSessionValue");
            assertThat(generic.toString()).doesNotContain("secretSessionValue");
        }

        @Test
        void aFieldOfTheWrongType_isRefusedNamingTheField() {
            assertThatThrownBy(() -> codec.parse(envelope(taskNotification("04l5e000001XyZaAAK", """
                    <sf:Id>00T5e00000AbCdEEAV</sf:Id>
                    <sf:ActivityDate>next tuesday</sf:ActivityDate>"""))))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessage("notification 1: ActivityDate is not a valid date");
            assertThatThrownBy(() -> codec.parse(envelope(taskNotification("04l5e000001XyZaAAK", """
                    <sf:Id>00T5e00000AbCdEEAV</sf:Id>
                    <sf:IsClosed>yes</sf:IsClosed>"""))))
                    .hasMessage("notification 1: IsClosed is not a valid boolean");
            assertThatThrownBy(() -> codec.parse(envelope(taskNotification("04l5e000001XyZaAAK", """
                    <sf:Id>00T5e00000AbCdEEAV</sf:Id>
                    <sf:SystemModstamp>2024-03-02T09:15:31</sf:SystemModstamp>"""))))
                    .hasMessage("notification 1: SystemModstamp is not a valid date-time");
            assertThatThrownBy(() -> codec.parse(envelope(taskNotification("04l5e000001XyZaAAK", """
                    <sf:Id>00T5e00000AbCdEEAV</sf:Id>
                    <sf:OwnerId>005' OR Id != '</sf:OwnerId>"""))))
                    .hasMessage("notification 1: OwnerId is not a valid Salesforce id");
        }

        @Test
        void aTaskWithoutId_orAFieldSentTwice_isRefused() {
            assertThatThrownBy(() -> codec.parse(envelope(taskNotification("04l5e000001XyZaAAK",
                    "<sf:Subject>x</sf:Subject>")))).hasMessageContaining("without a valid Id");
            assertThatThrownBy(() -> codec.parse(envelope(taskNotification("04l5e000001XyZaAAK",
                    "<sf:Id>00T5e00000AbCdEEAV</sf:Id><sf:Subject>a</sf:Subject><sf:Subject>b</sf:Subject>"))))
                    .hasMessageContaining("sends a field twice");
        }

        @Test
        void aNonTaskSObject_isRefusedWithAClearMessage() {
            String lead = taskNotification("04l5e000001XyZaAAK", "<sf:Id>00Q5e00000AbCdEEAV</sf:Id>")
                    .replace("sf:Task", "sf:Lead");

            assertThatThrownBy(() -> codec.parse(envelope(lead)))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessage("notification 1 carries a Lead, not a Task: this endpoint accepts Task messages only");
        }
    }

    @Nested
    class ReferenceFiles {

        @Test
        void contactMessage_parsesGenerically_withBothNotificationsAndTheirFields() throws Exception {
            OutboundEnvelope e = codec.parseEnvelope(referenceFile("outbound-message-contact-2-notifications.xml"));

            assertThat(e.organizationId()).isEqualTo("012345678901234");
            assertThat(e.actionId()).isEqualTo("04k1I000000bmsHQAQ");
            assertThat(e.enterpriseUrl()).isEqualTo("https://na73.salesforce.com/services/Soap/c/41.0/00D1I000003qqqE");
            assertThat(e.partnerUrl()).isEqualTo("https://na73.salesforce.com/services/Soap/u/41.0/00D1I000003qqqE");
            assertThat(e.notifications()).extracting(OutboundEnvelope.Notification::id)
                    .containsExactly("04l1I000000fztEQAQ", "04l1I000000fzt9QAA");
            OutboundEnvelope.Notification first = e.notifications().get(0);
            assertThat(first.sObjectType()).isEqualTo("Contact");
            assertThat(first.isTask()).isFalse();
            assertThat(first.fields()).containsExactly(
                    java.util.Map.entry("Id", "0031I0000081tbPQAQ"),
                    java.util.Map.entry("CreatedDate", "2017-12-11T21:49:24.000Z"),
                    java.util.Map.entry("FirstName", "Jeraldine"),
                    java.util.Map.entry("LastName", "Black"),
                    java.util.Map.entry("Title", "White"));
            assertThat(first.dateTime("CreatedDate")).isEqualTo(Instant.parse("2017-12-11T21:49:24Z"));
            assertThat(e.notifications().get(1).text("Email")).isEqualTo("drb24@cornell.edu");
            assertThat(e.toString()).doesNotContain("AQsAQOjGFnFJzGPA12yhUGL9Aii0N6lADjH2bNUBHRer5QjjTq3");
        }

        @Test
        void contactMessage_isNotATaskMessage() throws Exception {
            assertThatThrownBy(() -> codec.parse(referenceFile("outbound-message-contact-2-notifications.xml")))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("carries a Contact, not a Task");
        }

        @Test
        void leadMessage_parsesGenerically_withTypedFields() throws Exception {
            OutboundEnvelope e = codec.parseEnvelope(referenceFile("outbound-message-lead-3-notifications.xml"));

            assertThat(e.organizationId()).isEqualTo("0123456789ABCDENNN");
            assertThat(e.notifications()).extracting(OutboundEnvelope.Notification::sObjectType)
                    .containsExactly("Lead1", "Lead2", "Lead3");
            assertThat(e.notifications()).extracting(n -> n.text("FirstName"))
                    .containsExactly("Henrik", "Benjamin", "Nora");
            OutboundEnvelope.Notification first = e.notifications().get(0);
            assertThat(first.fields()).hasSize(28);
            assertThat(first.bool("IsConverted")).isFalse();
            assertThat(first.number("PostalCode")).isEqualByComparingTo("98052");
            assertThat(first.dateTime("SystemModstamp")).isEqualTo(Instant.parse("2015-08-14T18:27:02Z"));
            assertThat(first.has("Fax")).isFalse();
        }

        @Test
        void leadMessage_isNotATaskMessage() throws Exception {
            assertThatThrownBy(() -> codec.parse(referenceFile("outbound-message-lead-3-notifications.xml")))
                    .hasMessageContaining("carries a Lead1, not a Task");
        }

        @Test
        void emptyNotifications_areRefused() throws Exception {
            assertThatThrownBy(() -> codec.parseEnvelope(referenceFile("outbound-message-empty-notifications.xml")))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessage("the message has no notifications");
        }

        @Test
        void theAcknowledgement_isTheReferenceAck() throws Exception {
            Document ours = dom(bytes(codec.acknowledgement()));
            Document reference = dom(referenceFile("outbound-message-ack-response.xml"));

            for (Document d : List.of(ours, reference)) {
                var acks = d.getElementsByTagNameNS(OutboundMessageCodec.OUTBOUND_NS, "Ack");
                assertThat(acks.getLength()).isEqualTo(1);
                assertThat(acks.item(0).getTextContent()).isEqualTo("true");
                assertThat(acks.item(0).getParentNode().getLocalName()).isEqualTo("notificationsResponse");
                assertThat(d.getDocumentElement().getNamespaceURI()).isEqualTo(OutboundMessageCodec.SOAP_NS);
            }
        }

        @Test
        void everyReferenceOutboundMessage_isEitherReadOrRefusedClearly() throws Exception {
            List<Path> files;
            try (var list = Files.list(StubServer.REFERENCE)) {
                files = list.filter(p -> p.getFileName().toString().startsWith("outbound-message-"))
                        .filter(p -> !p.getFileName().toString().contains("ack")).sorted().toList();
            }
            assertThat(files).hasSize(3);
            for (Path file : files) {
                byte[] body = Files.readAllBytes(file);
                if (file.getFileName().toString().contains("empty")) {
                    assertThatThrownBy(() -> codec.parseEnvelope(body)).isInstanceOf(MalformedMessageException.class);
                } else {
                    assertThat(codec.parseEnvelope(body).notifications()).isNotEmpty();
                }
            }
        }
    }

    @Nested
    class HostileInput {

        @Test
        void anExternalEntity_isRefusedAsADtd_andTheFileIsNeverRead() throws Exception {
            Path secret = Files.createTempFile("xxe", ".txt");
            Files.writeString(secret, "TOP-SECRET-CONTENT");
            try {
                String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"" + secret.toUri()
                        + "\">]>\n" + envelope(taskNotification("04l5e000001XyZaAAK",
                        "<sf:Id>00T5e00000AbCdEEAV</sf:Id><sf:Subject>&xxe;</sf:Subject>"))
                        .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "");

                assertThatThrownBy(() -> codec.parse(xxe))
                        .isInstanceOf(MalformedMessageException.class)
                        .hasMessage("DTDs are not allowed")
                        .hasMessageNotContaining("TOP-SECRET");
            } finally {
                Files.delete(secret);
            }
        }

        @Test
        void billionLaughs_isRefused() {
            StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
            for (int i = 1; i <= 9; i++) {
                dtd.append("<!ENTITY lol").append(i).append(" \"")
                        .append(("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10)).append("\">");
            }
            dtd.append("]>");
            String bomb = dtd + "<lolz>&lol9;</lolz>";

            assertThatThrownBy(() -> codec.parse(bomb)).hasMessage("DTDs are not allowed");
        }

        @Test
        void anyDtd_evenAHarmlessOne_isRefused() {
            String withDtd = "<!DOCTYPE Envelope>" + envelope(taskNotification("04l5e000001XyZaAAK",
                    "<sf:Id>00T5e00000AbCdEEAV</sf:Id>")).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "");

            assertThatThrownBy(() -> codec.parse(withDtd)).hasMessage("DTDs are not allowed");
        }

        @Test
        void anUndeclaredEntity_isNotWellFormed() {
            assertThatThrownBy(() -> codec.parse(envelope(taskNotification("04l5e000001XyZaAAK",
                    "<sf:Id>00T5e00000AbCdEEAV</sf:Id><sf:Subject>&foo;</sf:Subject>"))))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageStartingWith("the body is not well-formed XML");
        }

        @Test
        void aBodyOverOneMebibyte_isRefusedBeforeParsing() {
            byte[] huge = new byte[OutboundMessageCodec.MAX_BODY_BYTES + 1];
            java.util.Arrays.fill(huge, (byte) '<');

            assertThatThrownBy(() -> codec.parse(huge))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessage("the body is larger than 1048576 bytes");
        }

        @Test
        void nestingDeeperThan32Levels_isRefused() {
            String deep = "<x>".repeat(40) + "</x>".repeat(40);
            String inTask = envelope(taskNotification("04l5e000001XyZaAAK",
                    "<sf:Id>00T5e00000AbCdEEAV</sf:Id><sf:Subject>" + deep + "</sf:Subject>"));

            assertThatThrownBy(() -> codec.parse(inTask)).hasMessage("the message is nested more than 32 levels deep");
        }

        @Test
        void aFieldHoldingElements_isRefused() {
            assertThatThrownBy(() -> codec.parse(envelope(taskNotification("04l5e000001XyZaAAK",
                    "<sf:Id>00T5e00000AbCdEEAV</sf:Id><sf:Subject><b>bold</b></sf:Subject>"))))
                    .hasMessageContaining("holding elements");
        }

        @Test
        void aHundredAndOneNotifications_areRefused() {
            String many = IntStream.range(0, 101).mapToObj(i -> taskNotification(String.format("04l%015d", i),
                    "<sf:Id>" + String.format("00T%015d", i) + "</sf:Id>")).collect(Collectors.joining());

            assertThatThrownBy(() -> codec.parse(envelope(many)))
                    .hasMessage("the message has more than 100 notifications");
        }

        @Test
        void notificationsInTheWrongNamespace_areRefused() {
            String wrong = envelope(taskNotification("04l5e000001XyZaAAK", "<sf:Id>00T5e00000AbCdEEAV</sf:Id>"))
                    .replace("http://soap.sforce.com/2005/09/outbound", "http://evil.example.com/outbound");

            assertThatThrownBy(() -> codec.parse(wrong))
                    .hasMessage("notifications is in the wrong namespace; expected http://soap.sforce.com/2005/09/outbound");
        }

        @Test
        void sObjectFieldsInTheWrongNamespace_areRefused() {
            String wrong = envelope(taskNotification("04l5e000001XyZaAAK", "<sf:Id>00T5e00000AbCdEEAV</sf:Id>"))
                    .replace("urn:sobject.enterprise.soap.sforce.com", "urn:sobject.partner.soap.sforce.com");

            assertThatThrownBy(() -> codec.parse(wrong)).isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("outside urn:sobject.enterprise.soap.sforce.com");
        }

        @Test
        void aSoap12Envelope_isRefused() {
            String soap12 = envelope(taskNotification("04l5e000001XyZaAAK", "<sf:Id>00T5e00000AbCdEEAV</sf:Id>"))
                    .replace("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope");

            assertThatThrownBy(() -> codec.parse(soap12)).hasMessage("the body is not a SOAP 1.1 envelope");
        }

        @Test
        void notXml_isRefused() {
            assertThatThrownBy(() -> codec.parse("{\"notifications\":[]}"))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageStartingWith("the body is not well-formed XML");
            assertThatThrownBy(() -> codec.parse(new byte[0])).hasMessage("the body is empty");
            assertThatThrownBy(() -> codec.parse("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"))
                    .hasMessageStartingWith("the body is not well-formed XML");
        }

        @Test
        void aMessageWithoutAValidOrganizationId_isRefused() {
            String bad = envelope(taskNotification("04l5e000001XyZaAAK", "<sf:Id>00T5e00000AbCdEEAV</sf:Id>"))
                    .replace(ORG, "00D' OR 1=1");

            assertThatThrownBy(() -> codec.parse(bad)).hasMessage("the message has no valid OrganizationId");
        }

        @Test
        void aBodyWithoutNotifications_isRefused() {
            String other = """
                    <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
                     <soapenv:Body><login xmlns="urn:partner.soap.sforce.com"/></soapenv:Body>
                    </soapenv:Envelope>""";

            assertThatThrownBy(() -> codec.parse(other))
                    .hasMessage("the SOAP Body does not hold a single notifications element");
        }
    }

    @Nested
    class Faults {

        @Test
        void aClientFault_isASoap11FaultWithAnEscapedFaultString() throws Exception {
            String fault = codec.fault(FaultCode.CLIENT, "bad <input> & \"quotes\"\u0000");

            Document d = dom(bytes(fault));
            var f = d.getElementsByTagNameNS(OutboundMessageCodec.SOAP_NS, "Fault");
            assertThat(f.getLength()).isEqualTo(1);
            assertThat(d.getElementsByTagName("faultcode").item(0).getTextContent()).isEqualTo("soapenv:Client");
            assertThat(d.getElementsByTagName("faultstring").item(0).getTextContent())
                    .isEqualTo("bad <input> & \"quotes\"");
        }

        @Test
        void aServerFault_usesTheServerCode() throws Exception {
            Document d = dom(bytes(codec.fault(FaultCode.SERVER, "try again later")));

            assertThat(d.getElementsByTagName("faultcode").item(0).getTextContent()).isEqualTo("soapenv:Server");
        }
    }

    static Document dom(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
