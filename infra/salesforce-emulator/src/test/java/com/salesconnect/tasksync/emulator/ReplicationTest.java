package com.salesconnect.tasksync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static com.salesconnect.tasksync.emulator.EmulatorFixture.V;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * sobjects/Task/updated and sobjects/Task/deleted. The clock starts at 2026-11-24T10:00:00Z; each call logs in
 * afresh because the tests move the clock past the access token's lifetime.
 */
class ReplicationTest {

    private final EmulatorFixture fx = new EmulatorFixture();
    @AfterEach
    void stop() {
        fx.close();
    }

    private TestHttp.Res window(String kind, String start, String end) {
        return fx.http.get(V + "/sobjects/Task/" + kind + "/?start=" + URLEncoder.encode(start, StandardCharsets.UTF_8)
                + "&end=" + URLEncoder.encode(end, StandardCharsets.UTF_8), fx.token());
    }

    private String create(String subject) {
        return fx.sf.org().createTask("demo@example.com", Map.of("Subject", subject)).id();
    }

    @Test
    void updated_listsIdsChangedInTheWindowAndTheLatestDateCovered() {
        String before = create("before");
        fx.clock.advance(Duration.ofMinutes(5));
        String inside = create("inside");
        fx.clock.advance(Duration.ofMinutes(5));
        fx.sf.org().updateTask("demo@example.com", before, Map.of("Subject", "edited later"));
        fx.clock.advance(Duration.ofMinutes(5));
        TestHttp.Res res = window("updated", "2026-11-24T10:04:59+00:00", "2026-11-24T10:09:30Z");
        assertThat(res.status()).isEqualTo(200);
        JsonNode json = res.json();
        assertThat(json.get("ids")).extracting(JsonNode::asText).containsExactly(inside);
        assertThat(json.get("latestDateCovered").asText()).isEqualTo("2026-11-24T10:09:00.000+0000");
        JsonNode later = window("updated", "2026-11-24T10:09:00Z", "2026-11-24T10:30:00Z").json();
        assertThat(later.get("ids")).extracting(JsonNode::asText).containsExactly(before);
        assertThat(later.get("latestDateCovered").asText()).as("the end is in the future: now, to the minute")
                .isEqualTo("2026-11-24T10:15:00.000+0000");
    }

    @Test
    void updated_includesSystemChangesAndExcludesDeletedRows() {
        String touched = create("touched");
        String deleted = create("deleted");
        fx.clock.advance(Duration.ofMinutes(2));
        fx.sf.org().systemTouch(touched);
        fx.sf.org().deleteTask("demo@example.com", deleted);
        fx.clock.advance(Duration.ofMinutes(2));
        JsonNode json = window("updated", "2026-11-24T10:01:00Z", "2026-11-24T10:04:00Z").json();
        assertThat(json.get("ids")).extracting(JsonNode::asText).containsExactly(touched);
    }

    @Test
    void updated_refusesAStartOlderThan30Days() {
        TestHttp.Res res = window("updated", "2026-10-24T09:59:00Z", "2026-11-24T10:00:00Z");
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_REPLICATION_DATE");
        assertThat(window("updated", "2026-10-25T10:00:00Z", "2026-11-24T10:00:00Z").status()).isEqualTo(200);
    }

    @Test
    void windows_refuseAnEndBeforeTheStart_orNotMoreThanAMinuteAfterIt() {
        for (String kind : new String[] {"updated", "deleted"}) {
            TestHttp.Res backwards = window(kind, "2026-11-24T09:00:00Z", "2026-11-24T08:00:00Z");
            assertThat(backwards.status()).isEqualTo(400);
            assertThat(backwards.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_REPLICATION_DATE");
            assertThat(window(kind, "2026-11-24T09:00:10Z", "2026-11-24T09:00:50Z").status()).isEqualTo(400);
            assertThat(window(kind, "2026-11-24T09:00:10Z", "2026-11-24T09:01:50Z").status())
                    .as("one minute once seconds are ignored").isEqualTo(400);
            assertThat(window(kind, "2026-11-24T09:00:50Z", "2026-11-24T09:02:10Z").status()).isEqualTo(200);
        }
        TestHttp.Res garbage = window("updated", "yesterday", "2026-11-24T08:00:00Z");
        assertThat(garbage.status()).isEqualTo(400);
        TestHttp.Res missing = fx.http.get(V + "/sobjects/Task/updated/?start=2026-11-24T08:00:00Z", fx.token());
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void deleted_listsDeletionsWithTheirDatesAndTheWindowBounds() {
        String id = create("doomed");
        fx.clock.advance(Duration.ofMinutes(3).plusSeconds(20));
        fx.sf.org().deleteTask("demo@example.com", id);
        fx.clock.advance(Duration.ofMinutes(2));
        JsonNode json = window("deleted", "2026-11-24T10:00:00Z", "2026-11-24T11:00:00Z").json();
        assertThat(json.get("deletedRecords")).hasSize(1);
        assertThat(json.get("deletedRecords").get(0).get("id").asText()).isEqualTo(id);
        assertThat(json.get("deletedRecords").get(0).get("deletedDate").asText())
                .isEqualTo("2026-11-24T10:03:20.000+0000");
        assertThat(json.get("earliestDateAvailable").asText()).isEqualTo("2026-11-09T10:05:00.000+0000");
        assertThat(json.get("latestDateCovered").asText()).isEqualTo("2026-11-24T10:05:00.000+0000");
    }

    @Test
    void deleted_refusesAStartBeforeTheEarliestDateAvailable() {
        TestHttp.Res res = window("deleted", "2026-11-09T09:59:00Z", "2026-11-24T10:00:00Z");
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_REPLICATION_DATE");
        assertThat(window("deleted", "2026-11-09T10:00:30Z", "2026-11-24T10:00:00Z").status()).isEqualTo(200);
    }

    @Test
    void deleted_forgetsDeletionsOnceTheRecycleBinIsPurged() {
        String id = create("doomed");
        fx.sf.org().deleteTask("demo@example.com", id);
        fx.clock.advance(Duration.ofDays(15).minusMinutes(1));
        JsonNode before = window("deleted", "2026-11-24T10:00:00Z", "2026-12-09T09:59:00Z").json();
        assertThat(before.get("deletedRecords")).hasSize(1);
        fx.clock.advance(Duration.ofMinutes(1));
        assertThat(fx.sf.org().allTasks()).isEmpty();
        TestHttp.Res after = window("deleted", "2026-11-24T10:00:00Z", "2026-12-09T10:00:00Z");
        assertThat(after.json().get("deletedRecords")).isEmpty();
    }
}
