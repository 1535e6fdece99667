package com.salesconnect.tasksync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.emulator.fault.FaultKind;
import com.salesconnect.tasksync.emulator.fault.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static com.salesconnect.tasksync.emulator.EmulatorFixture.V;
import static org.assertj.core.api.Assertions.assertThat;

class RestSObjectTest {

    private final EmulatorFixture fx = new EmulatorFixture();
    private final String token = fx.token();

    @AfterEach
    void stop() {
        fx.close();
    }

    private String create(Map<String, Object> fields) {
        TestHttp.Res res = fx.http.post(V + "/sobjects/Task", token, fields);
        assertThat(res.status()).isEqualTo(201);
        return res.json().get("id").asText();
    }

    @Test
    void versions_listsTheServedVersionsWithoutAuthentication() {
        TestHttp.Res res = fx.http.get("/services/data/", null);
        assertThat(res.status()).isEqualTo(200);
        JsonNode last = res.json().get(res.json().size() - 1);
        assertThat(last.get("version").asText()).isEqualTo("62.0");
        assertThat(last.get("url").asText()).isEqualTo("/services/data/v62.0");
        assertThat(last.get("label").asText()).isNotBlank();
        assertThat(res.json()).extracting(v -> v.get("version").asText()).contains("58.0", "59.0", "60.0", "61.0");
    }

    @Test
    void anUnservedVersionIsNotFound() {
        assertThat(fx.http.get("/services/data/v20.0/limits", token).status()).isEqualTo(404);
    }

