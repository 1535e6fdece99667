package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.runtime.LogFields;
import com.salesconnect.tasksync.salesforce.ChangeEvent;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ids every log line carries as fields while the sync works for one user or one org (issue 13: an operator
 * filters a user's sweep or an org's messages by field, not by searching message text), and nothing left after.
 */
class WorkLogFieldsTest {

    private final SyncFixture fx = new SyncFixture();
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void aliceSyncs() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
    }

    /** The log lines {@code work} wrote (the tests' layout writes the fields as {@code {name=value, ...}}). */
    private static List<String> logOf(Runnable work) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Notes the given field as it is during the next Salesforce call of that operation. */
    private void noteDuring(String operation, String field) {
        fx.salesforce.afterNext(operation, () -> seen.add(field + "=" + MDC.get(field)));
    }

    @Test
    void aUsersSweep_carriesTheUsersId() {
        fx.clock.advance(Duration.ofMinutes(5));
        noteDuring("getUpdated", LogFields.USER_ID);

        fx.sweep(ALICE);

        assertThat(seen).containsExactly("userId=" + ALICE);
        assertThat(MDC.get(LogFields.USER_ID)).isNull();
    }

    @Test
    void anOutboundMessage_carriesItsOrgsId() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "Call Bob");
        noteDuring("queryAll", LogFields.ORG_ID); // a notification lacking its Status is read

        fx.deliver(fx.salesforce.message(fx.salesforce.notificationFor(sf.id(),
                Set.of("OwnerId", "SystemModstamp", "LastModifiedDate", "Subject"))));

        assertThat(seen).containsExactly("orgId=" + FakeSalesforce.ORG_ID);
        assertThat(MDC.get(LogFields.ORG_ID)).isNull();
    }

    @Test
    void aChangeEvent_carriesItsOrgsId() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "Call Bob");
        noteDuring("queryAll", LogFields.ORG_ID);

        new ChangeEventSync(fx.stores, fx.orgs, fx.clock).apply(new ChangeEvent(FakeSalesforce.ORG_ID,
                "0YL5g000000CdcEGAS", "ev-1", ChangeEvent.ChangeType.CREATE, List.of(sf.id()), false, List.of(),
                sf.systemModstamp(), 1L, "tx", 1L, "", ALICE_SF, ALICE_SF));

        assertThat(seen).containsExactly("orgId=" + FakeSalesforce.ORG_ID);
        assertThat(MDC.get(LogFields.ORG_ID)).isNull();
        assertThat(fx.orgLimits.changeEvents(OrgId.of(FakeSalesforce.ORG_ID)).lastEventAt()).isNotNull();
    }

    /**
     * Following a Salesforce change by its correlation id shows each delivery: the first one's outcome, then the
     * redelivered notification (skipped, applied before) under the same id.
     */
    @Test
    void aRedeliveredNotification_isLoggedUnderTheChangesCorrelationId() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "Call Bob");
        OutboundMessage message = fx.salesforce.messageFor(sf.id());
        String changeId = LogFields.sfChange(SalesforceIds.to18(sf.id()), sf.systemModstamp());

        List<String> lines = logOf(() -> {
            fx.deliver(message);
            fx.deliver(message);
        }).stream().filter(l -> l.contains("changeId=" + changeId)).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Salesforce change: result=IMPORTED"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("redelivered, applied before"));
    }

    /** A deferred change's retry by the sweep logs its outcome with the task's id (the end of the change's path). */
    @Test
    void aPendingPushsRetry_isLoggedWithItsTasksId() {
        ScTask task = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("Call Bob"));
        fx.salesforce.fail(FakeSalesforce.Failure.UNAVAILABLE, "create", 1);
        fx.pushStream();
        fx.clock.advance(Duration.ofMinutes(5));

        assertThat(logOf(() -> fx.sweep(ALICE)))
                .anySatisfy(l -> assertThat(l).contains("pending push retried: outcome=Done", "taskId=" + task.taskId(),
                        "userId=" + ALICE));
    }
}
