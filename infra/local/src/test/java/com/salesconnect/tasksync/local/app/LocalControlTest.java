package com.salesconnect.tasksync.local.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.local.http.Request;
import com.salesconnect.tasksync.local.http.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LocalControlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SharedClock clock = new SharedClock();
    private LocalControl.Outcome sweepResult = LocalControl.Outcome.DONE;
    private int sweeps;
    private final LocalControl control = new LocalControl(clock, timeout -> {
        sweeps++;
        return sweepResult;
    }, Optional.empty(), Map.of("app", "http://localhost:8080"));

    private Response call(String method, String path, String body) throws Exception {
        return control.handle(new Request(method, path, "", Map.of(),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", "HTTP/1.1")).orElseThrow();
    }

    @Test
    void clock_movesByTheOffsetFromRealTime_andBack() throws Exception {
        JsonNode moved = JSON.readTree(call("POST", "/_local/clock", "{\"offset\": \"-P20D\"}").body());
        assertThat(moved.path("offset").asText()).isEqualTo(Duration.ofDays(-20).toString());
        Instant expected = Instant.now().minus(Duration.ofDays(20));
        assertThat(clock.now().toEpochMilli()).isCloseTo(expected.toEpochMilli(), within(1000L));
        assertThat(clock.clock().instant().toEpochMilli()).isCloseTo(expected.toEpochMilli(), within(1000L));
        call("POST", "/_local/clock", "{\"offset\": \"PT0S\"}");
        assertThat(JSON.readTree(call("GET", "/_local/clock", null).body()).path("offset").asText()).isEqualTo("PT0S");
    }

    @Test
    void clock_refusesBadOffsets() throws Exception {
        assertThat(call("POST", "/_local/clock", "{\"offset\": \"20 days\"}").status()).isEqualTo(400);
        assertThat(call("POST", "/_local/clock", "{}").status()).isEqualTo(400);
        assertThat(call("POST", "/_local/clock", "nope").status()).isEqualTo(400);
        assertThat(call("POST", "/_local/clock", "{\"offset\": \"P99999D\"}").status()).isEqualTo(400);
        assertThat(call("DELETE", "/_local/clock", null).status()).isEqualTo(405);
        assertThat(clock.offset().abs()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void sweep_answersWhenDone_and500WhenSomethingFailed() throws Exception {
        assertThat(call("POST", "/_local/sweep", null).status()).isEqualTo(200);
        sweepResult = LocalControl.Outcome.FAILED;
        Response failed = call("POST", "/_local/sweep", null);
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.bodyText()).contains("error");
        assertThat(sweeps).isEqualTo(2);
        assertThat(call("GET", "/_local/sweep", null).status()).isEqualTo(405);
    }

    /** A sweep of many users outlasts the wait: accepted and still running, not an error. */
    @Test
    void sweep_stillRunningAfterTheWait_answers202_notAnError() throws Exception {
        sweepResult = LocalControl.Outcome.STILL_RUNNING;

        Response running = call("POST", "/_local/sweep", null);

        assertThat(running.status()).isEqualTo(202);
        JsonNode body = JSON.readTree(running.bodyText());
        assertThat(body.path("running").asBoolean()).isTrue();
        assertThat(body.path("swept").asBoolean()).isFalse();
        assertThat(body.has("error")).isFalse();
    }

    @Test
    void salesforceTaskWrites_onlyForTaskIdsAndTheirMethods() throws Exception {
        assertThat(call("PATCH", "/_local/salesforce/tasks/../../clock", "{}").status()).isEqualTo(404);
        assertThat(call("PATCH", "/_local/salesforce/tasks/short", "{}").status()).isEqualTo(404);
        assertThat(call("PUT", "/_local/salesforce/tasks/00T000000000001AAA", "{}").status()).isEqualTo(405);
        assertThat(call("GET", "/_local/salesforce/tasks/00T000000000001AAA/undelete", null).status())
                .isEqualTo(405);
        assertThat(call("PUT", "/_local/salesforce/tasks", "{}").status()).isEqualTo(405);
    }

    @Test
    void withoutTheEmulator_theSalesforceViewSaysSo_andUnknownPathsAre404() throws Exception {
        assertThat(call("GET", "/_local/salesforce/tasks", null).status()).isEqualTo(404);
        assertThat(call("GET", "/_local/nothing", null).status()).isEqualTo(404);
        assertThat(call("POST", "/_local/salesforce/tasks", "{}").status()).isEqualTo(404);
        assertThat(call("PATCH", "/_local/salesforce/tasks/00T000000000001AAA", "{}").bodyText())
                .contains("real Salesforce org");
        assertThat(call("GET", "/_local/salesforce/users", null).status()).isEqualTo(404);
        assertThat(JSON.readTree(call("GET", "/_local/info", null).body()).path("app").asText())
                .isEqualTo("http://localhost:8080");
    }
}
