package com.salesconnect.tasksync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.emulator.org.OrgSeed;
import com.salesconnect.tasksync.emulator.org.SeedData;
import com.salesconnect.tasksync.emulator.sobject.PicklistValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.salesconnect.tasksync.emulator.EmulatorFixture.V;
import static org.assertj.core.api.Assertions.assertThat;

class QueryApiTest {

    private EmulatorFixture fx = new EmulatorFixture(c -> c.withQueryPageSize(5));
    private String token = fx.token();

    @AfterEach
    void stop() {
        fx.close();
    }

    private TestHttp.Res query(String resource, String soql) {
        return fx.http.get(V + "/" + resource + "?" + TestHttp.query(soql), token);
    }

    private void seed(int n) {
        for (int i = 0; i < n; i++) {
            fx.sf.org().seedTask("demo@example.com", Map.of("Subject", String.format("task %02d", i)));
        }
    }

    @Test
    void query_pagesThroughNextRecordsUrl() {
        seed(12);
        JsonNode first = query("query", "SELECT Id, Subject FROM Task ORDER BY Subject").json();
        assertThat(first.get("totalSize").asInt()).isEqualTo(12);
        assertThat(first.get("done").asBoolean()).isFalse();
        assertThat(first.get("nextRecordsUrl").asText()).matches("/services/data/v62\\.0/query/01g[0-9A-Za-z]{15}-5");
        List<String> subjects = new ArrayList<>();
        JsonNode page = first;
        int pages = 1;
        while (true) {
            page.get("records").forEach(r -> subjects.add(r.get("Subject").asText()));
            if (page.get("done").asBoolean()) {
                assertThat(page.has("nextRecordsUrl")).isFalse();
                break;
            }
            page = fx.http.get(page.get("nextRecordsUrl").asText(), token).json();
            assertThat(page.get("totalSize").asInt()).isEqualTo(12);
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(subjects).hasSize(12).isSorted();
    }

    @Test
    void query_recordsCarryAttributesAndSalesforceFormats() {
        fx.sf.org().seedTask("demo@example.com", Map.of("Subject", "s", "ActivityDate", "2026-11-25",
                "CreatedDate", "2026-11-20T08:00:00Z"));
        JsonNode record = query("query", "SELECT Id, ActivityDate, CreatedDate, IsClosed, WhoId FROM Task")
                .json().get("records").get(0);
        assertThat(record.fieldNames()).toIterable().containsExactly("attributes", "Id", "ActivityDate",
                "CreatedDate", "IsClosed", "WhoId");
        assertThat(record.get("attributes").get("url").asText()).isEqualTo(V + "/sobjects/Task/" + record.get("Id").asText());
        assertThat(record.get("ActivityDate").asText()).isEqualTo("2026-11-25");
        assertThat(record.get("CreatedDate").asText()).isEqualTo("2026-11-20T08:00:00.000+0000");
        assertThat(record.get("IsClosed").isBoolean()).isTrue();
        assertThat(record.get("WhoId").isNull()).isTrue();
    }

    @Test
    void queryAll_returnsDeletedRowsThatQueryHides() {
        seed(2);
        String id = fx.sf.org().tasks().get(0).id();
        fx.sf.org().deleteTask("demo@example.com", id);
        JsonNode live = query("query", "SELECT Id, IsDeleted FROM Task").json();
        assertThat(live.get("totalSize").asInt()).isEqualTo(1);
        JsonNode all = query("queryAll", "SELECT Id, IsDeleted FROM Task WHERE IsDeleted = true").json();
        assertThat(all.get("totalSize").asInt()).isEqualTo(1);
        assertThat(all.get("records").get(0).get("Id").asText()).isEqualTo(id);
        assertThat(all.get("records").get(0).get("IsDeleted").asBoolean()).isTrue();
        assertThat(query("query", "SELECT Id FROM Task WHERE IsDeleted = true").json().get("totalSize").asInt())
                .isZero();
    }

    @Test
    void queryAll_pagesUseTheQueryAllResource() {
        seed(7);
        JsonNode first = query("queryAll", "SELECT Id FROM Task").json();
        assertThat(first.get("nextRecordsUrl").asText()).contains("/queryAll/01g");
        JsonNode second = fx.http.get(first.get("nextRecordsUrl").asText(), token).json();
        assertThat(second.get("records")).hasSize(2);
    }

    @Test
    void query_malformedSoqlAndUnknownFieldsAre400() {
        TestHttp.Res malformed = query("query", "SELECT Id FROM Task WHERE");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
        TestHttp.Res unknown = query("query", "SELECT Id, Nope FROM Task");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        TestHttp.Res type = query("query", "SELECT Id FROM Account");
        assertThat(type.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_TYPE");
        TestHttp.Res noQuery = fx.http.get(V + "/query", token);
        assertThat(noQuery.json().get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
    }

    @Test
    void query_anInjectionAttemptInAValueStaysALiteral() {
        seed(3);
        TestHttp.Res res = query("query", "SELECT Id FROM Task WHERE Subject = 'nothing\\' OR Subject != \\''");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().get("totalSize").asInt()).isZero();
    }

    @Test
    void query_batchSizeHeaderShrinksPages() {
        fx.close();
        fx = new EmulatorFixture();
        token = fx.token();
        seed(250);
        JsonNode first = fx.http.get(V + "/query?" + TestHttp.query("SELECT Id FROM Task"), token,
                Map.of("Sforce-Query-Options", "batchSize=200")).json();
        assertThat(first.get("records")).hasSize(200);
        JsonNode unpaged = query("query", "SELECT Id FROM Task").json();
        assertThat(unpaged.get("done").asBoolean()).isTrue();
        assertThat(unpaged.get("records")).hasSize(250);
    }

    @Test
    void query_aCursorExpiresAfter15IdleMinutes() {
        seed(6);
        String next = query("query", "SELECT Id FROM Task").json().get("nextRecordsUrl").asText();
        fx.clock.advance(Duration.ofMinutes(16));
        TestHttp.Res res = fx.http.get(next, token);
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_QUERY_LOCATOR");
        assertThat(fx.http.get(V + "/query/01gBOGUS-5", token).status()).isEqualTo(400);
    }

    @Test
    void query_countOnlyAnswersTotalSize() {
        seed(3);
        JsonNode res = query("query", "SELECT COUNT() FROM Task").json();
        assertThat(res.get("totalSize").asInt()).isEqualTo(3);
        assertThat(res.get("records")).isEmpty();
    }

    @Test
    void taskStatus_listsTheOrgsValues() {
        JsonNode res = query("query", "SELECT ApiName, IsClosed, IsDefault, MasterLabel FROM TaskStatus").json();
        assertThat(res.get("totalSize").asInt()).isEqualTo(5);
        JsonNode first = res.get("records").get(0);
        assertThat(first.get("attributes").get("type").asText()).isEqualTo("TaskStatus");
        assertThat(first.get("ApiName").asText()).isEqualTo("Not Started");
        assertThat(first.get("IsDefault").asBoolean()).isTrue();
        assertThat(first.get("IsClosed").asBoolean()).isFalse();
        assertThat(res.get("records")).filteredOn(r -> r.get("IsClosed").asBoolean())
                .extracting(r -> r.get("ApiName").asText()).containsExactly("Completed");
    }

    @Test
    void taskStatus_aCustomisedOrgAnswersItsOwnValuesAndValidatesAgainstThem() {
        fx.close();
        OrgSeed custom = SeedData.demo().orgs().get(0).withTaskStatuses(List.of(
                new PicklistValue("Open", "Open", true, false, false),
                new PicklistValue("Done", "Done", false, true, false)));
        fx = new EmulatorFixture(c -> c.withSeed(SeedData.demo().withOrgs(List.of(custom))));
        token = fx.token();
        JsonNode res = query("query", "SELECT ApiName, IsClosed FROM TaskStatus WHERE IsClosed = true").json();
        assertThat(res.get("records").get(0).get("ApiName").asText()).isEqualTo("Done");
        TestHttp.Res completed = fx.http.post(V + "/sobjects/Task", token, Map.of("Status", "Completed"));
        assertThat(completed.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        String id = fx.http.post(V + "/sobjects/Task", token, Map.of("Status", "Done")).json().get("id").asText();
        assertThat(fx.sf.org().task(id).orElseThrow().bool("IsClosed")).isTrue();
    }
}
