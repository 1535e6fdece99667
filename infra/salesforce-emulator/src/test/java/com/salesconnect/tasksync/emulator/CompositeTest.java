package com.salesconnect.tasksync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.emulator.org.SeedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.salesconnect.tasksync.emulator.EmulatorFixture.V;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code composite}: subrequests answered together as one API call; {@code UserPermissionAccess}. */
class CompositeTest {

    private final EmulatorFixture fx = new EmulatorFixture(c -> c.withDailyApiLimit(1_000));

    @AfterEach
    void stop() {
        fx.close();
    }

    private static Map<String, Object> get(String url, String ref) {
        return Map.of("method", "GET", "url", url, "referenceId", ref);
    }

    private static String replication(String kind, String start, String end) {
        return V + "/sobjects/Task/" + kind + "/?start=" + URLEncoder.encode(start, StandardCharsets.UTF_8)
                + "&end=" + URLEncoder.encode(end, StandardCharsets.UTF_8);
    }

    private static String soql(String text) {
        return V + "/query?" + TestHttp.query(text);
    }

    @Test
    void getUpdatedGetDeletedAndAQuery_answeredTogether_countAsOneCall() {
        String token = fx.token();
        String start = fx.clock.instant().toString();
        String kept = fx.sf.org().createTask(SeedData.DEMO_USERNAME, Map.of("Subject", "kept")).id();
        String gone = fx.sf.org().createTask(SeedData.DEMO_USERNAME, Map.of("Subject", "gone")).id();
        fx.clock.advance(Duration.ofMinutes(1));
        fx.sf.org().deleteTask(SeedData.DEMO_USERNAME, gone);
        fx.clock.advance(Duration.ofMinutes(3));
        String end = fx.clock.instant().toString();
        long before = fx.sf.org().apiUsage().used();

        TestHttp.Res res = fx.http.post(V + "/composite", token, Map.of("allOrNone", false, "compositeRequest",
                List.of(get(replication("updated", start, end), "updated"),
                        get(replication("deleted", start, end), "deleted"),
                        get(soql("SELECT PermissionsViewAllData FROM UserPermissionAccess"), "access"))));

        assertThat(res.status()).isEqualTo(200);
        assertThat(fx.sf.org().apiUsage().used() - before).isEqualTo(1);
        JsonNode parts = res.json().get("compositeResponse");
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).get("referenceId").asText()).isEqualTo("updated");
        assertThat(parts.get(0).get("httpStatusCode").asInt()).isEqualTo(200);
        assertThat(ids(parts.get(0).get("body").get("ids"))).contains(kept).doesNotContain(gone);
        assertThat(parts.get(1).get("body").get("deletedRecords").get(0).get("id").asText()).isEqualTo(gone);
        assertThat(parts.get(2).get("body").get("records").get(0).get("PermissionsViewAllData").asBoolean())
                .as("the demo user is the org's admin").isTrue();
    }

    @Test
    void userPermissionAccess_answersTheCallersOwnPermission() {
        String sam = fx.login(SeedData.SECOND_USERNAME, "sam-password").get("access_token").asText();
        TestHttp.Res res = fx.http.get(soql("SELECT PermissionsViewAllData FROM UserPermissionAccess"), sam);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().get("totalSize").asInt()).isEqualTo(1);
        assertThat(res.json().get("records").get(0).get("PermissionsViewAllData").asBoolean()).isFalse();
    }

    @Test
    void aFailedSubrequest_answersItsOwnErrorAndTheOthersStillRun() {
        String token = fx.token();
        TestHttp.Res res = fx.http.post(V + "/composite", token, Map.of("compositeRequest", List.of(
                get(soql("SELECT Nope FROM Task"), "bad"),
                get(soql("SELECT Id FROM Task"), "good"))));

        assertThat(res.status()).isEqualTo(200);
        JsonNode parts = res.json().get("compositeResponse");
        assertThat(parts.get(0).get("httpStatusCode").asInt()).isEqualTo(400);
        assertThat(parts.get(0).get("body").get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(parts.get(1).get("httpStatusCode").asInt()).isEqualTo(200);
    }

    @Test
    void moreThanFiveQueries_orReferencesBetweenSubrequests_areRefused() {
        String token = fx.token();
        List<Map<String, Object>> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(get(soql("SELECT Id FROM Task"), "q" + i));
        }
        TestHttp.Res tooMany = fx.http.post(V + "/composite", token, Map.of("compositeRequest", six));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get(0).get("errorCode").asText()).isEqualTo("LIMIT_EXCEEDED");

        TestHttp.Res refs = fx.http.post(V + "/composite", token, Map.of("compositeRequest", List.of(
                get(soql("SELECT Id FROM Task"), "a"), get(V + "/sobjects/Task/@{a.records[0].Id}", "b"))));
        assertThat(refs.status()).isEqualTo(400);
    }

    @Test
    void collectionsInOneComposite_writeEveryRecord_andCountAsOneCall() {
        String token = fx.token();
        long before = fx.sf.org().apiUsage().used();
        List<Map<String, Object>> parts = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < (part < 2 ? 200 : 50); i++) {
                records.add(Map.of("attributes", Map.of("type", "Task"), "Subject", "c" + part + "-" + i));
            }
            parts.add(Map.of("method", "POST", "url", V + "/composite/sobjects", "referenceId", "create" + part,
                    "body", Map.of("allOrNone", false, "records", records)));
        }

        TestHttp.Res res = fx.http.post(V + "/composite", token, Map.of("allOrNone", false, "compositeRequest",
                parts));

        assertThat(res.status()).isEqualTo(200);
        assertThat(fx.sf.org().apiUsage().used() - before).isEqualTo(1);
        List<String> made = new ArrayList<>();
        for (JsonNode part : res.json().get("compositeResponse")) {
            assertThat(part.get("httpStatusCode").asInt()).isEqualTo(200);
            part.get("body").forEach(r -> {
                assertThat(r.get("success").asBoolean()).isTrue();
                made.add(r.get("id").asText());
            });
        }
        assertThat(made).hasSize(450).doesNotHaveDuplicates();

        String ids = String.join(",", made.subList(0, 200));
        TestHttp.Res deleted = fx.http.post(V + "/composite", token, Map.of("compositeRequest", List.of(
                Map.of("method", "DELETE", "url", V + "/composite/sobjects?allOrNone=false&ids=" + ids,
                        "referenceId", "delete"))));
        assertThat(deleted.json().get("compositeResponse").get(0).get("body")).hasSize(200)
                .allMatch(r -> r.get("success").asBoolean());
        assertThat(fx.sf.org().apiUsage().used() - before).isEqualTo(2);
    }

    @Test
    void moreThanFiveCollectionsAndQueriesTogether_areRefused() {
        List<Map<String, Object>> six = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            six.add(get(soql("SELECT Id FROM Task"), "q" + i));
            six.add(Map.of("method", "DELETE", "url", V + "/composite/sobjects?ids=00T000000000001AAA",
                    "referenceId", "d" + i));
        }
        TestHttp.Res res = fx.http.post(V + "/composite", fx.token(), Map.of("compositeRequest", six));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get(0).get("errorCode").asText()).isEqualTo("LIMIT_EXCEEDED");
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
