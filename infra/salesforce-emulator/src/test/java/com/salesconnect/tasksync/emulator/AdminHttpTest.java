package com.salesconnect.tasksync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static com.salesconnect.tasksync.emulator.EmulatorFixture.V;
import static org.assertj.core.api.Assertions.assertThat;

/** The admin API over HTTP, as the local runtime and a browser use it. */
class AdminHttpTest {

    private final EmulatorFixture fx = new EmulatorFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void summary_describesOrgsUsersAndTheClock() {
        JsonNode summary = fx.http.get("/_emulator", null).json();
        assertThat(summary.get("baseUrl").asText()).isEqualTo(fx.sf.baseUrl());
        assertThat(summary.get("now").asText()).isEqualTo("2026-11-24T10:00:00.000+0000");
        JsonNode org = summary.get("orgs").get(0);
        assertThat(org.get("id").asText()).isEqualTo(fx.sf.org().id()).startsWith("00D").hasSize(18);
        assertThat(org.get("users")).extracting(u -> u.get("username").asText())
                .containsExactly("demo@example.com", "sam@example.com");
        assertThat(org.get("users").get(0).get("id").asText()).startsWith("005").hasSize(18);
        assertThat(summary.toString()).doesNotContain(fx.sf.connectedApp().clientSecret(), "demo-password");
        assertThat(fx.http.get("/", null).header("Location")).contains("/_emulator");
    }

