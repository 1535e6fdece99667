package com.salesconnect.tasksync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.emulator.fault.FaultKind;
import com.salesconnect.tasksync.emulator.fault.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.salesconnect.tasksync.emulator.EmulatorFixture.V;
import static org.assertj.core.api.Assertions.assertThat;

class CompositeSObjectsTest {

    private final EmulatorFixture fx = new EmulatorFixture();
    private final String token = fx.token();

    @AfterEach
    void stop() {
        fx.close();
    }

    private static ObjectNode body(boolean allOrNone, List<Map<String, Object>> records) {
        ObjectNode body = TestHttp.JSON.createObjectNode().put("allOrNone", allOrNone);
        ArrayNode array = body.putArray("records");
        for (Map<String, Object> r : records) {
            ObjectNode record = array.addObject();
            record.putObject("attributes").put("type", "Task");
            record.setAll((ObjectNode) TestHttp.JSON.valueToTree(r));
        }
        return body;
    }

    private JsonNode createAll(List<Map<String, Object>> records) {
        TestHttp.Res res = fx.http.post(V + "/composite/sobjects", token, body(false, records));
        assertThat(res.status()).isEqualTo(200);
        return res.json();
    }

    private long usage() {
        return fx.sf.org().apiUsage().used();
    }

    @Test
    void create_answersOneResultPerRecordInOrderWithMixedOutcomes() {
        JsonNode results = createAll(List.of(Map.of("Subject", "ok 1"), Map.of("Status", "Nope"),
                Map.of("Subject", "ok 2", "Priority", "High")));
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        assertThat(results.get(0).get("id").asText()).startsWith("00T").hasSize(18);
        assertThat(results.get(0).get("errors")).isEmpty();
        JsonNode failed = results.get(1);
        assertThat(failed.get("success").asBoolean()).isFalse();
        assertThat(failed.has("id")).isFalse();
        JsonNode error = failed.get("errors").get(0);
        assertThat(error.get("statusCode").asText()).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(error.has("errorCode")).isFalse();
        assertThat(error.get("fields")).extracting(JsonNode::asText).containsExactly("Status");
        assertThat(results.get(2).get("success").asBoolean()).isTrue();
        assertThat(fx.sf.org().tasks()).extracting(t -> t.string("Subject")).containsExactly("ok 1", "ok 2");
    }

    @Test
    void create_allOrNoneRollsEverythingBack() {
        TestHttp.Res res = fx.http.post(V + "/composite/sobjects", token, body(true,
                List.of(Map.of("Subject", "ok"), Map.of("Subject", "x".repeat(300)))));
        JsonNode results = res.json();
        assertThat(results.get(0).get("success").asBoolean()).isFalse();
        assertThat(results.get(0).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(results.get(1).get("errors").get(0).get("statusCode").asText()).isEqualTo("STRING_TOO_LONG");
        assertThat(fx.sf.org().allTasks()).isEmpty();
    }

    @Test
    void aCollectionCallCountsAsOneApiCall() {
        long before = usage();
        createAll(java.util.Collections.nCopies(200, Map.<String, Object>of("Subject", "bulk")));
        assertThat(usage()).isEqualTo(before + 1);
        assertThat(fx.sf.org().tasks()).hasSize(200);
    }

    @Test
    void moreThan200RecordsIsRefusedAsAWhole() {
        TestHttp.Res res = fx.http.post(V + "/composite/sobjects", token,
                body(false, java.util.Collections.nCopies(201, Map.<String, Object>of("Subject", "bulk"))));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get(0).get("errorCode").asText()).isEqualTo("EXCEEDED_ID_LIMIT");
        assertThat(fx.sf.org().tasks()).isEmpty();
    }

