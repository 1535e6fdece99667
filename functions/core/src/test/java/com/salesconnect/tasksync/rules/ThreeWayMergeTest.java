package com.salesconnect.tasksync.rules;

import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.Priority;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskFields.Field;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ThreeWayMergeTest {

    private static final TaskFields BASE = TaskFields.todo("Call Bob").with(Field.NOTES, "n");
    private static final Instant T1 = Instant.parse("2026-03-10T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-10T10:05:00Z");

    @Test
    void merge_fieldChangedOnOneSideOnly_takesThatSide() {
        TaskFields sc = BASE.with(Field.SUBJECT, "Call Bob today");
        TaskFields sf = BASE.with(Field.DUE_DATE, LocalDate.of(2026, 3, 12));

        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, sc, sf, T2, T1);

        assertThat(r.merged()).isEqualTo(BASE.with(Field.SUBJECT, "Call Bob today")
                .with(Field.DUE_DATE, LocalDate.of(2026, 3, 12)));
        assertThat(r.conflicts()).isEmpty();
        assertThat(r.fromSalesforce()).containsExactly(Field.DUE_DATE);
        assertThat(r.fromSalesConnect()).containsExactly(Field.SUBJECT);
    }

    @Test
    void merge_sameFieldChangedOnBothSides_laterWins_tieGoesToSalesforce() {
        TaskFields sc = BASE.with(Field.SUBJECT, "from Sales Connect");
        TaskFields sf = BASE.with(Field.SUBJECT, "from Salesforce");

        ThreeWayMerge.Result scLater = ThreeWayMerge.merge(BASE, sc, sf, T2, T1);
        ThreeWayMerge.Result sfLater = ThreeWayMerge.merge(BASE, sc, sf, T1, T2);
        ThreeWayMerge.Result tie = ThreeWayMerge.merge(BASE, sc, sf, T1, T1);

        assertThat(scLater.merged().subject()).isEqualTo("from Sales Connect");
        assertThat(sfLater.merged().subject()).isEqualTo("from Salesforce");
        assertThat(tie.merged().subject()).isEqualTo("from Salesforce");
        assertThat(scLater.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo(Field.SUBJECT);
            assertThat(c.winner()).isEqualTo(Origin.SALES_CONNECT);
            assertThat(c.base()).isEqualTo("Call Bob");
        });
        assertThat(tie.conflicts()).singleElement().extracting(ThreeWayMerge.FieldConflict::winner)
                .isEqualTo(Origin.SALESFORCE);
    }

    @Test
    void merge_bothSidesChangedToTheSameValue_isNoConflict() {
        TaskFields both = BASE.with(Field.COMPLETED, true);

        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, both, both, T1, T2);

        assertThat(r.merged()).isEqualTo(both);
        assertThat(r.conflicts()).isEmpty();
        assertThat(r.fromSalesforce()).isEmpty();
    }

    @Test
    void merge_eachConflictingFieldIsRecorded_othersMergeQuietly() {
        TaskFields sc = BASE.with(Field.PRIORITY, Priority.HIGH).with(Field.NOTES, "sc notes");
        TaskFields sf = BASE.with(Field.PRIORITY, Priority.LOW).with(Field.NOTES, "sf notes")
                .with(Field.COMPLETED, true);

        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, sc, sf, T1, T2);

        assertThat(r.conflicts()).extracting(ThreeWayMerge.FieldConflict::field)
                .containsExactlyInAnyOrder(Field.PRIORITY, Field.NOTES);
        assertThat(r.merged().completed()).isTrue();
    }

    @Test
    void merge_unknownSalesforceModificationTime_goesToSalesforce() {
        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, BASE.with(Field.SUBJECT, "a"),
                BASE.with(Field.SUBJECT, "b"), T2, null);
        assertThat(r.merged().subject()).isEqualTo("b");
    }
}