    @Test
    void withoutAValidTokenEveryResourceIsInvalidSessionId() {
        TestHttp.Res none = fx.http.get(V + "/sobjects/Task/describe", null);
        TestHttp.Res bogus = fx.http.get(V + "/query?q=SELECT+Id+FROM+Task", "00D!bogus");
        for (TestHttp.Res res : new TestHttp.Res[] {none, bogus}) {
            assertThat(res.status()).isEqualTo(401);
            assertThat(res.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
            assertThat(res.json().get(0).get("message").asText()).isEqualTo("Session expired or invalid");
        }
    }

    @Test
    void create_answers201WithThe18CharacterId() {
        TestHttp.Res res = fx.http.post(V + "/sobjects/Task", token, Map.of("Subject", "Call Ada",
                "ActivityDate", "2026-11-25", "ReminderDateTime", "2026-11-25T08:30:00.000+0000"));
        assertThat(res.status()).isEqualTo(201);
        assertThat(res.json().get("success").asBoolean()).isTrue();
        assertThat(res.json().get("errors")).isEmpty();
        String id = res.json().get("id").asText();
        assertThat(id).hasSize(18).startsWith("00T");
        JsonNode task = fx.http.get(V + "/sobjects/Task/" + id, token).json();
        assertThat(task.get("attributes").get("type").asText()).isEqualTo("Task");
        assertThat(task.get("attributes").get("url").asText()).isEqualTo(V + "/sobjects/Task/" + id);
        assertThat(task.get("Subject").asText()).isEqualTo("Call Ada");
        assertThat(task.get("ActivityDate").asText()).isEqualTo("2026-11-25");
        assertThat(task.get("ReminderDateTime").asText()).isEqualTo("2026-11-25T08:30:00.000+0000");
        assertThat(task.get("Status").asText()).isEqualTo("Not Started");
        assertThat(task.get("OwnerId").asText()).isEqualTo(fx.demoUserId());
        assertThat(task.get("CreatedDate").asText()).isEqualTo("2026-11-24T10:00:00.000+0000");
        assertThat(task.get("Description").isNull()).isTrue();
    }

    @Test
    void get_acceptsA15CharacterIdAndSelectedFields() {
        String id = create(Map.of("Subject", "a"));
        JsonNode task = fx.http.get(V + "/sobjects/Task/" + id.substring(0, 15) + "?fields=Id,Subject", token).json();
        assertThat(task.get("Id").asText()).isEqualTo(id);
        assertThat(task.fieldNames()).toIterable().containsExactly("attributes", "Id", "Subject");
    }

    @Test
    void patch_updatesAndAnswers204() {
        String id = create(Map.of("Subject", "a"));
        fx.clock.advance(Duration.ofMinutes(3));
        TestHttp.Res res = fx.http.patch(V + "/sobjects/Task/" + id, token, Map.of("Status", "Completed"));
        assertThat(res.status()).isEqualTo(204);
        JsonNode task = fx.http.get(V + "/sobjects/Task/" + id, token).json();
        assertThat(task.get("IsClosed").asBoolean()).isTrue();
        assertThat(task.get("LastModifiedDate").asText()).isEqualTo("2026-11-24T10:03:00.000+0000");
    }

    @Test
    void patch_validationErrorsUseErrorCodeAndFields() {
        String id = create(Map.of("Subject", "a"));
        TestHttp.Res res = fx.http.patch(V + "/sobjects/Task/" + id, token, Map.of("Subject", "x".repeat(256)));
        assertThat(res.status()).isEqualTo(400);
        JsonNode error = res.json().get(0);
        assertThat(error.get("errorCode").asText()).isEqualTo("STRING_TOO_LONG");
        assertThat(error.get("fields").get(0).asText()).isEqualTo("Subject");
        assertThat(error.get("message").asText()).contains("max length=255");
        TestHttp.Res subtype = fx.http.patch(V + "/sobjects/Task/" + id, token, Map.of("TaskSubtype", "Call"));
        assertThat(subtype.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
    }

    @Test
    void delete_answers204AndTheRecordIsThenEntityIsDeleted() {
        String id = create(Map.of("Subject", "a"));
        assertThat(fx.http.delete(V + "/sobjects/Task/" + id, token).status()).isEqualTo(204);
        for (TestHttp.Res res : new TestHttp.Res[] {fx.http.get(V + "/sobjects/Task/" + id, token),
                fx.http.patch(V + "/sobjects/Task/" + id, token, Map.of("Subject", "b")),
                fx.http.delete(V + "/sobjects/Task/" + id, token)}) {
            assertThat(res.status()).isEqualTo(404);
            assertThat(res.json().get(0).get("errorCode").asText()).isEqualTo("ENTITY_IS_DELETED");
        }
    }

    @Test
    void get_anUnknownIdIsNotFound() {
        TestHttp.Res res = fx.http.get(V + "/sobjects/Task/00T000000000000", token);
        assertThat(res.status()).isEqualTo(404);
        assertThat(res.json().get(0).get("errorCode").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void create_anUnknownFieldIsInvalidField() {
        TestHttp.Res res = fx.http.post(V + "/sobjects/Task", token, Map.of("Subject", "a", "Foo__c", "b"));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(res.json().get(0).get("message").asText()).isEqualTo("No such column 'Foo__c' on sobject of type Task");
        assertThat(fx.sf.org().tasks()).isEmpty();
    }

    @Test
    void create_aBadDateIsJsonParserError() {
        for (Map<String, Object> body : java.util.List.<Map<String, Object>>of(Map.of("ActivityDate", "24/11/2026"),
                Map.of("ReminderDateTime", "2026-11-24 10:00"), Map.of("IsReminderSet", "yes"))) {
            TestHttp.Res res = fx.http.post(V + "/sobjects/Task", token, body);
            assertThat(res.status()).isEqualTo(400);
            assertThat(res.json().get(0).get("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");
        }
        TestHttp.Res malformed = fx.http.post(V + "/sobjects/Task", token, "{\"Subject\": ");
        assertThat(malformed.json().get(0).get("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");
    }

    @Test
    void describe_listsTheFieldsAndTheOrgsPicklists() {
        JsonNode describe = fx.http.get(V + "/sobjects/Task/describe", token).json();
        assertThat(describe.get("keyPrefix").asText()).isEqualTo("00T");
        JsonNode status = null;
        for (JsonNode f : describe.get("fields")) {
            if (f.get("name").asText().equals("Status")) {
                status = f;
            }
        }
        assertThat(status).isNotNull();
        assertThat(status.get("restrictedPicklist").asBoolean()).isTrue();
        assertThat(status.get("picklistValues")).extracting(v -> v.get("value").asText())
                .containsExactly("Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred");
    }

    @Test
    void unableToLockRow_failsASingleWriteWith400AndWritesNothing() {
        fx.sf.faults().add(FaultRule.next(FaultKind.UNABLE_TO_LOCK_ROW, 1).matching("POST", "/sobjects/Task"));
        TestHttp.Res res = fx.http.post(V + "/sobjects/Task", token, Map.of("Subject", "a"));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get(0).get("errorCode").asText()).isEqualTo("UNABLE_TO_LOCK_ROW");
        assertThat(fx.sf.org().tasks()).isEmpty();
        assertThat(fx.http.post(V + "/sobjects/Task", token, Map.of("Subject", "a")).status()).isEqualTo(201);
    }

    @Test
    void aValidationRule_refusesASingleWriteWith400AndWritesNothing() {
        String id = create(Map.of("Subject", "a"));
        fx.sf.faults().add(FaultRule.next(FaultKind.VALIDATION_RULE, 1).matching("PATCH", "/sobjects/Task"));
        TestHttp.Res res = fx.http.patch(V + "/sobjects/Task/" + id, token, Map.of("Subject", "b"));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get(0).get("errorCode").asText()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION");
        assertThat(fx.sf.org().tasks()).singleElement().satisfies(t -> assertThat(t.get("Subject")).isEqualTo("a"));
    }

    @Test
    void patchThroughPostWithHttpMethodOverride() {
        String id = create(Map.of("Subject", "a"));
        TestHttp.Res res = fx.http.post(V + "/sobjects/Task/" + id + "?_HttpMethod=PATCH", token,
                Map.of("Subject", "b"));
        assertThat(res.status()).isEqualTo(204);
        assertThat(fx.sf.org().task(id).orElseThrow().string("Subject")).isEqualTo("b");
    }

    @Test
    void anUnknownResourceOrMethodIsRefused() {
        assertThat(fx.http.get(V + "/sobjects/Account/001000000000000", token).status()).isEqualTo(404);
        assertThat(fx.http.put(V + "/sobjects/Task", token, Map.of()).status()).isEqualTo(405);
        assertThat(fx.http.get("/nothing-here", null).status()).isEqualTo(404);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        fx.close();
        EmulatorFixture small = new EmulatorFixture(c -> c.withMaxRequestBytes(2048));
        try {
            String t = small.token();
            TestHttp.Res res = small.http.post(V + "/sobjects/Task", t, Map.of("Description", "x".repeat(5000)));
            assertThat(res.status()).isEqualTo(413);
            assertThat(small.sf.org().tasks()).isEmpty();
        } finally {
            small.close();
        }
    }
}
