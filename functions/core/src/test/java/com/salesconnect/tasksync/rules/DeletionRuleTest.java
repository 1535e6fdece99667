package com.salesconnect.tasksync.rules;

import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.TaskFields;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeletionRuleTest {

    private static final TaskFields BASE = TaskFields.todo("x");

    @Test
    void deletionWins_overAConcurrentEdit_andIsReported() {
        assertThat(DeletionRule.judge(Origin.SALESFORCE, BASE.with(TaskFields.Field.SUBJECT, "edited"), BASE))
                .hasValueSatisfying(o -> {
                    assertThat(o.deletedBy()).isEqualTo(Origin.SALESFORCE);
                    assertThat(o.reason()).contains("deletion wins");
                });
        assertThat(DeletionRule.judge(Origin.SALES_CONNECT, BASE.with(TaskFields.Field.COMPLETED, true), BASE))
                .hasValueSatisfying(o -> assertThat(o.deletedBy()).isEqualTo(Origin.SALES_CONNECT));
    }

    @Test
    void deletionWithoutAConcurrentEdit_isNoConflict() {
        assertThat(DeletionRule.judge(Origin.SALESFORCE, BASE, BASE)).isEmpty();
        assertThat(DeletionRule.judge(Origin.SALESFORCE, null, BASE)).isEmpty();
    }
}