    @Test
    void tasks_areCreatedEditedDeletedAndRestoredAsAUser() {
        TestHttp.Res created = fx.http.post("/_emulator/orgs/default/tasks?as=sam@example.com", null,
                Map.of("Subject", "From the UI", "ActivityDate", "TODAY+1", "Priority", "High"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("Id").asText();
        assertThat(created.json().get("OwnerId").asText()).isEqualTo(fx.sf.org().user("sam@example.com").id());
        assertThat(created.json().get("ActivityDate").asText()).as("tomorrow in New York").isEqualTo("2026-11-25");

        TestHttp.Res edited = fx.http.patch("/_emulator/orgs/default/tasks/" + id, null, Map.of("Status", "Completed"));
        assertThat(edited.json().get("IsClosed").asBoolean()).isTrue();
        assertThat(fx.http.delete("/_emulator/orgs/default/tasks/" + id, null).json().get("IsDeleted").asBoolean())
                .isTrue();
        assertThat(fx.http.get("/_emulator/orgs/default/tasks", null).json()).isEmpty();
        assertThat(fx.http.get("/_emulator/orgs/default/tasks?includeDeleted=true", null).json()).hasSize(1);
        TestHttp.Res restored = fx.http.post("/_emulator/orgs/" + fx.sf.org().id() + "/tasks/" + id + "/undelete",
                null, Map.of());
        assertThat(restored.json().get("IsDeleted").asBoolean()).isFalse();
    }

    @Test
    void tasks_validationErrorsComeBackAsSalesforceErrors() {
        TestHttp.Res res = fx.http.post("/_emulator/orgs/default/tasks", null, Map.of("Status", "Bogus"));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get("errors").get(0).get("statusCode").asText())
                .isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        TestHttp.Res unknownUser = fx.http.post("/_emulator/orgs/default/tasks?as=nobody@example.com", null,
                Map.of("Subject", "a"));
        assertThat(unknownUser.status()).isEqualTo(400);
        assertThat(fx.http.get("/_emulator/orgs/00D000000000000/tasks", null).status()).isEqualTo(400);
    }

    @Test
    void seed_backdatesATaskChanged30HoursAgo() {
        TestHttp.Res res = fx.http.post("/_emulator/orgs/default/tasks/seed?as=demo@example.com", null,
                Map.of("Subject", "old", "CreatedDate", "NOW-30h", "LastModifiedDate", "NOW-30h"));
        assertThat(res.status()).isEqualTo(201);
        assertThat(res.json().get("SystemModstamp").asText()).isEqualTo("2026-11-23T04:00:00.000+0000");
        assertThat(res.json().get("LastModifiedDate").asText()).isEqualTo("2026-11-23T04:00:00.000+0000");
    }

    @Test
    void touch_bumpsOnlySystemModstamp() {
        String id = fx.sf.org().createTask("demo@example.com", Map.of("Subject", "a")).id();
        fx.clock.advance(Duration.ofMinutes(7));
        JsonNode touched = fx.http.post("/_emulator/orgs/default/tasks/" + id + "/touch", null, Map.of()).json();
        assertThat(touched.get("SystemModstamp").asText()).isEqualTo("2026-11-24T10:07:00.000+0000");
        assertThat(touched.get("LastModifiedDate").asText()).isEqualTo("2026-11-24T10:00:00.000+0000");
    }

    @Test
    void clock_advancesAndSets() {
        JsonNode advanced = fx.http.post("/_emulator/clock", null, Map.of("advance", "PT30H")).json();
        assertThat(advanced.get("now").asText()).isEqualTo("2026-11-25T16:00:00.000+0000");
        JsonNode set = fx.http.post("/_emulator/clock", null, Map.of("set", "2027-01-01T00:00:00Z")).json();
        assertThat(set.get("now").asText()).isEqualTo("2027-01-01T00:00:00.000+0000");
        assertThat(fx.http.post("/_emulator/clock", null, Map.of("advance", "thirty hours")).status()).isEqualTo(400);
    }

    @Test
    void faultsUsageAndSessionsAreControllable() {
        String token = fx.token();
        assertThat(fx.http.post("/_emulator/faults", null, Map.of("kind", "HTTP_503", "count", 1,
                "path", "/limits")).status()).isEqualTo(204);
        assertThat(fx.http.get("/_emulator/faults", null).json()).hasSize(1);
        assertThat(fx.http.get(V + "/limits", token).status()).isEqualTo(503);
        assertThat(fx.http.get(V + "/limits", token).status()).isEqualTo(200);
        assertThat(fx.http.post("/_emulator/faults", null, Map.of("kind", "NOPE")).status()).isEqualTo(400);

        JsonNode usage = fx.http.get("/_emulator/orgs/default/usage", null).json();
        assertThat(usage.get("used").asLong()).isEqualTo(1);
        assertThat(usage.get("limit").asLong()).isEqualTo(15000);
        fx.http.put("/_emulator/orgs/default/limit", null, Map.of("dailyApiLimit", 1));
        assertThat(fx.http.get(V + "/limits", token).status()).isEqualTo(403);
        fx.http.put("/_emulator/orgs/default/limit", null, Map.of("dailyApiLimit", 100));

        assertThat(fx.http.post("/_emulator/sessions/expire", null, Map.of()).status()).isEqualTo(204);
        assertThat(fx.http.get(V + "/limits", token).status()).isEqualTo(401);
    }

    @Test
    void outbound_endpointFaultsLogAndAwait() throws IOException {
        try (OutboundReceiver receiver = new OutboundReceiver()) {
            assertThat(fx.http.put("/_emulator/orgs/default/outbound", null,
                    Map.of("endpoint", receiver.uri().toString())).status()).isEqualTo(204);
            fx.http.post("/_emulator/outbound/faults", null, Map.of("kind", "DUPLICATE", "count", 1));
            fx.http.post("/_emulator/orgs/default/tasks", null, Map.of("Subject", "a"));
            JsonNode idle = fx.http.post("/_emulator/outbound/await?timeoutMillis=5000", null, Map.of()).json();
            assertThat(idle.get("idle").asBoolean()).isTrue();
            assertThat(receiver.messages()).hasSize(2);
            JsonNode log = fx.http.get("/_emulator/outbound/log", null).json();
            assertThat(log).extracting(e -> e.get("outcome").asText()).containsExactly("ACKED", "DUPLICATE_SENT");
            assertThat(log.get(0).get("taskIds")).hasSize(1);
            assertThat(log.toString()).doesNotContain(receiver.messages().get(0).sessionId());
            assertThat(fx.http.delete("/_emulator/orgs/default/outbound", null).status()).isEqualTo(204);
            fx.http.post("/_emulator/orgs/default/tasks", null, Map.of("Subject", "b"));
            assertThat(fx.sf.awaitOutboundIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(receiver.messages()).hasSize(2);
        }
    }

    @Test
    void deliveryFaultsCaptureAndAwait_answerTheSameOnTheChangeEventAndOutboundRoutes() {
        for (String kind : new String[]{"DROP", "duplicate", "REORDER", "GAP", "OVERFLOW"}) {
            assertThat(fx.http.post("/_emulator/change-events/faults", null, Map.of("kind", kind, "count", 0))
                    .status()).as(kind).isEqualTo(204);
        }
        for (String kind : new String[]{"DROP", "duplicate", "REORDER"}) {
            assertThat(fx.http.post("/_emulator/outbound/faults", null, Map.of("kind", kind, "count", 0))
                    .status()).as(kind).isEqualTo(204);
        }
        TestHttp.Res badEvent = fx.http.post("/_emulator/change-events/faults", null, Map.of("kind", "NOPE"));
        assertThat(badEvent.status()).isEqualTo(400);
        assertThat(badEvent.json().get("error").asText()).isEqualTo("kind is DROP, DUPLICATE, REORDER, GAP or OVERFLOW");
        TestHttp.Res badOutbound = fx.http.post("/_emulator/outbound/faults", null, Map.of("kind", "GAP"));
        assertThat(badOutbound.status()).isEqualTo(400);
        assertThat(badOutbound.json().get("error").asText()).isEqualTo("kind is DROP, DUPLICATE or REORDER");

        for (String route : new String[]{"change-events", "outbound"}) {
            TestHttp.Res badCapture = fx.http.post("/_emulator/" + route + "/capture", null, Map.of("orgId", "default"));
            assertThat(badCapture.status()).as(route).isEqualTo(400);
            assertThat(badCapture.json().get("error").asText()).as(route).startsWith("capture takes {");
            assertThat(fx.http.post("/_emulator/" + route + "/capture", null,
                    Map.of("orgId", "default", "enabled", true)).status()).as(route).isEqualTo(204);
            assertThat(fx.http.post("/_emulator/" + route + "/await?timeoutMillis=1000", null, Map.of())
                    .json().get("idle").asBoolean()).as(route).isTrue();
            assertThat(fx.http.post("/_emulator/" + route + "/await?timeoutMillis=soon", null, Map.of()).status())
                    .as(route).isEqualTo(400);
        }
    }
}
