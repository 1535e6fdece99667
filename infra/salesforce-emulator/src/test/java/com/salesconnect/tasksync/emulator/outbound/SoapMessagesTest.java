package com.salesconnect.tasksync.emulator.outbound;

import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SoapMessagesTest {

    private static final SoapMessages.Envelope ENVELOPE = new SoapMessages.Envelope("00D000000000001AAA",
            "04k000000000001AAA", "00D000000000001!secret", "https://x/c", "https://x/u");

    @Test
    void notifications_escapesTextAndDropsCharactersXmlCannotCarry() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", "00T000000000001AAA");
        values.put("Subject", "<b>Tom & \"Jerry\"</b>\u0001");
        values.put("SystemModstamp", Instant.parse("2026-11-24T10:00:00Z"));
        String xml = SoapMessages.notifications(ENVELOPE, List.of(new SoapMessages.Notification("04l000000000001AAA",
                "00T000000000001AAA", new SObjectRecord("Task", values))), List.of("Id", "Subject", "SystemModstamp"),
                false);
        assertThat(xml).contains("<sf:Subject>&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</sf:Subject>")
                .contains("<sf:SystemModstamp>2026-11-24T10:00:00.000Z</sf:SystemModstamp>")
                .contains("<sObject xsi:type=\"sf:Task\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">")
                .contains("<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">")
                .doesNotContain("\u0001");
    }

    @Test
    void isAck_acceptsTheReferenceAcknowledgement() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/reference/salesforce/outbound-message-ack-response.xml")) {
            assertThat(SoapMessages.isAck(in.readAllBytes())).isTrue();
        }
    }

    @Test
    void isAck_refusesAnythingElse() {
        assertThat(SoapMessages.isAck(null)).isFalse();
        assertThat(SoapMessages.isAck("<Ack>false</Ack>".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(SoapMessages.isAck("<html>Ack true</html>".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(SoapMessages.isAck("<Ack>true".getBytes(StandardCharsets.UTF_8))).isFalse();
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY t \"true\">]><Ack>&t;</Ack>";
        assertThat(SoapMessages.isAck(xxe.getBytes(StandardCharsets.UTF_8))).as("no DTDs").isFalse();
    }
}
