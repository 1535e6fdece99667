package com.salesconnect.tasksync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.salesforce.Fakes.RecordingSleeper;
import com.salesconnect.tasksync.salesforce.SalesforceApi.ApiUsage;
import com.salesconnect.tasksync.salesforce.SalesforceApi.DeletedRecords;
import com.salesconnect.tasksync.salesforce.SalesforceApi.QueryPage;
import com.salesconnect.tasksync.salesforce.SalesforceApi.UpdatedRecords;
import com.salesconnect.tasksync.salesforce.StubServer.Request;
import com.salesconnect.tasksync.salesforce.TestSupport.ScriptedSession;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskStatus;
import com.salesconnect.tasksync.task.TaskStatuses;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.salesconnect.tasksync.salesforce.StubServer.json;
import static com.salesconnect.tasksync.salesforce.StubServer.reference;
import static com.salesconnect.tasksync.salesforce.TestSupport.savedResults;
import static com.salesconnect.tasksync.salesforce.TestSupport.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HttpSalesforceApiTest {

    static final String DATA = "/services/data/v62.0";
    static final String COLLECTION = DATA + "/composite/sobjects";
    static final Instant NOW = Instant.parse("2024-06-15T12:00:00Z");

    final ObjectMapper mapper = new ObjectMapper();
    final StubServer sf = new StubServer();
    final MutableClock clock = new MutableClock(NOW);
    final RecordingSleeper sleeper = new RecordingSleeper();
    final ScriptedSession session = new ScriptedSession(sf.baseUrl());
    HttpSalesforceApi api = new HttpSalesforceApi(TestSupport.http(clock, sleeper), session, "62.0");

    @AfterEach
    void stop() {
        sf.close();
    }

    static SfWrite write(String ref, String id, Map<String, Object> fields) {
        return new SfWrite(ref, id, fields);
    }

    static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static String part(String referenceId, int status, String body) {
        return "{\"body\":" + body + ",\"httpHeaders\":{},\"httpStatusCode\":" + status
                + ",\"referenceId\":\"" + referenceId + "\"}";
    }

    JsonNode body(Request request) throws Exception {
        return mapper.readTree(request.body());
    }

    @Nested
    class Writes {

        @Test
        void create_sendsOneCollectionWithAllOrNoneFalseAndTypedValues() throws Exception {
            sf.on("POST", COLLECTION, json(200, savedResults(1, 1)));

            api.create(List.of(write("sc-1", null, fields(
                    "Subject", "Call Ann",
                    "ActivityDate", LocalDate.of(2024, 3, 10),
                    "ReminderDateTime", Instant.parse("2024-03-09T23:30:00Z"),
                    "IsReminderSet", true,
                    "Description", null))));

            Request request = sf.requests().get(0);
            assertThat(request.header("Authorization")).isEqualTo("Bearer t1");
            assertThat(request.header("Content-Type")).startsWith("application/json");
            // Names the sync in the changeOrigin of the change events this write causes.
            assertThat(request.header("Sforce-Call-Options")).isEqualTo("client=SalesConnectTaskSync");
            JsonNode body = body(request);
            assertThat(body.get("allOrNone").asBoolean(true)).isFalse();
            JsonNode record = body.get("records").get(0);
            assertThat(record.get("attributes").get("type").asText()).isEqualTo("Task");
            assertThat(record.get("Subject").asText()).isEqualTo("Call Ann");
            assertThat(record.get("ActivityDate").asText()).isEqualTo("2024-03-10");
            assertThat(record.get("ReminderDateTime").asText()).isEqualTo("2024-03-09T23:30:00.000Z");
            assertThat(record.get("IsReminderSet").isBoolean()).isTrue();
            assertThat(record.has("Description")).isTrue();
            assertThat(record.get("Description").isNull()).isTrue();
            assertThat(record.has("Id")).isFalse();
        }

        @Test
        void create_mapsEachResultBackToItsRefInOrder() {
            sf.on("POST", COLLECTION, json(200, """
                    [{"id":"00T000000000001AAA","success":true,"errors":[]},
                     {"success":false,"errors":[{"statusCode":"STRING_TOO_LONG",
                       "message":"Subject: data value too large","fields":["Subject"]}]},
                     {"id":"00T000000000003AAA","success":true,"errors":[]}]"""));

            List<SaveResult> results = api.create(List.of(
                    write("a", null, fields("Subject", "A")),
                    write("b", null, fields("Subject", "B".repeat(300))),
                    write("c", null, fields("Subject", "C"))));

            assertThat(results).containsExactly(
                    new SaveResult.Saved("a", "00T000000000001AAA"),
                    new SaveResult.Failed("b", List.of(new SfError("STRING_TOO_LONG",
                            "Subject: data value too large", List.of("Subject")))),
                    new SaveResult.Saved("c", "00T000000000003AAA"));
        }

        @Test
        void create_of450Writes_isSentInChunksOf200_andResultsKeepTheirOrder() throws Exception {
            sf.on("POST", COLLECTION, json(200, savedResults(0, 200)), json(200, savedResults(200, 200)),
                    json(200, savedResults(400, 50)));
            List<SfWrite> writes = new ArrayList<>();
            for (int i = 0; i < 450; i++) {
                writes.add(write("ref-" + i, null, fields("Subject", "task " + i)));
            }

            List<SaveResult> results = api.create(writes);

            assertThat(sf.requests()).hasSize(3);
            assertThat(sf.requests().stream().map(r -> {
                try {
                    return body(r).get("records").size();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).containsExactly(200, 200, 50);
            assertThat(body(sf.requests().get(2)).get("records").get(0).get("Subject").asText())
                    .isEqualTo("task 400");
            assertThat(results).hasSize(450);
            assertThat(results.get(0)).isEqualTo(new SaveResult.Saved("ref-0", taskId(0)));
            assertThat(results.get(449)).isEqualTo(new SaveResult.Saved("ref-449", taskId(449)));
        }

        @Test
        void create_refusesAWriteThatAlreadyHasAnId_withoutCallingSalesforce() {
            assertThatThrownBy(() -> api.create(List.of(write("a", taskId(1), fields("Subject", "x")))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(sf.requests()).isEmpty();
        }

        @Test
        void writes_refuseFieldNamesThatCouldChangeTheRecordShape() {
            for (String name : List.of("Id", "attributes", "Sub ject", "a\"b", "")) {
                assertThatThrownBy(() -> api.update(List.of(write("a", taskId(1), fields(name, "x")))))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(sf.requests()).isEmpty();
        }

        @Test
        void update_patchesWithTheIdInEachRecord_andEntityIsDeletedStaysAPerRecordFailure() throws Exception {
            sf.on("PATCH", COLLECTION, json(200, """
                    [{"id":"00T000000000001AAA","success":true,"errors":[]},
                     {"success":false,"errors":[{"statusCode":"ENTITY_IS_DELETED","message":"entity is deleted",
                       "fields":[]}]}]"""));

            List<SaveResult> results = api.update(List.of(
                    write("a", taskId(1), fields("Status", "Completed")),
                    write("b", taskId(2), fields("Subject", "gone"))));

            JsonNode records = body(sf.requests().get(0)).get("records");
            assertThat(records.get(0).get("Id").asText()).isEqualTo(taskId(1));
            assertThat(records.get(1).get("Id").asText()).isEqualTo(taskId(2));
            assertThat(results.get(0)).isEqualTo(new SaveResult.Saved("a", taskId(1)));
            assertThat(results.get(1)).isInstanceOfSatisfying(SaveResult.Failed.class,
                    f -> assertThat(f.hasCode("ENTITY_IS_DELETED")).isTrue());
        }

        @Test
        void update_needsAValidSalesforceId() {
            assertThatThrownBy(() -> api.update(List.of(write("a", null, fields("Subject", "x")))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> api.update(List.of(write("a", "00T' OR Id != '", fields("Subject", "x")))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(sf.requests()).isEmpty();
        }

        @Test
        void update_validationErrorsComeBackAsFailedWithTheirFields() {
            sf.on("PATCH", COLLECTION, json(200, """
                    [{"success":false,"errors":[{"statusCode":"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                      "message":"Priority: bad value for restricted picklist field: Urgent","fields":["Priority"]}]}]"""));

            List<SaveResult> results = api.update(List.of(write("a", taskId(1), fields("Priority", "Urgent"))));

            assertThat(results.get(0)).isInstanceOfSatisfying(SaveResult.Failed.class, f -> {
                assertThat(f.errors().get(0).statusCode()).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
                assertThat(f.errors().get(0).fields()).containsExactly("Priority");
            });
        }

        @Test
        void delete_sendsIdsAndAllOrNoneFalse_andUsesTheIdAsRef() {
            sf.on("DELETE", COLLECTION, json(200, """
                    [{"id":"00T000000000001AAA","success":true,"errors":[]},
                     {"success":false,"errors":[{"statusCode":"ENTITY_IS_DELETED","message":"entity is deleted",
                       "fields":[]}]}]"""));

            List<SaveResult> results = api.delete(List.of(SalesforceId.of(taskId(1)), SalesforceId.of(taskId(2))));

            Request request = sf.requests().get(0);
            assertThat(request.param("ids")).isEqualTo(taskId(1) + "," + taskId(2));
            assertThat(request.param("allOrNone")).isEqualTo("false");
            assertThat(results.get(0)).isEqualTo(new SaveResult.Saved(taskId(1), taskId(1)));
            assertThat(results.get(1)).isInstanceOfSatisfying(SaveResult.Failed.class, f -> {
                assertThat(f.ref()).isEqualTo(taskId(2));
                assertThat(f.hasCode("ENTITY_IS_DELETED")).isTrue();
            });
        }

        @Test
        void delete_of450Ids_isOneCompositeRequestOfThreeCollectionParts_andResultsKeepTheirOrder() throws Exception {
            sf.on("POST", DATA + "/composite", json(200, "{\"compositeResponse\":["
                    + part("delete0", 200, savedResults(0, 200)) + ","
                    + part("delete1", 200, savedResults(200, 200)) + ","
                    + part("delete2", 200, savedResults(400, 50)) + "]}"));
            List<SalesforceId> ids = new ArrayList<>();
            for (int i = 0; i < 450; i++) {
                ids.add(SalesforceId.of(taskId(i)));
            }

            List<SaveResult> results = api.delete(ids);

            assertThat(sf.requests()).hasSize(1);
            JsonNode parts = body(sf.requests().get(0)).get("compositeRequest");
            assertThat(parts).hasSize(3);
            assertThat(parts.get(0).get("method").asText()).isEqualTo("DELETE");
            assertThat(parts.get(2).get("url").asText()).startsWith(COLLECTION + "?ids=" + taskId(400) + ",")
                    .endsWith(taskId(449) + "&allOrNone=false");
            assertThat(parts.get(1).get("url").asText().split(",")).hasSize(200);
            assertThat(results).hasSize(450);
            assertThat(results.get(0)).isEqualTo(new SaveResult.Saved(taskId(0), taskId(0)));
            assertThat(results.get(449)).isEqualTo(new SaveResult.Saved(taskId(449), taskId(449)));
        }

        @Test
        void delete_ofMoreThanAThousandIds_sendsAThousandACall() {
            sf.on("POST", DATA + "/composite", json(200, "{\"compositeResponse\":["
                    + part("delete0", 200, savedResults(0, 200)) + "," + part("delete1", 200, savedResults(200, 200))
                    + "," + part("delete2", 200, savedResults(400, 200)) + ","
                    + part("delete3", 200, savedResults(600, 200)) + ","
                    + part("delete4", 200, savedResults(800, 200)) + "]}"));
            sf.on("DELETE", COLLECTION, json(200, savedResults(1000, 1)));
            List<SalesforceId> ids = new ArrayList<>();
            for (int i = 0; i < 1001; i++) {
                ids.add(SalesforceId.of(taskId(i)));
            }

            List<SaveResult> results = api.delete(ids);

            assertThat(sf.requests()).extracting(StubServer.Request::method).containsExactly("POST", "DELETE");
            assertThat(results).hasSize(1001).doesNotContainNull();
        }

        /**
         * One part answered 500 (Salesforce's own error for that subrequest): its ids get no result, so the caller
         * tries them again, and the other parts' results stand.
         */
        @Test
        void aCompositeDeletePartThatFailed_leavesItsIdsWithoutAResult_andTheOthersStand() {
            sf.on("POST", DATA + "/composite", json(200, "{\"compositeResponse\":["
                    + part("delete0", 200, savedResults(0, 200)) + ","
                    + part("delete1", 500, "[{\"errorCode\":\"UNKNOWN_EXCEPTION\",\"message\":\"boom\"}]")
                    + "]}"));
            List<SalesforceId> ids = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ids.add(SalesforceId.of(taskId(i)));
            }

            List<SaveResult> results = api.delete(ids);

            assertThat(results).hasSize(300);
            assertThat(results.subList(0, 200)).doesNotContainNull();
            assertThat(results.subList(200, 300)).containsOnlyNulls();
        }

        @Test
        void aCompositeDeleteWhosePartsAllFailed_failsAsItsRequestWould() {
            String refused = "[{\"errorCode\":\"INVALID_FIELD\",\"message\":\"bad\"}]";
            sf.on("POST", DATA + "/composite", json(200, "{\"compositeResponse\":["
                    + part("delete0", 400, refused) + "," + part("delete1", 400, refused) + "]}"));
            List<SalesforceId> ids = new ArrayList<>();
            for (int i = 0; i < 201; i++) {
                ids.add(SalesforceId.of(taskId(i)));
            }

            SalesforceRequestException e = catchThrowableOfType(() -> api.delete(ids),
                    SalesforceRequestException.class);

            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.errors()).extracting(SfError::statusCode).containsExactly("INVALID_FIELD");
        }

        @Test
        void delete_refusesIdsThatAreNotSalesforceIds() {
            assertThatThrownBy(() -> api.delete(List.of(SalesforceId.of(taskId(1)),
                    SalesforceId.of("00T&ids=001000000000001"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(sf.requests()).isEmpty();
        }

        @Test
        void delete_badRequestOfTheReferenceFile_isARequestException() {
            sf.on("DELETE", COLLECTION, reference(400, "composite-sobjects-delete-bad-request-response.json"));

            SalesforceRequestException e = catchThrowableOfType(
                    () -> api.delete(List.of(SalesforceId.of(taskId(1)))), SalesforceRequestException.class);

            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.errors()).extracting(SfError::statusCode).containsExactly("REQUIRED_FIELD_MISSING");
        }

        @Test
        void successResponseOfTheReferenceFile_mapsToSaved() {
            sf.on("DELETE", COLLECTION, reference(200, "composite-sobjects-success-response.json"));

            assertThat(api.delete(List.of(SalesforceId.of(taskId(1)))))
                    .containsExactly(new SaveResult.Saved(taskId(1), "some_id"));
        }

        @Test
        void aResultCountThatDoesNotMatchTheRequest_isUnavailableNotAGuess() {
            sf.on("POST", COLLECTION, json(200, savedResults(1, 1)));

            assertThatThrownBy(() -> api.create(List.of(write("a", null, fields("Subject", "A")),
                    write("b", null, fields("Subject", "B")))))
                    .isInstanceOf(SalesforceUnavailableException.class)
                    .hasMessageContaining("unreadable");
        }
    }

    @Nested
    class Retries {

        @Test
        void lockedRecordsOfACollection_areRetriedAlone_andSucceed() throws Exception {
            sf.on("PATCH", COLLECTION,
                    json(200, """
                            [{"id":"00T000000000001AAA","success":true,"errors":[]},
                             {"success":false,"errors":[{"statusCode":"UNABLE_TO_LOCK_ROW",
                               "message":"unable to obtain exclusive access to this record","fields":[]}]},
                             {"id":"00T000000000003AAA","success":true,"errors":[]}]"""),
                    json(200, "[{\"id\":\"00T000000000002AAA\",\"success\":true,\"errors\":[]}]"));

            List<SaveResult> results = api.update(List.of(
                    write("a", taskId(1), fields("Subject", "one")),
                    write("b", taskId(2), fields("Subject", "two")),
                    write("c", taskId(3), fields("Subject", "three"))));

            assertThat(results).containsExactly(new SaveResult.Saved("a", taskId(1)),
                    new SaveResult.Saved("b", taskId(2)), new SaveResult.Saved("c", taskId(3)));
            assertThat(sf.requests()).hasSize(2);
            JsonNode retried = body(sf.requests().get(1)).get("records");
            assertThat(retried).hasSize(1);
            assertThat(retried.get(0).get("Subject").asText()).isEqualTo("two");
            assertThat(sleeper.sleeps).hasSize(1);
            assertThat(sleeper.sleeps.get(0)).isLessThanOrEqualTo(Duration.ofMillis(200));
        }

        /**
         * The retry of a create's locked records fails as a whole (the org's limit reached meanwhile): the records
         * the first attempt made are still returned with their ids, the locked one as still locked, so no caller
         * takes the whole call for refused and creates the made ones again.
         */
        @Test
        void aRetryOfLockedRecordsThatFails_returnsWhatTheFirstAttemptMade() {
            sf.on("POST", COLLECTION,
                    json(200, """
                            [{"id":"00T000000000001AAA","success":true,"errors":[]},
                             {"success":false,"errors":[{"statusCode":"UNABLE_TO_LOCK_ROW",
                               "message":"unable to obtain exclusive access to this record","fields":[]}]}]"""),
                    json(403, "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]"));

            List<SaveResult> results = api.create(List.of(write("a", null, fields("Subject", "one")),
                    write("b", null, fields("Subject", "two"))));

            assertThat(results.get(0)).isEqualTo(new SaveResult.Saved("a", taskId(1)));
            assertThat(results.get(1)).isInstanceOfSatisfying(SaveResult.Failed.class,
                    f -> assertThat(f.hasCode("UNABLE_TO_LOCK_ROW")).isTrue());
            assertThat(sf.requests()).hasSize(2);
        }

        @Test
        void aRecordLockedOnEveryAttempt_staysAFailedResultAfterTheBound() {
            sf.on("DELETE", COLLECTION, json(200, """
                    [{"success":false,"errors":[{"statusCode":"UNABLE_TO_LOCK_ROW","message":"locked","fields":[]}]}]"""));

            List<SaveResult> results = api.delete(List.of(SalesforceId.of(taskId(1))));

            assertThat(results.get(0)).isInstanceOfSatisfying(SaveResult.Failed.class,
                    f -> assertThat(f.hasCode("UNABLE_TO_LOCK_ROW")).isTrue());
            assertThat(sf.requests()).hasSize(3);
            assertThat(sleeper.sleeps).hasSize(2);
        }

        @Test
        void aTopLevelLockError_isRetriedWithBackOff() {
            sf.on("PATCH", COLLECTION,
                    json(400, "[{\"message\":\"unable to obtain exclusive access\",\"errorCode\":\"UNABLE_TO_LOCK_ROW\"}]"),
                    json(200, savedResults(1, 1)));

            List<SaveResult> results = api.update(List.of(write("a", taskId(1), fields("Subject", "x"))));

            assertThat(results).containsExactly(new SaveResult.Saved("a", taskId(1)));
            assertThat(sf.requests()).hasSize(2);
            assertThat(sleeper.sleeps).hasSize(1);
        }

        @Test
        void serverErrors_areRetriedWithFullJitterBelowTheExponentialCeiling() {
            sf.onPrefix("GET", DATA + "/query", json(503, ""), json(500, "[]"),
                    json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}"));

            QueryPage page = api.query(Soql.of("SELECT Id FROM Task"));

            assertThat(page.records()).isEmpty();
            assertThat(sf.requests()).hasSize(3);
            assertThat(sleeper.sleeps).hasSize(2);
            assertThat(sleeper.sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(200));
            assertThat(sleeper.sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(400));
        }

        @Test
        void serverErrorsOnEveryAttempt_endAsUnavailableAfterThreeAttempts() {
            sf.onPrefix("GET", DATA + "/query", json(503, "<html>Service Unavailable</html>"));

            assertThatThrownBy(() -> api.query(Soql.of("SELECT Id FROM Task")))
                    .isInstanceOf(SalesforceUnavailableException.class)
                    .hasMessageContaining("HTTP 503")
                    .hasMessageContaining("3 attempt");
            assertThat(sf.requests()).hasSize(3);
            assertThat(sleeper.sleeps).hasSize(2);
        }

        @Test
        void aReadTimeout_isRetriedForAQuery() {
            api = new HttpSalesforceApi(TestSupport.http(clock, sleeper, Duration.ofMillis(300)), session, "62.0");
            sf.onPrefix("GET", DATA + "/query",
                    json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}").delayed(Duration.ofSeconds(2)),
                    json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}"));

            assertThat(api.query(Soql.of("SELECT Id FROM Task")).done()).isTrue();
            assertThat(sleeper.sleeps).hasSize(1);
        }

        @Test
        void aReadTimeout_isNotRetriedForACreate_whoseRecordsMayExistAlready() {
            api = new HttpSalesforceApi(TestSupport.http(clock, sleeper, Duration.ofMillis(300)), session, "62.0");
            sf.on("POST", COLLECTION, json(200, savedResults(1, 1)).delayed(Duration.ofSeconds(2)),
                    json(200, savedResults(1, 1)));

            assertThatThrownBy(() -> api.create(List.of(write("a", null, fields("Subject", "x")))))
                    .hasMessageContaining("read timeout")
                    .isInstanceOfSatisfying(SalesforceUnavailableException.class,
                            e -> assertThat(e.mayHaveWritten()).isTrue());
            assertThat(sf.requests()).hasSize(1);
        }

        /** Salesforce's own 500 and 503 say the request was not completed: the create is retried, ends unwritten. */
        @Test
        void aCreateAnswered500Or503OnEveryAttempt_isRetried_andEndsAsNothingWritten() {
            sf.on("POST", COLLECTION, json(503, "<html>Service Unavailable</html>"),
                    json(500, "[{\"errorCode\":\"UNKNOWN_EXCEPTION\",\"message\":\"x\"}]"), json(503, ""));

            assertThatThrownBy(() -> api.create(List.of(write("a", null, fields("Subject", "x")))))
                    .hasMessageContaining("3 attempt")
                    .isInstanceOfSatisfying(SalesforceUnavailableException.class,
                            e -> assertThat(e.mayHaveWritten()).isFalse());
            assertThat(sf.requests()).hasSize(3);
        }

        /** A gateway's 504 may hide a create Salesforce went on to commit: never sent again, and left in doubt. */
        @Test
        void aCreateAnsweredByAGatewaysTimeout_isNotRetried_andMayHaveWritten() {
            sf.on("POST", COLLECTION, json(503, ""), json(504, "<html>Gateway Timeout</html>"),
                    json(200, savedResults(1, 1)));

            assertThatThrownBy(() -> api.create(List.of(write("a", null, fields("Subject", "x")))))
                    .hasMessageContaining("HTTP 504")
                    .isInstanceOfSatisfying(SalesforceUnavailableException.class,
                            e -> assertThat(e.mayHaveWritten()).isTrue());
            assertThat(sf.requests()).hasSize(2);
        }

        @Test
        void withTooLittleTimeLeft_noRequestStarts_andTheCallIsOutOfTime() {
            sf.onPrefix("GET", DATA + "/query", json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}"));
            SalesforceApi late = api.within(() -> SalesforceHttp.RESERVE.plusSeconds(1));

            assertThatThrownBy(() -> late.query(Soql.of("SELECT Id FROM Task")))
                    .isInstanceOf(OutOfTimeException.class);
            assertThat(sf.requests()).isEmpty();
        }

        @Test
        void anAttempt_waitsNoLongerThanTheInvocationHasLeft() {
            sf.onPrefix("GET", DATA + "/query",
                    json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}").delayed(Duration.ofSeconds(20)));
            // 2.5 s left after the reserve: the attempt is cut there, and no retry fits any more.
            java.util.concurrent.atomic.AtomicLong left = new java.util.concurrent.atomic.AtomicLong(
                    SalesforceHttp.RESERVE.plusMillis(2_500).toMillis());
            SalesforceApi limited = api.within(() -> Duration.ofMillis(left.getAndAdd(-2_600)));
            long started = System.nanoTime();

            assertThatThrownBy(() -> limited.query(Soql.of("SELECT Id FROM Task")))
                    .isInstanceOf(OutOfTimeException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
            assertThat(sf.requests()).hasSize(1);
        }

        @Test
        void aRefusedConnection_isRetriedThenUnavailable() throws Exception {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            ScriptedSession nowhere = new ScriptedSession(URI.create("http://127.0.0.1:" + closedPort));
            api = new HttpSalesforceApi(TestSupport.http(clock, sleeper), nowhere, "62.0");

            assertThatThrownBy(() -> api.query(Soql.of("SELECT Id FROM Task")))
                    .isInstanceOf(SalesforceUnavailableException.class)
                    .hasMessageContaining("connect failure");
            assertThat(sleeper.sleeps).hasSize(2);
        }
    }

    @Nested
    class Errors {

        @Test
        void anExpiredSession_isRenewedOnceAndTheCallReplayed() {
            sf.onPrefix("GET", DATA + "/query", reference(401, "rest-error-invalid-session-id.json"),
                    json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}"));

            api.query(Soql.of("SELECT Id FROM Task"));

            assertThat(sf.requests()).extracting(r -> r.header("Authorization"))
                    .containsExactly("Bearer t1", "Bearer t2");
            assertThat(session.rejected).extracting(AccessToken::value).containsExactly("t1");
        }

        @Test
        void anExpiredSession_onACreate_isRenewedOnceAndTheCreateSentAgain() {
            // Salesforce answers 401 with WWW-Authenticate: Token; the client streams request bodies, so this is
            // the answer it cannot read a body of.
            sf.on("POST", COLLECTION, reference(401, "rest-error-invalid-session-id.json")
                            .header("WWW-Authenticate", "Token"),
                    json(200, savedResults(1, 1)));

            List<SaveResult> results = api.create(List.of(write("a", null, fields("Subject", "x"))));

            assertThat(results).containsExactly(new SaveResult.Saved("a", taskId(1)));
            assertThat(sf.requests()).extracting(r -> r.header("Authorization"))
                    .containsExactly("Bearer t1", "Bearer t2");
            assertThat(sf.requests()).extracting(StubServer.Request::body).allMatch(b -> b.contains("\"x\""));
        }

        @Test
        void anUpdate_goesAsPostWithSalesforcesMethodOverride() {
            sf.on("PATCH", COLLECTION, json(200, savedResults(1, 1)).header("Sforce-Limit-Info",
                    "api-usage=7/15000"));

            api.update(List.of(write("a", taskId(1), fields("Status", "Completed"))));

            StubServer.Request sent = sf.requests().get(0);
            assertThat(sent.param("_HttpMethod")).isEqualTo("PATCH");
            assertThat(sent.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
            assertThat(api.lastUsage()).contains(new SalesforceApi.ApiUsage(7, 15000));
        }

        @Test
        void aSessionRejectedAgainAfterRenewal_isARequestException_notALoop() {
            sf.onPrefix("GET", DATA + "/query", reference(401, "rest-error-invalid-session-id.json"));

            SalesforceRequestException e = catchThrowableOfType(
                    () -> api.query(Soql.of("SELECT Id FROM Task")), SalesforceRequestException.class);

            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.errors()).extracting(SfError::statusCode).containsExactly("INVALID_SESSION_ID");
            assertThat(sf.requests()).hasSize(2);
            assertThat(session.rejected).hasSize(1);
        }

        @Test
        void requestLimitExceeded_throwsWithRetryAfterOneHour_withoutRetrying() {
            sf.onPrefix("GET", DATA + "/query",
                    json(403, "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]"));

            RequestLimitExceededException e = catchThrowableOfType(
                    () -> api.query(Soql.of("SELECT Id FROM Task")), RequestLimitExceededException.class);

            assertThat(e.retryAfter()).isEqualTo(NOW.plus(Duration.ofHours(1)));
            assertThat(sf.requests()).hasSize(1);
            assertThat(sleeper.sleeps).isEmpty();
        }

        @Test
        void aForbiddenRequestOtherThanTheLimit_isARequestException() {
            sf.onPrefix("GET", DATA + "/query",
                    json(403, "[{\"message\":\"The REST API is not enabled for this Organization.\","
                            + "\"errorCode\":\"API_DISABLED_FOR_ORG\"}]"));

            SalesforceRequestException e = catchThrowableOfType(
                    () -> api.query(Soql.of("SELECT Id FROM Task")), SalesforceRequestException.class);

            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(e.errors()).extracting(SfError::statusCode).containsExactly("API_DISABLED_FOR_ORG");
        }

        @Test
        void anInvalidFieldOfTheReferenceFile_isARequestException_whoseMessageHoldsOnlyCodes() {
            sf.onPrefix("GET", DATA + "/query", reference(400, "rest-error-invalid-field.json"));

            SalesforceRequestException e = catchThrowableOfType(
                    () -> api.query(Soql.of("SELECT Id FROM Task WHERE Subject = :s", Map.of("s", "secret subject"))),
                    SalesforceRequestException.class);

            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.errors().get(0).statusCode()).isEqualTo("INVALID_FIELD");
            assertThat(e.errors().get(0).message()).isEqualTo("No such column 'foo' on sobject of type Bar");
            assertThat(e.getMessage()).contains("INVALID_FIELD").doesNotContain("secret", "foo", "t1");
            assertThat(sf.requests()).hasSize(1);
        }

        @Test
        void anUnreadableSuccessBody_isUnavailable() {
            sf.onPrefix("GET", DATA + "/query", json(200, "<html>maintenance</html>"));

            assertThatThrownBy(() -> api.query(Soql.of("SELECT Id FROM Task")))
                    .isInstanceOf(SalesforceUnavailableException.class)
                    .hasMessageNotContaining("maintenance");
        }
    }

    @Nested
    class Queries {

        static final String RECORD = """
                {"attributes":{"type":"Task","url":"/services/data/v62.0/sobjects/Task/00T000000000001AAA"},
                 "Id":"00T000000000001AAA","OwnerId":"005xx000001Sv6eAAC","Subject":"Call Ann",
                 "Description":null,"ActivityDate":"2024-03-10","Status":"Not Started","IsClosed":false,
                 "Priority":"High","ReminderDateTime":"2024-03-09T23:30:00.000+0000","IsReminderSet":true,
                 "TaskSubtype":"Call","WhoId":"003xx000004TmiQAAS","WhatId":null,
                 "CreatedDate":"2024-03-01T08:00:00.000+0000","LastModifiedDate":"2024-03-02T09:15:30.000+0000",
                 "SystemModstamp":"2024-03-02T09:15:31.000+0000","IsDeleted":false}""";

        @Test
        void query_encodesTheStatementAndParsesTaskRecords() {
            sf.on("GET", DATA + "/query", json(200,
                    "{\"totalSize\":1,\"done\":true,\"records\":[" + RECORD + "]}"));
            Soql soql = Soql.of("SELECT Id FROM Task WHERE Subject = :s AND OwnerId = :o",
                    Map.of("s", "Tom & Jerry's 100% + more", "o", Soql.id("005xx000001Sv6eAAC")));

            QueryPage page = api.query(soql);

            assertThat(sf.requests().get(0).param("q")).isEqualTo(soql.text());
            assertThat(page.done()).isTrue();
            assertThat(page.nextRecordsUrl()).isNull();
            assertThat(page.totalSize()).isEqualTo(1);
            assertThat(page.records()).containsExactly(new SfTask("00T000000000001AAA", "005xx000001Sv6eAAC",
                    "Call Ann", null, LocalDate.of(2024, 3, 10), "Not Started", false, "High",
                    Instant.parse("2024-03-09T23:30:00Z"), true, "Call", "003xx000004TmiQAAS", null,
                    Instant.parse("2024-03-01T08:00:00Z"), Instant.parse("2024-03-02T09:15:30Z"),
                    Instant.parse("2024-03-02T09:15:31Z"), false));
        }

        @Test
        void queryAllPages_sendsUpToFiveStatementsInOneCompositeRequest_andAnswersPagesInOrder() throws Exception {
            String page = "{\"totalSize\":1,\"done\":true,\"records\":[" + RECORD + "]}";
            String empty = "{\"totalSize\":0,\"done\":true,\"records\":[]}";
            sf.on("POST", DATA + "/composite", json(200, "{\"compositeResponse\":[" + part("query0", 200, empty)
                    + "," + part("query1", 200, page) + "," + part("query2", 200, empty) + ","
                    + part("query3", 200, empty) + "," + part("query4", 200, empty) + "]}"));
            sf.on("GET", DATA + "/queryAll", json(200, page));
            List<Soql> statements = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statements.add(Soql.of("SELECT Id FROM Task WHERE Subject = :s", Map.of("s", "n" + i)));
            }

            List<QueryPage> pages = api.queryAllPages(statements);

            assertThat(sf.requests()).extracting(StubServer.Request::method).containsExactly("POST", "GET");
            JsonNode parts = body(sf.requests().get(0)).get("compositeRequest");
            assertThat(parts).hasSize(5);
            assertThat(parts.get(1).get("url").asText()).startsWith(DATA + "/queryAll?q=")
                    .contains("n1");
            assertThat(sf.requests().get(1).param("q")).isEqualTo(statements.get(5).text());
            assertThat(pages).extracting(p -> p.records().size()).containsExactly(0, 1, 0, 0, 0, 1);
        }

        @Test
        void queryAllPages_aFailedStatement_failsTheCall() {
            sf.on("POST", DATA + "/composite", json(200, "{\"compositeResponse\":["
                    + part("query0", 200, "{\"totalSize\":0,\"done\":true,\"records\":[]}") + ","
                    + part("query1", 400, "[{\"errorCode\":\"MALFORMED_QUERY\",\"message\":\"bad\"}]") + "]}"));

            assertThatThrownBy(() -> api.queryAllPages(List.of(Soql.of("SELECT Id FROM Task"),
                    Soql.of("SELECT Id FROM Task"))))
                    .isInstanceOf(SalesforceRequestException.class);
        }

        @Test
        void queryAll_usesTheQueryAllResource_andReadsDeletedRows() {
            sf.on("GET", DATA + "/queryAll", json(200, "{\"totalSize\":1,\"done\":true,\"records\":["
                    + RECORD.replace("\"IsDeleted\":false", "\"IsDeleted\":true") + "]}"));

            QueryPage page = api.queryAll(Soql.of("SELECT Id, IsDeleted FROM Task"));

            assertThat(page.records().get(0).deleted()).isTrue();
        }

        @Test
        void aRecordWithAFieldOfTheWrongType_isUnavailable_notSilentlyDropped() {
            sf.on("GET", DATA + "/query", json(200, "{\"totalSize\":1,\"done\":true,\"records\":["
                    + RECORD.replace("\"IsClosed\":false", "\"IsClosed\":\"nope\"") + "]}"));

            assertThatThrownBy(() -> api.query(Soql.of("SELECT Id FROM Task")))
                    .isInstanceOf(SalesforceUnavailableException.class);
        }

        /** The reference pages carry no Task fields; an Id is added so they parse as Task rows. */
        String referencePageWithIds(String file) throws Exception {
            ObjectNode page = (ObjectNode) mapper.readTree(StubServer.referenceText(file));
            int i = 0;
            for (JsonNode record : page.get("records")) {
                ((ObjectNode) record).put("Id", taskId(++i));
            }
            return mapper.writeValueAsString(page);
        }

        @Test
        void referencePages_followNextRecordsUrlToTheLastPage() throws Exception {
            sf.on("GET", DATA + "/query", json(200, referencePageWithIds("rest-query-first-page-nextRecordsUrl.json")));
            sf.on("GET", "/services/data/v26.0/query/01gD", json(200, referencePageWithIds("rest-query-last-page.json")));

            QueryPage first = api.query(Soql.of("SELECT Id FROM Task"));
            QueryPage last = api.nextPage(first.nextRecordsUrl());

            assertThat(first.done()).isFalse();
            assertThat(first.totalSize()).isEqualTo(2);
            assertThat(first.nextRecordsUrl()).isEqualTo("/services/data/v26.0/query/01gD");
            assertThat(first.records()).extracting(SfTask::id).containsExactly(taskId(1));
            assertThat(last.done()).isTrue();
            assertThat(last.nextRecordsUrl()).isNull();
            assertThat(last.records()).hasSize(1);
            assertThat(sf.requests().get(1).header("Authorization")).isEqualTo("Bearer t1");
        }

        @Test
        void referenceSinglePage_ignoresRelationshipsAndSubqueries() throws Exception {
            sf.on("GET", DATA + "/query", json(200, referencePageWithIds("rest-query-single-page.json")));

            QueryPage page = api.query(Soql.of("SELECT Id FROM Task"));

            assertThat(page.records()).hasSize(1);
            assertThat(page.records().get(0).subject()).isNull();
        }

        @Test
        void nextPage_acceptsAnAbsoluteLocatorOnTheInstance() {
            sf.on("GET", DATA + "/query/01gD0000002HU6KIAW-2000",
                    json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}"));

            assertThat(api.nextPage(sf.baseUrl() + DATA + "/query/01gD0000002HU6KIAW-2000").done()).isTrue();
        }

        @Test
        void nextPage_refusesAnythingButAQueryLocatorOnTheInstance() {
            List<String> hostile = List.of(
                    "https://evil.example.com" + DATA + "/query/01gD0000002HU6KIAW-2000",
                    "//evil.example.com" + DATA + "/query/01gD0000002HU6KIAW-2000",
                    DATA + "/sobjects/Task/00T000000000001AAA",
                    DATA + "/query/../sobjects/User",
                    DATA + "/query/01gD?q=SELECT+Id+FROM+User",
                    sf.baseUrl() + DATA + "/query/01gD?x=1",
                    "http://127.0.0.1:1" + DATA + "/query/01gD",
                    "not a url at all");
            for (String url : hostile) {
                assertThatThrownBy(() -> api.nextPage(url)).as(url).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(sf.requests()).isEmpty();
        }
    }

    @Nested
    class Replication {

        @Test
        void getDeleted_sendsAMinuteTruncatedWindow_andParsesTheReferenceAnswer() {
            sf.on("GET", DATA + "/sobjects/Task/deleted/", reference(200, "rest-sobjects-deleted-response.json"));

            DeletedRecords deleted = api.getDeleted(NOW.minus(Duration.ofDays(2)).plusSeconds(42), NOW);

            Request request = sf.requests().get(0);
            assertThat(request.param("start")).isEqualTo("2024-06-13T12:00:00+00:00");
            assertThat(request.param("end")).isEqualTo("2024-06-15T12:00:00+00:00");
            assertThat(deleted.deletedRecords()).containsExactly(new SalesforceApi.DeletedRecord(
                    "a00D0000008pQRAIA2", Instant.parse("2013-05-07T22:07:19Z")));
            assertThat(deleted.earliestDateAvailable()).isEqualTo(Instant.parse("2013-05-03T15:57:00Z"));
            assertThat(deleted.latestDateCovered()).isEqualTo(Instant.parse("2013-05-08T21:20:00Z"));
        }

        @Test
        void getDeleted_clampsAStartOlderThan30Days_andAnEndInTheFuture() {
            sf.on("GET", DATA + "/sobjects/Task/deleted/", reference(200, "rest-sobjects-deleted-response.json"));

            api.getDeleted(NOW.minus(Duration.ofDays(45)), NOW.plus(Duration.ofDays(1)));

            Request request = sf.requests().get(0);
            assertThat(request.param("start")).isEqualTo("2024-05-16T12:01:00+00:00");
            assertThat(request.param("end")).isEqualTo("2024-06-15T12:00:00+00:00");
        }

        @Test
        void getDeleted_onInvalidReplicationDate_continuesFromEarliestDateAvailable() {
            sf.on("GET", DATA + "/sobjects/Task/deleted/",
                    json(400, "[{\"errorCode\":\"INVALID_REPLICATION_DATE\",\"message\":\"startDate before purge\"}]"),
                    json(200, "{\"deletedRecords\":[],\"earliestDateAvailable\":\"2024-06-10T06:30:00.000+0000\","
                            + "\"latestDateCovered\":\"2024-06-15T12:00:00.000+0000\"}"),
                    json(200, "{\"deletedRecords\":[{\"id\":\"00T000000000001AAA\","
                            + "\"deletedDate\":\"2024-06-11T10:00:00.000+0000\"}],"
                            + "\"earliestDateAvailable\":\"2024-06-10T06:30:00.000+0000\","
                            + "\"latestDateCovered\":\"2024-06-15T11:59:00.000+0000\"}"));

            DeletedRecords deleted = api.getDeleted(NOW.minus(Duration.ofDays(14)), NOW);

            List<Request> requests = sf.requests();
            assertThat(requests).hasSize(3);
            assertThat(requests.get(0).param("start")).isEqualTo("2024-06-01T12:00:00+00:00");
            assertThat(requests.get(1).param("start")).isEqualTo("2024-06-15T11:57:00+00:00");
            assertThat(requests.get(2).param("start")).isEqualTo("2024-06-10T06:30:00+00:00");
            assertThat(deleted.deletedRecords()).extracting(SalesforceApi.DeletedRecord::id)
                    .containsExactly("00T000000000001AAA");
            assertThat(deleted.earliestDateAvailable()).isEqualTo(Instant.parse("2024-06-10T06:30:00Z"));
            assertThat(deleted.latestDateCovered()).isEqualTo(Instant.parse("2024-06-15T11:59:00Z"));
        }

        @Test
        void getDeleted_invalidReplicationDateThatTheEarliestDateDoesNotExplain_isARequestException() {
            sf.on("GET", DATA + "/sobjects/Task/deleted/",
                    json(400, "[{\"errorCode\":\"INVALID_REPLICATION_DATE\",\"message\":\"bad\"}]"),
                    json(200, "{\"deletedRecords\":[],\"earliestDateAvailable\":\"2024-05-01T00:00:00.000+0000\","
                            + "\"latestDateCovered\":\"2024-06-15T12:00:00.000+0000\"}"));

            assertThatThrownBy(() -> api.getDeleted(NOW.minus(Duration.ofDays(3)), NOW))
                    .isInstanceOf(SalesforceRequestException.class);
            assertThat(sf.requests()).hasSize(2);
        }

        @Test
        void aWindowOfAMinuteOrLess_isNotSent_andCoversNothing() {
            DeletedRecords deleted = api.getDeleted(NOW.minusSeconds(50), NOW);
            UpdatedRecords updated = api.getUpdated(NOW.minusSeconds(60), NOW);

            assertThat(sf.requests()).isEmpty();
            assertThat(deleted.deletedRecords()).isEmpty();
            assertThat(deleted.latestDateCovered()).isEqualTo(Instant.parse("2024-06-15T11:59:00Z"));
            assertThat(updated.ids()).isEmpty();
            assertThat(updated.latestDateCovered()).isEqualTo(Instant.parse("2024-06-15T11:59:00Z"));
        }

        @Test
        void getUpdated_parsesTheReferenceAnswer() {
            sf.on("GET", DATA + "/sobjects/Task/updated/", reference(200, "rest-sobjects-updated-response.json"));

            UpdatedRecords updated = api.getUpdated(NOW.minus(Duration.ofHours(1)), NOW);

            assertThat(sf.requests().get(0).param("start")).isEqualTo("2024-06-15T11:00:00+00:00");
            assertThat(updated.ids()).hasSize(7).startsWith("003q000000KvQ1tAAF");
            assertThat(updated.latestDateCovered()).isEqualTo(Instant.parse("2015-08-19T08:17:00Z"));
        }
    }

    @Nested
    class StatusesAndUsage {

        static final String STATUSES = """
                {"totalSize":3,"done":true,"records":[
                 {"attributes":{"type":"TaskStatus"},"ApiName":"Open","IsClosed":false,"IsDefault":true},
                 {"attributes":{"type":"TaskStatus"},"ApiName":"Waiting","IsClosed":false,"IsDefault":false},
                 {"attributes":{"type":"TaskStatus"},"ApiName":"Done","IsClosed":true,"IsDefault":false}]}""";

        @Test
        void taskStatuses_areReadFromTheOrg_andCachedForAnHour() {
            sf.on("GET", DATA + "/query", json(200, STATUSES));

            TaskStatuses first = api.taskStatuses();
            TaskStatuses cached = api.taskStatuses();
            clock.advance(Duration.ofMinutes(61));
            api.taskStatuses();

            assertThat(sf.requests().get(0).param("q"))
                    .isEqualTo("SELECT ApiName, IsClosed, IsDefault FROM TaskStatus ORDER BY SortOrder");
            assertThat(first.values()).containsExactly(new TaskStatus("Open", false, true),
                    new TaskStatus("Waiting", false, false), new TaskStatus("Done", true, false));
            assertThat(first.defaultClosed()).isEqualTo("Done");
            assertThat(cached).isSameAs(first);
            assertThat(sf.requests()).hasSize(2);
        }

        @Test
        void taskStatusesWithoutAClosedValue_areARequestException() {
            sf.on("GET", DATA + "/query", json(200, """
                    {"totalSize":1,"done":true,"records":[{"ApiName":"Open","IsClosed":false,"IsDefault":true}]}"""));

            SalesforceRequestException e = catchThrowableOfType(api::taskStatuses, SalesforceRequestException.class);

            assertThat(e.errors()).extracting(SfError::statusCode).containsExactly("UNUSABLE_TASK_STATUSES");
        }

        @Test
        void lastUsage_isEmptyBeforeACall_thenReadFromSforceLimitInfo() {
            assertThat(api.lastUsage()).isEmpty();
            sf.on("GET", DATA + "/query", json(200, STATUSES)
                    .header("Sforce-Limit-Info", "per-app-api-usage=17/250(appName=sample), api-usage=18/5000"));

            api.taskStatuses();

            assertThat(api.lastUsage()).contains(new ApiUsage(18, 5000));
        }

        @Test
        void lastUsage_isAlsoTakenFromAFailedCall() {
            sf.onPrefix("GET", DATA + "/query",
                    json(403, "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")
                            .header("Sforce-Limit-Info", "api-usage=5001/5000"));

            assertThatThrownBy(api::taskStatuses).isInstanceOf(RequestLimitExceededException.class);
            assertThat(api.lastUsage()).contains(new ApiUsage(5001, 5000));
        }
    }
}
