package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.runtime.LambdaJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeEventCodecTest {

    static Map<String, Object> eventFile(String name) throws IOException {
        Path path = Path.of("../../events/salesforce-inbound", name);
        try (var in = Files.newInputStream(path)) {
            return LambdaJson.readObject(in);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> header(Map<String, Object> event) {
        Map<String, Object> detail = (Map<String, Object>) event.get("detail");
        Map<String, Object> payload = (Map<String, Object>) detail.get("payload");
        return (Map<String, Object>) payload.get("ChangeEventHeader");
    }

    static Map<String, Object> edited(String file, Consumer<Map<String, Object>> edit) throws IOException {
        Map<String, Object> event = new LinkedHashMap<>(eventFile(file));
        edit.accept(event);
        return event;
    }

    @Test
    void decodesTheUpdateSample_everyDocumentedHeaderField() throws IOException {
        Map<String, Object> event = eventFile("change-event-update.json");

        assertThat(ChangeEventCodec.isEventBridgeEvent(event)).isTrue();
        ChangeEvent e = ChangeEventCodec.decode(event);

        assertThat(e.orgId()).isEqualTo("00D5g002DCPK2kxEYD");
        assertThat(e.relayId()).isEqualTo("0YL5g000000CdcEGAS");
        assertThat(e.changeType()).isEqualTo(ChangeEvent.ChangeType.UPDATE);
        assertThat(e.recordIds()).containsExactly("00T5g002DTs8PgtEYE");
        assertThat(e.wildcard()).isFalse();
        assertThat(e.changedFields()).containsExactly("Status", "Description", "LastModifiedDate");
        assertThat(e.commitTimestamp()).isEqualTo(Instant.parse("2026-11-24T10:05:00Z"));
        assertThat(e.commitNumber()).isEqualTo(11498792553321L);
        assertThat(e.transactionKey()).isEqualTo("0004a6b1-37c0-2ba5-d1f8-0bc47ae2f6f1");
        assertThat(e.sequenceNumber()).isEqualTo(1);
        assertThat(e.commitUser()).isEqualTo("0055g002Cw2BZVOAI4");
        assertThat(e.ownerId()).isNull();
        assertThat(e.originClient()).isEmpty();
    }

    @Test
    void decodesTheDeleteSample() throws IOException {
        ChangeEvent e = ChangeEventCodec.decode(eventFile("change-event-delete.json"));

        assertThat(e.changeType()).isEqualTo(ChangeEvent.ChangeType.DELETE);
        assertThat(e.changeType().gap()).isFalse();
        assertThat(e.changedFields()).isEmpty();
        assertThat(e.commitTimestamp()).isEqualTo(Instant.parse("2026-11-24T10:10:00Z"));
    }

    @Test
    void changeOrigin_namesTheClientOfSforceCallOptions() throws IOException {
        ChangeEvent e = ChangeEventCodec.decode(edited("change-event-update.json",
                ev -> header(ev).put("changeOrigin", "com/salesforce/api/rest/62.0;client=" + ChangeOrigins.CLIENT_ID)));

        assertThat(e.originClient()).contains(ChangeOrigins.CLIENT_ID);
        assertThat(e.madeBy(ChangeOrigins.CLIENT_ID)).isTrue();
        assertThat(e.madeBy("SomeoneElse")).isFalse();
    }

    @Test
    void gapOverflow_mayNameNoRecord_andAWildcardMeansEveryTask() throws IOException {
        ChangeEvent overflow = ChangeEventCodec.decode(edited("change-event-delete.json", ev -> {
            header(ev).put("changeType", "GAP_OVERFLOW");
            header(ev).put("recordIds", List.of());
        }));
        ChangeEvent wildcard = ChangeEventCodec.decode(edited("change-event-update.json",
                ev -> header(ev).put("recordIds", List.of("00T*"))));

        assertThat(overflow.changeType().gap()).isTrue();
        assertThat(overflow.recordIds()).isEmpty();
        assertThat(wildcard.wildcard()).isTrue();
        assertThat(wildcard.recordIds()).isEmpty();
    }

    @Test
    void createCarriesTheOwner_aQueueOwnerRoutesToNobody() throws IOException {
        ChangeEvent create = ChangeEventCodec.decode(edited("change-event-update.json", ev -> {
            header(ev).put("changeType", "CREATE");
            payload(ev).put("OwnerId", "0055g002Cw2BZVOAI4");
        }));
        ChangeEvent queue = ChangeEventCodec.decode(edited("change-event-update.json",
                ev -> payload(ev).put("OwnerId", "00G5g000001abcdEAA")));

        assertThat(create.ownerId()).isEqualTo("0055g002Cw2BZVOAI4");
        assertThat(queue.ownerId()).isNull();
    }

    /**
     * changedFields may come as field names or, as the Pub/Sub API sends them, as bitmaps of field positions
     * ("0x650004E0"): the sync reads no changed field (it reads the record), so an entry that is no field name is left
     * out instead of dropping the whole event as malformed (every UPDATE would be lost).
     */
    @Test
    void changedFieldsThatAreNotFieldNames_areLeftOut_theEventStillDecodes() throws IOException {
        ChangeEvent e = ChangeEventCodec.decode(edited("change-event-update.json",
                ev -> header(ev).put("changedFields", List.of("0x650004E0", "3-0x01", "Status"))));

        assertThat(e.changeType()).isEqualTo(ChangeEvent.ChangeType.UPDATE);
        assertThat(e.recordIds()).containsExactly("00T5g002DTs8PgtEYE");
        assertThat(e.changedFields()).containsExactly("Status");
    }

    @Test
    void malformed_clearErrorNamingTheField_neverTheContent() throws IOException {
        assertMalformed(edited("change-event-update.json", ev -> ev.put("source", "aws.partner/evil.com/x/y")),
                "source is not a Salesforce partner event source");
        assertMalformed(edited("change-event-update.json", ev -> ev.remove("detail")),
                "detail is missing or not an object");
        assertMalformed(edited("change-event-update.json", ev -> header(ev).put("entityName", "Account")),
                "entityName is not Task");
        assertMalformed(edited("change-event-update.json", ev -> header(ev).put("changeType", "SNAPSHOT!")),
                "changeType is not one Salesforce documents");
        assertMalformed(edited("change-event-update.json", ev -> header(ev).put("recordIds", List.of("<script>"))),
                "recordIds holds a value that is not a Task id");
        assertMalformed(edited("change-event-update.json", ev -> header(ev).put("recordIds", List.of())),
                "recordIds is empty");
        assertMalformed(edited("change-event-update.json", ev -> header(ev).put("commitTimestamp", "yesterday")),
                "commitTimestamp is missing or not a whole number");
        assertMalformed(edited("change-event-update.json", ev -> header(ev).remove("commitTimestamp")),
                "commitTimestamp is missing or not a whole number");
    }

    @Test
    void anApiGatewayRequestIsNotAnEventBridgeEvent() throws IOException {
        assertThat(ChangeEventCodec.isEventBridgeEvent(eventFile("outbound-message.json"))).isFalse();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> payload(Map<String, Object> event) {
        return (Map<String, Object>) ((Map<String, Object>) event.get("detail")).get("payload");
    }

    private static void assertMalformed(Map<String, Object> event, String problem) {
        assertThatThrownBy(() -> ChangeEventCodec.decode(event))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage(problem);
    }
}
