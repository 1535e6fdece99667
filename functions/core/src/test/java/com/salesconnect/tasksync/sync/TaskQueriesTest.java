package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.salesforce.Soql;
import com.salesconnect.tasksync.settings.ImportCursor;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TaskQueriesTest {

    private static final String OWNER = "0055g00000ALICEAAA";
    private static final Instant SINCE = Instant.parse("2026-03-09T09:00:00Z");

    @Test
    void everyShape_rendersBoundSoql_andIsRecognisedBack() {
        List<TaskQuery> queries = List.of(
                new TaskQuery.ByIds(List.of("00T5g0000000001AAA", "00T5g0000000002AAA")),
                new TaskQuery.ChangedSince(OWNER, SINCE),
                new TaskQuery.ImportPage(OWNER, SINCE, null, 200),
                new TaskQuery.ImportPage(OWNER, SINCE, new ImportCursor(SINCE.plusSeconds(5), "00T5g0000000009AAA"),
                        200),
                new TaskQuery.RecentCreates(OWNER, SINCE, SINCE.plusSeconds(120)));

        for (TaskQuery q : queries) {
            assertThat(TaskQueries.recognise(q.soql())).contains(q);
        }
    }

    @Test
    void sweepQuery_isOneQueryAllOfTheOwnersChanges_inModstampOrder() {
        TaskQuery q = new TaskQuery.ChangedSince(OWNER, SINCE);

        assertThat(q.includeDeleted()).isTrue();
        assertThat(q.soql().text()).endsWith("FROM Task WHERE OwnerId = '0055g00000ALICEAAA' AND SystemModstamp > "
                + "2026-03-09T09:00:00Z ORDER BY SystemModstamp, Id").contains("IsDeleted");
    }

    @Test
    void recentCreates_isTheTasksTheOwnerCreatedForThemselfInTheWindow_deletedOnesIncluded() {
        TaskQuery q = new TaskQuery.RecentCreates(OWNER, SINCE, SINCE.plusSeconds(120));

        assertThat(q.includeDeleted()).isTrue();
        assertThat(TaskQueries.recognise(q.soql())).contains(q);
        assertThat(q.soql().text()).endsWith("FROM Task WHERE OwnerId = '0055g00000ALICEAAA'"
                + " AND CreatedById = '0055g00000ALICEAAA' AND CreatedDate >= 2026-03-09T09:00:00Z"
                + " AND CreatedDate <= 2026-03-09T09:02:00Z ORDER BY CreatedDate, Id");
    }

    @Test
    void statementsThatAreNotOurs_areNotRecognised() {
        assertThat(TaskQueries.recognise(Soql.of("SELECT Id FROM Task"))).isEmpty();
        assertThat(TaskQueries.recognise(Soql.of(TaskQueries.CHANGED_SINCE.replace("Task", "Contact"),
                Map.of("owner", Soql.id(OWNER), "since", SINCE)))).isEmpty();
    }
}
