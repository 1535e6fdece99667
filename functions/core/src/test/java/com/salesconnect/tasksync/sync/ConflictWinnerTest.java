package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §3 "Conflicts": the later modification by a person wins, whatever the sync wrote meanwhile. */
class ConflictWinnerTest {

    private final SyncFixture fx = new SyncFixture();
    private ScTask task;
    private String sfId;

    @BeforeEach
    void aliceHasOneSyncedTask() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        task = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("subject"));
        fx.pushStream();
        sfId = fx.links.get(UserId.of(ALICE), TaskId.of(task.taskId())).orElseThrow().sfId();
    }

    @Test
    void anOlderUnpushedSalesConnectEdit_losesToALaterSalesforceEdit_evenAfterTheSyncWroteTheTask() {
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sfId, Map.of("Description", "notes from Salesforce"));
        OutboundMessage notesMessage = fx.salesforce.messageFor(sfId);
        fx.clock.advance(Duration.ofMinutes(1));
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(task.taskId()),
                TaskFields.todo("edited in Sales Connect first"));
        fx.salesforce.fail(FakeSalesforce.Failure.UNAVAILABLE, null, 5);
        fx.pushStream(); // Salesforce is down: the edit waits
        fx.salesforce.heal();
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sfId, Map.of("Subject", "edited in Salesforce later")); // its message is lost
        fx.clock.advance(Duration.ofMinutes(1));
        fx.deliver(notesMessage); // the sync writes the Sales Connect task now

        fx.clock.advance(Duration.ofMinutes(20));
        fx.sweep(ALICE);
        fx.pushStream();
        fx.sweep(ALICE);

        SfTask sf = fx.salesforce.get(sfId);
        ScTask sc = fx.tasks.get(UserId.of(ALICE), TaskId.of(task.taskId())).orElseThrow();
        assertThat(sf.subject()).isEqualTo("edited in Salesforce later");
        assertThat(sc.fields().subject()).isEqualTo("edited in Salesforce later");
        assertThat(sc.fields().notes()).isEqualTo("notes from Salesforce");
        assertThat(sf.description()).isEqualTo("notes from Salesforce");
        assertThat(fx.conflicts.all()).filteredOn(c -> c.field() == TaskFields.Field.SUBJECT)
                .isNotEmpty().allSatisfy(c -> assertThat(c.winner()).isEqualTo(Origin.SALESFORCE));
    }

    @Test
    void theSyncsOwnWrite_doesNotMoveTheTimeOfTheLastSalesConnectEdit() {
        fx.clock.advance(Duration.ofMinutes(1));
        ScTask edited = fx.taskService.edit(UserId.of(ALICE), TaskId.of(task.taskId()),
                TaskFields.todo("edited in Sales Connect"));
        fx.pushStream();
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sfId, Map.of("Description", "notes from Salesforce"));
        fx.deliverNotificationsFor(sfId);

        ScTask after = fx.tasks.get(UserId.of(ALICE), TaskId.of(task.taskId())).orElseThrow();
        assertThat(after.fields().notes()).isEqualTo("notes from Salesforce");
        assertThat(after.updatedAt()).isEqualTo(edited.updatedAt());
    }
}
