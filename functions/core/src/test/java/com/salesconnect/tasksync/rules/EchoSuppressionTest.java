package com.salesconnect.tasksync.rules;

import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EchoSuppressionTest {

    private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");

    @Test
    void echo_taskWrittenOnBehalfOfSalesforce_isNeverPushed() {
        ScTask fromSf = new ScTask("u", "t", TaskFields.todo("x"), NOW, NOW, 1, Origin.SALESFORCE, null, null);
        ScTask fromUser = new ScTask("u", "t", TaskFields.todo("x"), NOW, NOW, 1, Origin.SALES_CONNECT, null, null);

        assertThat(EchoSuppression.cameFromSalesforce(fromSf)).isTrue();
        assertThat(EchoSuppression.cameFromSalesforce(fromUser)).isFalse();
    }

    @Test
    void echo_incomingVersionEqualToTheBase_changesNothing() {
        TaskFields base = TaskFields.todo("x");
        TaskLink link = new TaskLink("u", "t", "org", null, "00T5g0000000001AAA", LinkState.LINKED, base, NOW, null, null,
                null, null, 1);

        assertThat(EchoSuppression.changesNothing(TaskFields.todo("x"), link)).isTrue();
        assertThat(EchoSuppression.changesNothing(TaskFields.todo("y"), link)).isFalse();
    }
}