    @Test
    void aRecordWithoutTypeOrWithAnUnknownFieldFailsTheWholeRequest() {
        ObjectNode noType = TestHttp.JSON.createObjectNode();
        noType.putArray("records").addObject().put("Subject", "a");
        TestHttp.Res res = fx.http.post(V + "/composite/sobjects", token, noType);
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_TYPE");
        TestHttp.Res unknown = fx.http.post(V + "/composite/sobjects", token,
                body(false, List.of(Map.of("Subject", "a"), Map.of("Bogus", "b"))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(fx.sf.org().tasks()).isEmpty();
    }

    @Test
    void update_appliesEachRecordByIdWithPerRecordErrors() {
        JsonNode created = createAll(List.of(Map.of("Subject", "a"), Map.of("Subject", "b")));
        String a = created.get(0).get("id").asText();
        String b = created.get(1).get("id").asText();
        TestHttp.Res res = fx.http.patch(V + "/composite/sobjects", token, body(false, List.of(
                Map.of("Id", a.substring(0, 15), "Status", "Completed"),
                Map.of("Id", b, "TaskSubtype", "Call"),
                Map.of("Id", "00T000000000000", "Subject", "ghost"))));
        JsonNode results = res.json();
        assertThat(results.get(0).get("id").asText()).isEqualTo(a);
        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        assertThat(results.get(1).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(results.get(2).get("errors").get(0).get("statusCode").asText()).isEqualTo("ENTITY_IS_DELETED");
        assertThat(fx.sf.org().task(a).orElseThrow().bool("IsClosed")).isTrue();
    }

    @Test
    void delete_answersPerIdResultsAndRequiresIds() {
        JsonNode created = createAll(List.of(Map.of("Subject", "a"), Map.of("Subject", "b")));
        String a = created.get(0).get("id").asText();
        String b = created.get(1).get("id").asText();
        fx.http.delete(V + "/sobjects/Task/" + b, token);
        TestHttp.Res res = fx.http.delete(V + "/composite/sobjects?ids=" + a + "," + b + ",bad&allOrNone=false", token);
        JsonNode results = res.json();
        assertThat(results.get(0)).isEqualTo(TestHttp.JSON.createObjectNode().put("id", a).put("success", true)
                .set("errors", TestHttp.JSON.createArrayNode()));
        assertThat(results.get(1).get("id").asText()).isEqualTo(b);
        assertThat(results.get(1).get("errors").get(0).get("statusCode").asText()).isEqualTo("ENTITY_IS_DELETED");
        assertThat(results.get(2).get("errors").get(0).get("statusCode").asText()).isEqualTo("MALFORMED_ID");
        assertThat(fx.sf.org().tasks()).isEmpty();

        TestHttp.Res none = fx.http.delete(V + "/composite/sobjects", token);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get(0).get("errorCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
    }

    @Test
    void unableToLockRow_failsEveryRecordOfTheCall() {
        fx.sf.faults().add(FaultRule.next(FaultKind.UNABLE_TO_LOCK_ROW, 1).matching("POST", "/composite/sobjects"));
        JsonNode results = createAll(List.of(Map.of("Subject", "a"), Map.of("Subject", "b")));
        assertThat(results).allSatisfy(r -> {
            assertThat(r.get("success").asBoolean()).isFalse();
            assertThat(r.get("errors").get(0).get("statusCode").asText()).isEqualTo("UNABLE_TO_LOCK_ROW");
        });
        assertThat(fx.sf.org().tasks()).isEmpty();
        assertThat(createAll(List.of(Map.of("Subject", "a"))).get(0).get("success").asBoolean()).isTrue();
    }

    @Test
    void aValidationRule_refusesEveryRecordOfTheCallWithItsMessage() {
        fx.sf.faults().add(FaultRule.next(FaultKind.VALIDATION_RULE, 1).matching("POST", "/composite/sobjects"));
        JsonNode results = createAll(List.of(Map.of("Subject", "a"), Map.of("Subject", "b")));
        assertThat(results).allSatisfy(r -> {
            assertThat(r.get("success").asBoolean()).isFalse();
            assertThat(r.get("errors").get(0).get("statusCode").asText()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION");
            assertThat(r.get("errors").get(0).get("message").asText()).contains("Due Date");
        });
        assertThat(fx.sf.org().tasks()).isEmpty();
        assertThat(createAll(List.of(Map.of("Subject", "a"))).get(0).get("success").asBoolean()).isTrue();
    }

    @Test
    void retrieve_returnsRecordsByIdInOrderWithNullForMissing() {
        String a = createAll(List.of(Map.of("Subject", "a"))).get(0).get("id").asText();
        TestHttp.Res res = fx.http.get(V + "/composite/sobjects/Task?ids=" + a + ",00T000000000000&fields=Id,Subject",
                token);
        assertThat(res.json().get(0).get("Subject").asText()).isEqualTo("a");
        assertThat(res.json().get(1).isNull()).isTrue();
    }
}
