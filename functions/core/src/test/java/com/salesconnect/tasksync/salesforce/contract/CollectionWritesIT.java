package com.salesconnect.tasksync.salesforce.contract;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.emulator.fault.FaultKind;
import com.salesconnect.tasksync.emulator.fault.FaultRule;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.salesforce.SfError;
import com.salesconnect.tasksync.salesforce.SfWrite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.salesconnect.tasksync.salesforce.contract.EmulatedSalesforce.DEMO;
import static org.assertj.core.api.Assertions.assertThat;

/** sObject Collections through the client: batching by 200, per-record results mapped back, per-record failures. */
@AwsEngineTest
class CollectionWritesIT {

    private static final String[] PRIORITIES = {"High", "Normal", "Low"};

    private final EmulatedSalesforce org;
    private final String userId = EmulatedSalesforce.uniqueUser();
    private final SalesforceApi api;

    CollectionWritesIT(AwsResources aws) {
        this.org = new EmulatedSalesforce(aws);
        this.api = org.connectedApi(userId, DEMO);
    }

    @AfterEach
    void stop() {
        org.close();
    }

    private Map<String, Object> fields(int i) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Subject", "Task " + i);
        f.put("Description", "Notes of task " + i);
        f.put("ActivityDate", LocalDate.of(2026, 12, 1).plusDays(i % 30));
        f.put("Priority", PRIORITIES[i % 3]);
        f.put("Status", i % 2 == 0 ? "Not Started" : "Completed");
        f.put("ReminderDateTime", Instant.parse("2026-12-01T08:00:00Z").plusSeconds(60L * i));
        f.put("IsReminderSet", true);
        f.put("TaskSubtype", "Call");
        f.put("OwnerId", org.sfUserId(DEMO));
        return f;
    }

    private static Map<String, SaveResult> byRef(List<SaveResult> results) {
        return results.stream().collect(Collectors.toMap(SaveResult::ref, Function.identity()));
    }

    @Test
    void create1000Tasks_costsAtMostFiveApiCalls_andEveryTaskExistsWithItsFields() {
        List<SfWrite> writes = IntStream.range(0, 1000).mapToObj(i -> new SfWrite("sc-" + i, null, fields(i))).toList();
        long before = org.apiCallsUsed();

        List<SaveResult> results = api.create(writes);

        assertThat(org.apiCallsUsed() - before).as("API calls by the emulator's counter").isLessThanOrEqualTo(5);
        assertThat(results).hasSize(1000).allMatch(SaveResult.Saved.class::isInstance);
        assertThat(results).extracting(SaveResult::ref).containsExactlyElementsOf(writes.stream().map(SfWrite::ref)
                .toList());
        assertThat(org.sf.org().tasks()).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            SaveResult.Saved saved = (SaveResult.Saved) results.get(i);
            SObjectRecord task = org.sf.org().task(saved.id()).orElseThrow();
            Map<String, Object> expected = fields(i);
            assertThat(task.string("Subject")).isEqualTo(expected.get("Subject"));
            assertThat(task.string("Description")).isEqualTo(expected.get("Description"));
            assertThat(task.date("ActivityDate")).isEqualTo(expected.get("ActivityDate"));
            assertThat(task.string("Priority")).isEqualTo(expected.get("Priority"));
            assertThat(task.string("Status")).isEqualTo(expected.get("Status"));
            assertThat(task.bool("IsClosed")).isEqualTo(i % 2 == 1);
            assertThat(task.instant("ReminderDateTime")).isEqualTo(expected.get("ReminderDateTime"));
            assertThat(task.bool("IsReminderSet")).isTrue();
            assertThat(task.string("TaskSubtype")).isEqualTo("Call");
            assertThat(task.string("OwnerId")).isEqualTo(org.sfUserId(DEMO));
        }
    }

    @Test
    void delete1000Tasks_isOneApiCall_andAnAlreadyDeletedOneIsEntityIsDeleted() {
        List<SaveResult> created = api.create(IntStream.range(0, 1000)
                .mapToObj(i -> new SfWrite("sc-" + i, null, fields(i))).toList());
        List<SalesforceId> ids = created.stream().map(r -> SalesforceId.of(((SaveResult.Saved) r).id())).toList();
        org.sf.org().deleteTask(DEMO, ids.get(700).value());
        long before = org.apiCallsUsed();

        List<SaveResult> deleted = api.delete(ids);

        assertThat(org.apiCallsUsed() - before).as("one composite request of five collection deletes")
                .isEqualTo(1);
        assertThat(deleted).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(deleted.get(i).ref()).isEqualTo(ids.get(i).value());
            if (i == 700) {
                assertThat(((SaveResult.Failed) deleted.get(i)).hasCode("ENTITY_IS_DELETED")).isTrue();
            } else {
                assertThat(deleted.get(i)).isEqualTo(new SaveResult.Saved(ids.get(i).value(), ids.get(i).value()));
            }
        }
        assertThat(org.sf.org().tasks()).allMatch(SObjectRecord::isDeleted);
    }

    @Test
    void mixedBatch_failedRecordsCarryStatusCodeAndField_andNoGoodRecordIsLost() {
        List<SfWrite> writes = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            Map<String, Object> f = fields(i);
            switch (i) {
                case 3 -> f.put("Subject", "S".repeat(256)); // sent raw: the mapper would have cut it
                case 201 -> f.put("Priority", "Urgent");
                case 449 -> f.put("Status", "Done");
                default -> { }
            }
            writes.add(new SfWrite("sc-" + i, null, f));
        }

        Map<String, SaveResult> results = byRef(api.create(writes));

        assertThat(results).hasSize(450);
        assertFailed(results.get("sc-3"), "STRING_TOO_LONG", "Subject");
        assertFailed(results.get("sc-201"), "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "Priority");
        assertFailed(results.get("sc-449"), "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "Status");
        List<String> good = writes.stream().map(SfWrite::ref)
                .filter(ref -> !List.of("sc-3", "sc-201", "sc-449").contains(ref)).toList();
        for (String ref : good) {
            assertThat(results.get(ref)).as(ref).isInstanceOf(SaveResult.Saved.class);
            SObjectRecord task = org.sf.org().task(((SaveResult.Saved) results.get(ref)).id()).orElseThrow();
            assertThat(task.string("Subject")).isEqualTo("Task " + ref.substring(3));
        }
        assertThat(org.sf.org().tasks()).hasSize(447);
    }

    private static void assertFailed(SaveResult result, String statusCode, String field) {
        assertThat(result).isInstanceOf(SaveResult.Failed.class);
        List<SfError> errors = ((SaveResult.Failed) result).errors();
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.statusCode()).isEqualTo(statusCode);
            assertThat(e.fields()).containsExactly(field);
            assertThat(e.message()).isNotBlank();
        });
    }

    @Test
    void updateAndDelete_ofADeletedTask_failThatRecordWithEntityIsDeleted_andTheOthersSucceed() {
        List<SaveResult> created = api.create(List.of(new SfWrite("a", null, fields(1)),
                new SfWrite("b", null, fields(2)), new SfWrite("c", null, fields(3))));
        String a = ((SaveResult.Saved) created.get(0)).id();
        String b = ((SaveResult.Saved) created.get(1)).id();
        String c = ((SaveResult.Saved) created.get(2)).id();
        org.sf.org().deleteTask(DEMO, b);

        List<SaveResult> updated = api.update(List.of(new SfWrite("a", a, Map.of("Subject", "Edited a")),
                new SfWrite("b", b, Map.of("Subject", "Edited b"))));
        List<SaveResult> deleted = api.delete(List.of(SalesforceId.of(b), SalesforceId.of(c)));

        assertThat(updated.get(0)).isEqualTo(new SaveResult.Saved("a", a));
        assertThat(updated.get(1)).isInstanceOf(SaveResult.Failed.class);
        assertThat(((SaveResult.Failed) updated.get(1)).hasCode("ENTITY_IS_DELETED")).isTrue();
        assertThat(deleted.get(0).ref()).isEqualTo(b);
        assertThat(((SaveResult.Failed) deleted.get(0)).hasCode("ENTITY_IS_DELETED")).isTrue();
        assertThat(deleted.get(1)).isEqualTo(new SaveResult.Saved(c, c));
        assertThat(org.sf.org().task(a).orElseThrow().string("Subject")).isEqualTo("Edited a");
        assertThat(org.sf.org().task(b).orElseThrow().string("Subject")).as("the deleted task is not edited")
                .isEqualTo("Task 2");
        assertThat(org.sf.org().task(c).orElseThrow().isDeleted()).isTrue();
    }

    @Test
    void lockedRows_areSentAgainAlone_withBoundedBackOff_andCreatedOnce() {
        List<SfWrite> writes = IntStream.range(0, 3).mapToObj(i -> new SfWrite("sc-" + i, null, fields(i))).toList();
        org.sf.faults().add(FaultRule.next(FaultKind.UNABLE_TO_LOCK_ROW, 1).matching("POST", "/composite/sobjects"));
        long before = org.apiCallsUsed();

        List<SaveResult> results = api.create(writes);

        assertThat(results).allMatch(SaveResult.Saved.class::isInstance);
        assertThat(org.sf.org().tasks()).hasSize(3);
        assertThat(org.apiCallsUsed() - before).isEqualTo(2);
        assertThat(org.sleeper.waits()).hasSize(1);
        assertThat(org.sleeper.waits().get(0)).isLessThanOrEqualTo(Duration.ofMillis(org.retry.ceilingMillis(1)));
    }

    @Test
    void rowsLockedOnEveryAttempt_stayFailedWithUnableToLockRow_afterTheRetryBound() {
        List<SfWrite> writes = IntStream.range(0, 2).mapToObj(i -> new SfWrite("sc-" + i, null, fields(i))).toList();
        org.sf.faults().add(FaultRule.next(FaultKind.UNABLE_TO_LOCK_ROW, 10).matching("POST", "/composite/sobjects"));
        long before = org.apiCallsUsed();

        List<SaveResult> results = api.create(writes);

        assertThat(results).allSatisfy(r -> assertThat(((SaveResult.Failed) r).hasCode("UNABLE_TO_LOCK_ROW")).isTrue());
        assertThat(org.sf.org().tasks()).isEmpty();
        assertThat(org.apiCallsUsed() - before).isEqualTo(org.retry.maxAttempts());
        assertThat(org.sleeper.waits()).hasSize(org.retry.maxAttempts() - 1);
        for (int i = 0; i < org.sleeper.waits().size(); i++) {
            assertThat(org.sleeper.waits().get(i))
                    .isLessThanOrEqualTo(Duration.ofMillis(org.retry.ceilingMillis(i + 1)));
        }
    }
}
