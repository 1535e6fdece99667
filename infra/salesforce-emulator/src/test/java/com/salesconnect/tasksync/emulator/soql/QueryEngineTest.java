package com.salesconnect.tasksync.emulator.soql;

import com.salesconnect.tasksync.emulator.ids.SalesforceIds;
import com.salesconnect.tasksync.emulator.sobject.ApiRequestException;
import com.salesconnect.tasksync.emulator.sobject.ObjectSchema;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.emulator.sobject.TaskSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryEngineTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final ObjectSchema TASK = TaskSchema.task(TaskSchema.STANDARD_STATUSES);
    private static final String A = SalesforceIds.toCaseSafe("00T5g00000AAAAA");
    private static final String B = SalesforceIds.toCaseSafe("00T5g00000bbbbb");
    private static final String C = SalesforceIds.toCaseSafe("00T5g00000CcCcC");

    private static final List<SObjectRecord> ROWS = List.of(
            task(A, "Call Ada", "Not Started", "High", LocalDate.of(2026, 11, 24), "2026-11-24T09:00:00Z", false),
            task(B, "call bob", "Completed", "Normal", null, "2026-11-23T09:00:00Z", false),
            task(C, "Email 100% done_", "In Progress", "Low", LocalDate.of(2026, 11, 20), "2026-11-01T00:00:00Z",
                    true));

    private static SObjectRecord task(String id, String subject, String status, String priority, LocalDate due,
                                      String modstamp, boolean deleted) {
        Map<String, Object> v = new HashMap<>();
        TASK.fields().forEach(f -> v.put(f.name(), null));
        v.put("Id", id);
        v.put("Subject", subject);
        v.put("Status", status);
        v.put("IsClosed", status.equals("Completed"));
        v.put("Priority", priority);
        v.put("ActivityDate", due);
        v.put("SystemModstamp", Instant.parse(modstamp));
        v.put("IsDeleted", deleted);
        v.put("OwnerId", SalesforceIds.toCaseSafe("0055g00000OwNeR"));
        return new SObjectRecord("Task", v);
    }

    private static List<String> ids(String soql) {
        return new QueryEngine(TASK, NOW).run(SoqlParser.parse(soql), ROWS).rows().stream()
                .map(SObjectRecord::id).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT Id FROM Task | A,B,C",
            "SELECT Id FROM Task WHERE Subject = 'CALL ADA' | A",
            "SELECT Id FROM Task WHERE Subject != 'call ada' | B,C",
            "SELECT Id FROM Task WHERE Subject LIKE 'call%' | A,B",
            "SELECT Id FROM Task WHERE Subject LIKE '_all b_b' | B",
            "SELECT Id FROM Task WHERE Subject LIKE '%100\\% done\\_' | C",
            "SELECT Id FROM Task WHERE Subject LIKE '%1_0\\%%' | C",
            "SELECT Id FROM Task WHERE Status IN ('Completed', 'In Progress') | B,C",
            "SELECT Id FROM Task WHERE Status NOT IN ('Completed') | A,C",
            "SELECT Id FROM Task WHERE IsClosed = true | B",
            "SELECT Id FROM Task WHERE IsDeleted = false AND IsClosed = false | A",
            "SELECT Id FROM Task WHERE ActivityDate = null | B",
            "SELECT Id FROM Task WHERE ActivityDate != null | A,C",
            "SELECT Id FROM Task WHERE ActivityDate >= 2026-11-21 | A",
            "SELECT Id FROM Task WHERE ActivityDate < 2026-11-24 | C",
            "SELECT Id FROM Task WHERE SystemModstamp > 2026-11-23T09:00:00Z | A",
            "SELECT Id FROM Task WHERE SystemModstamp >= 2026-11-23T11:00:00+02:00 | A,B",
            "SELECT Id FROM Task WHERE ActivityDate = TODAY | A",
            "SELECT Id FROM Task WHERE ActivityDate = LAST_N_DAYS:4 | A,C",
            "SELECT Id FROM Task WHERE SystemModstamp = YESTERDAY | B",
            "SELECT Id FROM Task WHERE SystemModstamp < LAST_N_DAYS:2 | C",
            "SELECT Id FROM Task WHERE NOT Subject LIKE 'call%' | C",
            "SELECT Id FROM Task WHERE (Priority = 'High' OR Priority = 'Low') AND IsDeleted = false | A",
            "SELECT Id FROM Task WHERE NOT (Priority = 'High' OR Priority = 'Low') | B",
            "SELECT Id FROM Task WHERE Id = '00T5g00000AAAAA' | A",
            "SELECT Id FROM Task WHERE Id = '00t5g00000aaaaaEA5' | A",
            "SELECT Id FROM Task WHERE Id IN ('00T5g00000bbbbb', '00T5g00000CcCcCEAV') | B,C",
            "SELECT Id FROM Task WHERE OwnerId = '0055g00000OwNeR' | A,B,C",
            "SELECT Id FROM Task ORDER BY Subject | A,B,C",
            "SELECT Id FROM Task ORDER BY Subject DESC | C,B,A",
            "SELECT Id FROM Task ORDER BY ActivityDate | B,C,A",
            "SELECT Id FROM Task ORDER BY ActivityDate DESC | A,C,B",
            "SELECT Id FROM Task ORDER BY ActivityDate ASC NULLS LAST | C,A,B",
            "SELECT Id FROM Task ORDER BY IsClosed, SystemModstamp DESC | A,C,B",
            "SELECT Id FROM Task ORDER BY SystemModstamp LIMIT 2 | C,B",
            "SELECT Id FROM Task ORDER BY SystemModstamp LIMIT 2 OFFSET 2 | A"})
    void run_filtersOrdersAndLimitsLikeSoql(String soql, String expected) {
        List<String> names = ids(soql).stream().map(id -> id.equals(A) ? "A" : id.equals(B) ? "B" : "C").toList();
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertThat(names).containsExactlyElementsOf(want);
    }

    @Test
    void run_selectedFieldsComeInSelectOrderWithCanonicalNames() {
        QueryEngine.Result r = new QueryEngine(TASK, NOW).run(SoqlParser.parse("SELECT subject, ID FROM Task"), ROWS);
        assertThat(r.fields()).extracting(f -> f.name()).containsExactly("Subject", "Id");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT Foo FROM Task | INVALID_FIELD",
            "SELECT Id FROM Task WHERE Foo = 'x' | INVALID_FIELD",
            "SELECT Id FROM Task ORDER BY Foo | INVALID_FIELD",
            "SELECT Owner.Name FROM Task | INVALID_FIELD",
            "SELECT Id FROM Task WHERE Description = 'x' | INVALID_FIELD",
            "SELECT Id FROM Task ORDER BY Description | INVALID_FIELD",
            "SELECT Id, id FROM Task | MALFORMED_QUERY",
            "SELECT Id FROM Task WHERE ActivityDate = '2026-11-24' | INVALID_QUERY_FILTER_OPERATOR",
            "SELECT Id FROM Task WHERE SystemModstamp > 2026-11-24 | INVALID_QUERY_FILTER_OPERATOR",
            "SELECT Id FROM Task WHERE Subject = 5 | INVALID_QUERY_FILTER_OPERATOR",
            "SELECT Id FROM Task WHERE IsClosed = 'true' | INVALID_QUERY_FILTER_OPERATOR",
            "SELECT Id FROM Task WHERE IsClosed > false | INVALID_QUERY_FILTER_OPERATOR",
            "SELECT Id FROM Task WHERE Id = 'not-an-id' | INVALID_QUERY_FILTER_OPERATOR",
            "SELECT Id FROM Task WHERE OwnerId = '005' | INVALID_QUERY_FILTER_OPERATOR",
            "SELECT Id FROM Task WHERE ActivityDate LIKE '2026%' | INVALID_QUERY_FILTER_OPERATOR"})
    void run_refusesUnknownFieldsAndMistypedValues(String soql, String errorCode) {
        assertThatThrownBy(() -> ids(soql)).isInstanceOf(ApiRequestException.class)
                .satisfies(e -> assertThat(((ApiRequestException) e).errorCode()).isEqualTo(errorCode));
    }

    @Test
    void run_injectedSoqlInAValueMatchesNothing() {
        assertThat(ids("SELECT Id FROM Task WHERE Subject = 'Call Ada\\' OR Subject != \\''")).isEmpty();
    }

    @Test
    void idComparisons_followTheOrderOfOrderById_soKeysetPagingNeitherRepeatsNorSkipsARow() {
        List<String> ordered = ids("SELECT Id FROM Task ORDER BY Id");
        for (int i = 0; i < ordered.size(); i++) {
            List<String> after = ids("SELECT Id FROM Task WHERE Id > '" + ordered.get(i) + "' ORDER BY Id");
            assertThat(after).as("rows after %s", ordered.get(i)).isEqualTo(ordered.subList(i + 1, ordered.size()));
        }
    }
}
