package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.SfError;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.Priority;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskFields.Field;
import com.salesconnect.tasksync.task.TaskStatus;
import com.salesconnect.tasksync.task.TaskStatuses;
import com.salesconnect.tasksync.task.TaskType;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static com.salesconnect.tasksync.testing.SyncFixture.BOB;
import static com.salesconnect.tasksync.testing.SyncFixture.BOB_SF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundSyncTest {

    private final SyncFixture fx = new SyncFixture();

    @BeforeEach
    void aliceSyncsSinceStart() {
        fx.aliceEnabled();
    }

    private ScTask create(String subject) {
        return fx.taskService.create(UserId.of(ALICE), TaskFields.todo(subject));
    }

    private TaskLink link(String taskId) {
        return fx.links.get(UserId.of(ALICE), TaskId.of(taskId)).orElseThrow();
    }

    private SfTask sfTaskOf(String taskId) {
        return fx.salesforce.get(link(taskId).sfId());
    }

    @Test
    void create_pushesANewTask_ownedByTheConnectedUser_andLinksIt() {
        ScTask t = fx.taskService.create(UserId.of(ALICE),
                new TaskFields("Call Bob", "coffee", LocalDate.of(2026, 3, 11), false,
                Priority.HIGH, null, TaskType.CALL, null, null));

        List<String> retry = fx.pushStream();

        assertThat(retry).isEmpty();
        SfTask sf = sfTaskOf(t.taskId());
        assertThat(sf.ownerId()).isEqualTo(ALICE_SF);
        assertThat(sf.subject()).isEqualTo("Call Bob");
        assertThat(sf.description()).isEqualTo("coffee");
        assertThat(sf.activityDate()).isEqualTo(LocalDate.of(2026, 3, 11));
        assertThat(sf.priority()).isEqualTo("High");
        assertThat(sf.taskSubtype()).isEqualTo("Call");
        assertThat(sf.status()).isEqualTo("Not Started");
        TaskLink link = link(t.taskId());
        assertThat(link.state()).isEqualTo(LinkState.LINKED);
        assertThat(link.base()).isEqualTo(t.fields());
    }

    @Test
    void noBackfill_taskCreatedBeforeEnabling_isNeverPushed_evenWhenEditedLater() {
        Instant beforeEnabling = SyncFixture.START.minus(Duration.ofDays(3));
        fx.tasks.seed(new ScTask(ALICE, "old-task", TaskFields.todo("old"), beforeEnabling, beforeEnabling, 1,
                Origin.SALES_CONNECT, null, null));

        fx.taskService.edit(UserId.of(ALICE), TaskId.of("old-task"), TaskFields.todo("old, edited"));
        fx.pushStream();
        fx.taskService.complete(UserId.of(ALICE), TaskId.of("old-task"));
        fx.pushStream();
        fx.taskService.delete(UserId.of(ALICE), TaskId.of("old-task"));
        fx.pushStream();

        assertThat(fx.salesforce.writeCalls()).isZero();
        assertThat(fx.salesforce.liveTasks()).isEmpty();
        assertThat(fx.links.all()).isEmpty();
    }

    @Test
    void noBackfill_taskCreatedWhileSyncWasOff_isNotPushed_afterReEnabling() {
        fx.settingsService.disable(UserId.of(ALICE));
        fx.clock.advance(Duration.ofHours(1));
        ScTask whileOff = create("while off");
        fx.pushStream();
        fx.clock.advance(Duration.ofHours(1));
        fx.enable(ALICE);

        fx.taskService.edit(UserId.of(ALICE), TaskId.of(whileOff.taskId()),
                TaskFields.todo("edited after re-enabling"));
        fx.pushStream();

        assertThat(fx.salesforce.liveTasks()).isEmpty();
    }

    @Test
    void syncOff_nothingIsPushed() {
        fx.settingsService.disable(UserId.of(ALICE));
        create("while off");

        assertThat(fx.pushStream()).isEmpty();
        assertThat(fx.salesforce.callCount()).isZero();
    }

    @Test
    void echo_changeFromSalesforce_isNotPushedBack() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "from Salesforce");
        fx.deliverNotificationsFor(sf.id());
        fx.salesforce.resetCounts();

        List<String> retry = fx.pushStream();

        assertThat(retry).isEmpty();
        assertThat(fx.tasks.all()).singleElement().extracting(ScTask::changeOrigin).isEqualTo(Origin.SALESFORCE);
        assertThat(fx.salesforce.callCount()).isZero();
    }

    @Test
    void echo_changeFromSalesforce_isNotPushedBack_evenWhileItsLinkLagsBehind() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "from Salesforce");
        fx.deliverNotificationsFor(sf.id());
        fx.pushStream();
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sf.id(), Map.of("Subject", "edited in Salesforce"));
        // The Sales Connect write lands, the link write after it does not (a crash in between).
        fx.links.faults.failNext("save");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fx.deliverNotificationsFor(sf.id()))
                .isInstanceOf(RuntimeException.class);
        fx.salesforce.resetCounts();

        assertThat(fx.pushStream()).isEmpty();

        assertThat(fx.salesforce.callCount()).isZero();
    }

    @Test
    void ttlExpiry_removalsAreIgnored() {
        ScTask t = create("x");
        TaskChange expiry = new TaskChange("rec-ttl", ALICE, t.taskId(), t, null, true);
        fx.tasks.takeStream();

        assertThat(fx.outbound.process(List.of(expiry))).isEmpty();
        assertThat(fx.salesforce.callCount()).isZero();
    }

    @Test
    void completion_pushesTheOrgsClosedStatus_andReopenItsDefaultOpenStatus() {
        fx.salesforce.setStatuses(new TaskStatuses(List.of(new TaskStatus("Open", false, true),
                new TaskStatus("Done", true, false))));
        ScTask t = create("x");
        fx.pushStream();

        fx.taskService.complete(UserId.of(ALICE), TaskId.of(t.taskId()));
        fx.pushStream();
        String closed = sfTaskOf(t.taskId()).status();
        fx.taskService.reopen(UserId.of(ALICE), TaskId.of(t.taskId()));
        fx.pushStream();

        assertThat(closed).isEqualTo("Done");
        assertThat(sfTaskOf(t.taskId()).status()).isEqualTo("Open");
        assertThat(sfTaskOf(t.taskId()).isClosed()).isFalse();
    }

    @Test
    void update_sendsOnlyTheFieldsThatChanged_keepingConcurrentSalesforceEditsOfOtherFields() {
        ScTask t = create("x");
        fx.pushStream();
        String sfId = link(t.taskId()).sfId();
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sfId, Map.of("Description", "edited in Salesforce"));
        fx.clock.advance(Duration.ofMinutes(1));

        fx.taskService.edit(UserId.of(ALICE), TaskId.of(t.taskId()),
                t.fields().with(Field.DUE_DATE, LocalDate.of(2026, 4, 1)));
        fx.pushStream();

        SfTask sf = fx.salesforce.get(sfId);
        assertThat(sf.activityDate()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(sf.description()).isEqualTo("edited in Salesforce");
        // The Salesforce edit reached Sales Connect through the merge, written as a Salesforce change.
        ScTask sc = fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow();
        assertThat(sc.fields().notes()).isEqualTo("edited in Salesforce");
        assertThat(sc.changeOrigin()).isEqualTo(Origin.SALESFORCE);
        assertThat(fx.conflicts.all()).isEmpty();
    }

    @Test
    void update_whenSalesforceChangedTheSameField_laterWins_andTheConflictIsRecorded() {
        ScTask t = create("x");
        fx.pushStream();
        String sfId = link(t.taskId()).sfId();
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sfId, Map.of("Subject", "Salesforce subject"));
        fx.clock.advance(Duration.ofMinutes(1));
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(t.taskId()),
                t.fields().with(Field.SUBJECT, "Sales Connect subject"));

        fx.pushStream();

        assertThat(fx.salesforce.get(sfId).subject()).isEqualTo("Sales Connect subject");
        assertThat(fx.conflicts.all()).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo(Field.SUBJECT);
            assertThat(c.winner()).isEqualTo(Origin.SALES_CONNECT);
            assertThat(c.salesforceValue()).isEqualTo("Salesforce subject");
        });
    }

    @Test
    void redelivery_sameBatchTwice_makesNoExtraSalesforceWrite() {
        ScTask a = create("a");
        ScTask b = create("b");
        List<TaskChange> creates = fx.tasks.takeStream();
        fx.outbound.process(creates);
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(a.taskId()), TaskFields.todo("a2"));
        fx.taskService.delete(UserId.of(ALICE), TaskId.of(b.taskId()));
        List<TaskChange> edits = fx.tasks.takeStream();
        fx.outbound.process(edits);
        int written = fx.salesforce.recordsWritten();
        int calls = fx.salesforce.callCount();

        assertThat(fx.outbound.process(creates)).isEmpty();
        assertThat(fx.outbound.process(edits)).isEmpty();

        assertThat(fx.salesforce.recordsWritten()).isEqualTo(written);
        // Not even a read: the links show there is nothing left to push.
        assertThat(fx.salesforce.callCount()).isEqualTo(calls);
        assertThat(fx.salesforce.liveTasks()).singleElement().extracting(SfTask::subject).isEqualTo("a2");
    }

    @Test
    void severalChangesOfOneTaskInABatch_collapseIntoOnePushOfTheLatestState() {
        ScTask t = create("v1");
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(t.taskId()), TaskFields.todo("v2"));
        fx.taskService.complete(UserId.of(ALICE), TaskId.of(t.taskId()));

        fx.pushStream();

        assertThat(fx.salesforce.calls("create")).singleElement().extracting(FakeSalesforce.Call::records)
                .isEqualTo(1);
        assertThat(fx.salesforce.calls("update")).isEmpty();
        SfTask sf = fx.salesforce.liveTasks().get(0);
        assertThat(sf.subject()).isEqualTo("v2");
        assertThat(sf.isClosed()).isTrue();
    }

    @Test
    void creates_goInCollectionCallsOfAtMost200() {
        for (int i = 0; i < 250; i++) {
            create("task " + i);
        }

        fx.pushStream();

        assertThat(fx.salesforce.calls("create")).extracting(FakeSalesforce.Call::records).containsExactly(200, 50);
        assertThat(fx.salesforce.liveTasks()).hasSize(250);
    }

    @Test
    void creates_ofALaterChunkGoOut_beforeTheEarlierChunksLinksAreWritten() {
        // A burst's last chunk reaches Salesforce without waiting for the earlier chunks' link writes
        for (int i = 0; i < 250; i++) {
            create("task " + i);
        }
        List<Long> linkedAtTheSecondCall = new ArrayList<>();
        fx.salesforce.afterNext("create", () -> fx.salesforce.afterNext("create", () -> linkedAtTheSecondCall.add(
                fx.links.all().stream().filter(l -> l.state() == LinkState.LINKED).count())));

        fx.pushStream();

        assertThat(linkedAtTheSecondCall).containsExactly(0L);
        assertThat(fx.links.all()).hasSize(250).allSatisfy(l -> assertThat(l.state()).isEqualTo(LinkState.LINKED));
        assertThat(fx.salesforce.liveTasks()).hasSize(250);
    }

    @Test
    void withLittleTimeLeft_theChunksSentAreLinked_beforeTheNextCall() {
        // Near the end of the invocation a push does not keep every chunk's link writes for after its last call
        for (int i = 0; i < 450; i++) {
            create("task " + i);
        }
        AtomicBoolean late = new AtomicBoolean();
        Deadline deadline = () -> late.get() ? Duration.ofSeconds(19) : Duration.ofMinutes(2);
        List<Long> linkedAtEachCall = new ArrayList<>();
        Runnable count = () -> linkedAtEachCall.add(
                fx.links.all().stream().filter(l -> l.state() == LinkState.LINKED).count());
        fx.salesforce.afterNext("create", () -> {
            late.set(true);
            fx.salesforce.afterNext("create", () -> {
                count.run();
                fx.salesforce.afterNext("create", count);
            });
        });

        assertThat(fx.outbound.process(fx.tasks.takeStream(), deadline)).isEmpty();

        assertThat(linkedAtEachCall).containsExactly(200L, 400L);
        assertThat(fx.links.all()).hasSize(450).allSatisfy(l -> assertThat(l.state()).isEqualTo(LinkState.LINKED));
        assertThat(fx.salesforce.calls("create")).extracting(FakeSalesforce.Call::records)
                .containsExactly(200, 200, 50);
    }

    @Test
    void aLaterChunkRefused_theCreatesAlreadyMadeAreLinked_andTheRestGoLaterWithoutACopy() {
        for (int i = 0; i < 250; i++) {
            create("task " + i);
        }
        fx.salesforce.afterNext("create", () -> fx.salesforce.fail(FakeSalesforce.Failure.UNAVAILABLE, "create", 1));

        assertThat(fx.outbound.process(fx.tasks.takeStream())).isEmpty();

        assertThat(fx.salesforce.liveTasks()).hasSize(200);
        assertThat(fx.links.all()).hasSize(200).allSatisfy(l -> assertThat(l.state()).isEqualTo(LinkState.LINKED));
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).hasSize(50);
        fx.clock.advance(Duration.ofMinutes(2));
        fx.sweep(ALICE);

        assertThat(fx.salesforce.liveTasks()).hasSize(250);
        // the refused call (nothing made) and its retry
        assertThat(fx.salesforce.calls("create")).extracting(FakeSalesforce.Call::records)
                .containsExactly(200, 50, 50);
        assertThat(fx.links.all()).hasSize(250).allSatisfy(l -> assertThat(l.state()).isEqualTo(LinkState.LINKED));
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).isEmpty();
    }

    @Test
    void theInvocationDyingInALaterChunksCall_leavesTheEarlierCreatesToBeAdopted_neverMadeTwice() {
        for (int i = 0; i < 250; i++) {
            create("task " + i);
        }
        fx.salesforce.afterNext("create", () -> fx.salesforce.fail(FakeSalesforce.Failure.KILLED, "create", 1));
        List<TaskChange> batch = fx.tasks.takeStream();

        assertThatThrownBy(() -> fx.outbound.process(batch)).isInstanceOf(FakeSalesforce.InvocationKilled.class);
        assertThat(fx.salesforce.liveTasks()).hasSize(200);
        fx.clock.advance(OutboundSync.SAFETY_NET.plusMinutes(1));
        fx.outbound.process(batch);
        fx.sweep(ALICE);

        assertThat(fx.salesforce.liveTasks()).hasSize(250);
        assertThat(fx.salesforce.liveTasks()).extracting(SfTask::subject).doesNotHaveDuplicates();
        assertThat(fx.links.all()).hasSize(250).allSatisfy(l -> assertThat(l.state()).isEqualTo(LinkState.LINKED));
        assertThat(fx.links.all()).extracting(TaskLink::sfId).doesNotHaveDuplicates();
        assertThat(fx.tasks.live(ALICE)).hasSize(250);
    }

    @Test
    void delete_deletesInSalesforce_andLeavesALinkTombstone() {
        ScTask t = create("x");
        fx.pushStream();
        String sfId = link(t.taskId()).sfId();

        fx.taskService.delete(UserId.of(ALICE), TaskId.of(t.taskId()));
        fx.pushStream();

        assertThat(fx.salesforce.get(sfId).deleted()).isTrue();
        TaskLink tomb = link(t.taskId());
        assertThat(tomb.state()).isEqualTo(LinkState.DELETED);
        assertThat(tomb.deletedBy()).isEqualTo(Origin.SALES_CONNECT);
        assertThat(tomb.expiresAt()).isEqualTo(fx.clock.instant().plus(Duration.ofDays(15)));
    }

    @Test
    void delete_ofATaskGivenToAnotherOwnerMeanwhile_leavesTheirTaskAlone() {
        // Salesforce deletes by id whoever owns the task; the owner change was not seen yet (its message lost, or
        // sync off then): the user's deletion removes only their pair (seed 42de98c2f6d22275 of 0xfeedf00d).
        ScTask t = create("x");
        fx.pushStream();
        String sfId = link(t.taskId()).sfId();
        fx.salesforce.userEdits(sfId, Map.of("OwnerId", BOB_SF));

        fx.taskService.delete(UserId.of(ALICE), TaskId.of(t.taskId()));

        assertThat(fx.pushStream()).isEmpty();
        assertThat(fx.salesforce.get(sfId).deleted()).isFalse();
        assertThat(fx.salesforce.get(sfId).ownerId()).isEqualTo(BOB_SF);
        assertThat(fx.salesforce.calls("delete")).isEmpty();
        assertThat(link(t.taskId()).state()).isEqualTo(LinkState.DELETED);
        assertThat(fx.pushStream()).isEmpty();
    }

    /**
     * The task given back to the user in the very second the push found it gone to someone else: that version is
     * made after the one the push saw, so the task comes back to the user's list, as any task given back does
     * (seed 901b4cc51c94315b of 0x5eed2026).
     */
    @Test
    void delete_ofATaskGivenToAnotherOwner_thenGivenBackInTheSameSecond_bringsItBack() {
        fx.salesforce.sameSecondStamps(true);
        ScTask t = create("x");
        fx.pushStream();
        String sfId = link(t.taskId()).sfId();
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sfId, Map.of("OwnerId", BOB_SF));
        fx.clock.advance(Duration.ofMinutes(1));
        fx.taskService.delete(UserId.of(ALICE), TaskId.of(t.taskId()));
        fx.clock.set(fx.clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS)
                .plusMillis(800));
        fx.pushStream();
        fx.clock.advance(Duration.ofMillis(50));
        fx.salesforce.userEdits(sfId, Map.of("OwnerId", ALICE_SF));

        fx.deliverNotificationsFor(sfId);
        fx.clock.advance(Duration.ofMinutes(6));
        fx.sweep(ALICE);

        assertThat(fx.tasks.live(ALICE)).extracting(ScTask::taskId).containsExactly(t.taskId());
        assertThat(link(t.taskId()).state()).isEqualTo(LinkState.LINKED);
        assertThat(fx.salesforce.get(sfId).deleted()).isFalse();
    }

    @Test
    void anInvocationThatDiesDuringOneUsersCalls_hasStoredEveryOtherUsersIntentBefore() {
        // A batch's retries run out when every invocation dies on one org's calls: its other users' changes must
        // have their intents stored already (seed e214478f4163ba60 of 0xfeedf00d).
        fx.bobSyncs();
        create("Alice's, pushed first");
        ScTask bobs = fx.taskService.create(UserId.of(BOB), TaskFields.todo("Bob's, in the same batch"));
        fx.salesforce.fail(FakeSalesforce.Failure.KILLED, null, 1);

        assertThatThrownBy(fx::pushStream).isInstanceOf(FakeSalesforce.InvocationKilled.class);

        assertThat(fx.links.get(UserId.of(BOB), TaskId.of(bobs.taskId())))
                .hasValueSatisfying(l -> assertThat(l.state()).isEqualTo(LinkState.PENDING_CREATE));
    }

    @Test
    void delete_ofATaskAlreadyDeletedInSalesforce_countsAsDone() {
        ScTask t = create("x");
        fx.pushStream();
        fx.salesforce.userDeletes(link(t.taskId()).sfId());

        fx.taskService.delete(UserId.of(ALICE), TaskId.of(t.taskId()));

        assertThat(fx.pushStream()).isEmpty();
        assertThat(link(t.taskId()).state()).isEqualTo(LinkState.DELETED);
    }

    @Test
    void retriedCreate_afterALostResponse_adoptsTheTaskTheInterruptedCreateMade() {
        create("Call Bob");
        fx.salesforce.loseNextResponse("create");
        List<TaskChange> batch = fx.tasks.takeStream();

        assertThat(fx.outbound.process(batch)).isEmpty();
        assertThat(fx.links.all()).singleElement().extracting(TaskLink::state).isEqualTo(LinkState.PENDING_CREATE);
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).hasSize(1);
        fx.clock.advance(Duration.ofMinutes(2));
        fx.sweep(ALICE);

        assertThat(fx.salesforce.liveTasks()).hasSize(1);
        assertThat(fx.salesforce.calls("create")).hasSize(1);
        assertThat(fx.links.all()).singleElement().satisfies(l -> {
            assertThat(l.state()).isEqualTo(LinkState.LINKED);
            assertThat(l.sfId()).isEqualTo(fx.salesforce.liveTasks().get(0).id());
        });
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).isEmpty();
    }

    @Test
    void echoOfACreate_arrivingBeforeItsLinkIsSaved_adoptsThePendingLink_insteadOfImportingACopy() {
        create("Call Bob");
        fx.salesforce.afterNext("create", () -> fx.deliverNotificationsFor(fx.salesforce.liveTasks().get(0).id()));

        assertThat(fx.pushStream()).isEmpty();

        assertThat(fx.tasks.all()).hasSize(1);
        assertThat(fx.salesforce.liveTasks()).hasSize(1);
        assertThat(fx.links.all()).singleElement().extracting(TaskLink::state).isEqualTo(LinkState.LINKED);
    }

    @Test
    void editOfATaskDeletedInSalesforce_deletionWins_andTheSalesConnectTaskBecomesATombstone() {
        ScTask t = create("x");
        fx.pushStream();
        fx.salesforce.userDeletes(link(t.taskId()).sfId());
        fx.clock.advance(Duration.ofMinutes(1));

        fx.taskService.edit(UserId.of(ALICE), TaskId.of(t.taskId()),
                TaskFields.todo("edited after the Salesforce deletion"));
        assertThat(fx.pushStream()).isEmpty();

        ScTask tomb = fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow();
        assertThat(tomb.deleted()).isTrue();
        assertThat(tomb.changeOrigin()).isEqualTo(Origin.SALESFORCE);
        assertThat(link(t.taskId()).state()).isEqualTo(LinkState.DELETED);
        assertThat(fx.conflicts.all()).singleElement().satisfies(c -> {
            assertThat(c.field()).isNull();
            assertThat(c.winner()).isEqualTo(Origin.SALESFORCE);
        });
        assertThat(fx.salesforce.calls("update")).isEmpty();
        // The tombstone written on behalf of Salesforce is not pushed back.
        assertThat(fx.pushStream()).isEmpty();
        assertThat(fx.salesforce.calls("delete")).isEmpty();
    }

    @Test
    void entityIsDeletedOnUpdate_deletionWins() {
        ScTask t = create("x");
        fx.pushStream();
        String sfId = link(t.taskId()).sfId();
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(t.taskId()), TaskFields.todo("y"));
        // Deleted between the pre-update query and the update.
        fx.salesforce.afterNext("queryAll", () -> fx.salesforce.userDeletes(sfId));

        assertThat(fx.pushStream()).isEmpty();

        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow().deleted()).isTrue();
        assertThat(link(t.taskId()).state()).isEqualTo(LinkState.DELETED);
    }

    @Test
    void validationFailure_isRecordedWithItsField_notRetried_andSalesConnectKeepsItsData() {
        fx.salesforce.setPriorities(java.util.Set.of("Normal", "High"));
        ScTask t = create("x");
        fx.pushStream();

        fx.taskService.edit(UserId.of(ALICE), TaskId.of(t.taskId()), t.fields().with(Field.PRIORITY, Priority.LOW));
        List<String> retry = fx.pushStream();

        assertThat(retry).isEmpty();
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow().fields().priority())
                .isEqualTo(Priority.LOW);
        assertThat(sfTaskOf(t.taskId()).priority()).isEqualTo("Normal");
        assertThat(fx.conflicts.all()).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo(Field.PRIORITY);
            assertThat(c.reason()).contains("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        });
        assertThat(fx.pendingPushes.all()).isEmpty();
    }

    @Test
    void rejectedCreate_isRecorded_andNotRetried() {
        ScTask t = create("x");
        fx.salesforce.rejectRecord(t.taskId(), new SfError("FIELD_CUSTOM_VALIDATION_EXCEPTION",
                "Due date required", List.of("ActivityDate")), 1);

        assertThat(fx.pushStream()).isEmpty();

        assertThat(fx.salesforce.liveTasks()).isEmpty();
        assertThat(fx.conflicts.all()).singleElement().extracting(Conflict::field).isEqualTo(Field.DUE_DATE);
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId()))).isPresent();
        // The next edit tries again.
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(t.taskId()),
                t.fields().with(Field.DUE_DATE, LocalDate.of(2026, 3, 20)));
        fx.pushStream();
        assertThat(fx.salesforce.liveTasks()).singleElement().extracting(SfTask::activityDate)
                .isEqualTo(LocalDate.of(2026, 3, 20));
    }

    @Test
    void requestLimitExceeded_blocksTheOrg_andKeepsEveryAffectedTaskAsAPendingPush() {
        Instant reset = fx.clock.instant().plus(Duration.ofHours(3));
        fx.salesforce.setLimitRetryAfter(reset);
        fx.salesforce.fail(FakeSalesforce.Failure.LIMIT_EXCEEDED, null, 1);
        ScTask a = create("a");
        ScTask b = create("b");

        assertThat(fx.pushStream()).isEmpty();

        assertThat(fx.orgLimits.blockedUntil(OrgId.of(FakeSalesforce.ORG_ID))).contains(reset);
        assertThat(fx.pendingPushes.all()).extracting(PendingPush::taskId)
                .containsExactlyInAnyOrder(a.taskId(), b.taskId());
        assertThat(fx.pendingPushes.all()).allSatisfy(p -> assertThat(p.nextAttemptAt()).isEqualTo(reset));
        // While blocked, no call goes to the org.
        fx.salesforce.resetCounts();
        create("c");
        fx.pushStream();
        assertThat(fx.salesforce.callCount()).isZero();
        assertThat(fx.pendingPushes.all()).hasSize(3);
    }

    @Test
    void connectionBroken_marksTheConnectionBroken_andKeepsPendingPushes() {
        fx.salesforce.fail(FakeSalesforce.Failure.CONNECTION_BROKEN, null, 1);
        ScTask t = create("x");

        assertThat(fx.pushStream()).isEmpty();

        assertThat(fx.connections.get(UserId.of(ALICE)).orElseThrow().state()).isEqualTo(ConnectionState.BROKEN);
        assertThat(fx.connections.get(UserId.of(ALICE)).orElseThrow().brokenReason()).contains("connect again");
        assertThat(fx.pendingPushes.all()).singleElement().extracting(PendingPush::taskId).isEqualTo(t.taskId());
    }

    @Test
    void salesforceUnavailable_parksTheChangeAsAPendingPush_andAcknowledgesTheRecord() {
        fx.salesforce.fail(FakeSalesforce.Failure.UNAVAILABLE, null, 1);
        create("x");
        List<TaskChange> batch = fx.tasks.takeStream();

        assertThat(fx.outbound.process(batch)).isEmpty();
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).singleElement()
                .satisfies(p -> assertThat(p.lastError()).isEqualTo("Salesforce unavailable"));
        fx.clock.advance(Duration.ofMinutes(2));
        fx.sweep(ALICE);

        assertThat(fx.salesforce.liveTasks()).extracting(SfTask::subject).containsExactly("x");
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).isEmpty();
    }

    @Test
    void anOrgKnownToBeDown_isNotCalledAgain_itsChangesWaitAsPendingPushes() {
        fx.salesforce.fail(FakeSalesforce.Failure.UNAVAILABLE, null, 1);
        create("first");
        fx.pushStream();
        int calls = fx.salesforce.callCount();
        fx.clock.advance(Duration.ofSeconds(10));

        create("second");
        assertThat(fx.pushStream()).isEmpty();

        assertThat(fx.salesforce.callCount()).isEqualTo(calls);
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).hasSize(2);
    }

    /**
     * One batch holds the changes of users of two orgs, and the first org is down: its change waits as a pending push,
     * the other org's goes to Salesforce in the same invocation, and no record is returned for retry (a retry would
     * hold the shard's later records back behind an outage that is not theirs).
     */
    @Test
    void oneOrgDown_theOtherOrgsChangesInTheSameBatchGoThrough_andNothingIsRetried() {
        fx.sweep(ALICE);
        String bobElsewhere = SalesforceIds.to18("0055g00000BOBEL");
        fx.reconnect(BOB, fx.otherOrg, bobElsewhere);
        fx.enable(BOB);
        fx.sweep(BOB);
        fx.salesforce.failAlways(FakeSalesforce.Failure.UNAVAILABLE);
        create("Alice's, org A is down");
        fx.taskService.create(UserId.of(BOB), TaskFields.todo("Bob's, in org B"));
        List<TaskChange> batch = fx.tasks.takeStream();
        assertThat(batch).extracting(TaskChange::userId).containsExactly(ALICE, BOB);

        assertThat(fx.outbound.process(batch)).isEmpty();

        assertThat(fx.otherOrg.liveTasks()).extracting(SfTask::subject).containsExactly("Bob's, in org B");
        assertThat(fx.otherOrg.liveTasks()).singleElement()
                .satisfies(t -> assertThat(t.ownerId()).isEqualTo(bobElsewhere));
        assertThat(fx.salesforce.liveTasks()).isEmpty();
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).hasSize(1);
        assertThat(fx.pendingPushes.forUser(UserId.of(BOB))).isEmpty();
    }

    @Test
    void anInvocationThatDiesRightAfterSalesforceCommitted_losesNothing_theSweepFinishesTheCreateOnce() {
        create("x");
        dieRightAfterNext("create");
        List<TaskChange> batch = fx.tasks.takeStream();

        assertThatThrownBy(() -> fx.outbound.process(batch)).isInstanceOf(InvocationDied.class);
        // No stream retry (its retries ran out, the on-failure queue holds no data): the write-ahead is enough.
        fx.clock.advance(Duration.ofMinutes(16));
        fx.sweep(ALICE);

        assertThat(fx.salesforce.liveTasks()).extracting(SfTask::subject).containsExactly("x");
        assertThat(fx.links.all()).singleElement().extracting(TaskLink::state).isEqualTo(LinkState.LINKED);
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).isEmpty();
    }

    /**
     * The intents of a batch's edits are stored together before any Salesforce call; when that fails, each edit is
     * retried (none goes to Salesforce without its intent), and the retry pushes them all and removes the intents.
     */
    @Test
    void theIntentsOfABatchsEdits_areStoredTogether_whenThatFailsEachIsRetried_noneIsPushedWithoutOne() {
        ScTask a = create("a");
        ScTask b = create("b");
        fx.pushStream();
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(a.taskId()), TaskFields.todo("a, edited"));
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(b.taskId()), TaskFields.todo("b, edited"));
        int writes = fx.salesforce.writeCalls();
        fx.pendingPushes.faults.failNext("putIfAbsent");
        List<TaskChange> batch = fx.tasks.takeStream();

        assertThat(fx.outbound.process(batch)).hasSize(2);
        assertThat(fx.salesforce.writeCalls()).isEqualTo(writes);

        assertThat(fx.outbound.process(batch)).isEmpty();
        assertThat(fx.salesforce.liveTasks()).extracting(SfTask::subject)
                .containsExactlyInAnyOrder("a, edited", "b, edited");
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).isEmpty();
    }

    /**
     * Issue 12: a fresh create's write-ahead intent is its PENDING_CREATE link, written before any Salesforce call;
     * no pending push is written (and removed) for it, two DynamoDB writes fewer per created task.
     */
    @Test
    void aFreshCreate_writesNoPendingPush_itsPendingCreateLinkIsWrittenBeforeTheCall() {
        create("x");
        create("y");
        List<TaskLink> atTheCall = new ArrayList<>();
        fx.salesforce.afterNext("create", () -> atTheCall.addAll(fx.links.all()));

        assertThat(fx.outbound.process(fx.tasks.takeStream())).isEmpty();

        assertThat(fx.pendingPushes.faults.calls("putIfAbsent")).isZero();
        assertThat(fx.pendingPushes.faults.calls("put")).isZero();
        assertThat(atTheCall).hasSize(2).extracting(TaskLink::state).containsOnly(LinkState.PENDING_CREATE);
        assertThat(fx.links.all()).extracting(TaskLink::state).containsOnly(LinkState.LINKED);
    }

    /**
     * The creates' links are stored before the push's first Salesforce call, whichever phase makes it: here a
     * deletion's call, after which the invocation dies. No stream retry comes; the sweep makes the create once.
     */
    @Test
    void anInvocationThatDiesAtTheDeletionsCall_beforeTheCreates_losesNoCreate_theSweepMakesItOnce() {
        ScTask gone = create("gone");
        fx.pushStream();
        fx.taskService.delete(UserId.of(ALICE), TaskId.of(gone.taskId()));
        create("new");
        dieRightAfterNext("delete");
        List<TaskChange> batch = fx.tasks.takeStream();

        assertThatThrownBy(() -> fx.outbound.process(batch)).isInstanceOf(InvocationDied.class);
        fx.clock.advance(Duration.ofMinutes(16));
        fx.sweep(ALICE);

        assertThat(fx.salesforce.liveTasks()).extracting(SfTask::subject).containsExactly("new");
        assertThat(fx.salesforce.calls("create")).hasSize(2);
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).isEmpty();
    }

    /**
     * The stream's retry of a create whose invocation died after its link: the retry cannot know whether the
     * create is still running, so it defers it as a pending push (durable now); the sweep then makes it once.
     */
    @Test
    void aRetriedRecord_ofACreateWhoseInvocationDied_becomesAPendingPush_andTheSweepMakesTheCreateOnce() {
        create("x");
        List<TaskChange> batch = fx.tasks.takeStream();
        dieRightAfterNext("create");
        assertThatThrownBy(() -> fx.outbound.process(batch)).isInstanceOf(InvocationDied.class);

        assertThat(fx.outbound.process(batch)).isEmpty();
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).singleElement()
                .extracting(PendingPush::taskId).isEqualTo(batch.get(0).taskId());
        fx.clock.advance(Duration.ofMinutes(3));
        fx.sweep(ALICE);

        assertThat(fx.salesforce.liveTasks()).extracting(SfTask::subject).containsExactly("x");
        assertThat(fx.salesforce.calls("create")).hasSize(1);
        assertThat(link(batch.get(0).taskId()).state()).isEqualTo(LinkState.LINKED);
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).isEmpty();
    }

    /** The invocation ends right after the next call of {@code operation} (Salesforce has carried it out). */
    private void dieRightAfterNext(String operation) {
        fx.salesforce.afterNext(operation, () -> {
            throw new InvocationDied();
        });
    }

    /** Lambda ending an invocation: not an exception the code may catch. */
    private static final class InvocationDied extends Error {
    }

    @Test
    void outOfTime_returnsTheRecordsForRetry_andAfterTheRetrySucceeds_theSweepWritesNothingMore() {
        fx.salesforce.fail(FakeSalesforce.Failure.OUT_OF_TIME, null, 1);
        create("x");
        List<TaskChange> batch = fx.tasks.takeStream();
        assertThat(fx.outbound.process(batch)).containsExactly(batch.get(0).recordId());
        assertThat(fx.outbound.process(batch)).isEmpty();
        int writes = fx.salesforce.writeCalls();

        fx.clock.advance(java.time.Duration.ofMinutes(16));
        fx.sweep(ALICE);

        assertThat(fx.salesforce.writeCalls()).isEqualTo(writes);
        assertThat(fx.salesforce.liveTasks()).hasSize(1);
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).isEmpty();
    }

    @Test
    void tooLittleTimeLeft_noPushStarts_everyRecordIsReturnedForRetry() {
        create("x");
        List<TaskChange> batch = fx.tasks.takeStream();

        assertThat(fx.outbound.process(batch, () -> Duration.ofSeconds(3)))
                .containsExactly(batch.get(0).recordId());
        assertThat(fx.salesforce.callCount()).isZero();
    }

    @Test
    void aStoreFailure_returnsOnlyThatTasksRecordsForRetry() {
        create("a");
        create("b");
        List<TaskChange> batch = fx.tasks.takeStream();
        // Twice: the batch save of the PENDING_CREATE links fails, then "a"'s own save when tried alone.
        fx.links.faults.failNext("save", 2, () -> new com.salesconnect.tasksync.store.StoreException("injected failure of save"));

        List<String> retry = fx.outbound.process(batch);

        assertThat(retry).containsExactly(batch.get(0).recordId());
        assertThat(fx.outbound.process(batch)).isEmpty();
        assertThat(fx.salesforce.liveTasks()).extracting(SfTask::subject).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void longSubject_goesTruncated_theAdjustmentIsRecorded_andItsEchoChangesNothing() {
        String subject = "S".repeat(300);
        ScTask t = create(subject);
        fx.pushStream();
        SfTask sf = sfTaskOf(t.taskId());

        fx.deliverNotificationsFor(sf.id());

        assertThat(sf.subject()).hasSize(255);
        assertThat(sf.description()).isEqualTo(subject);
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow().fields().subject())
                .isEqualTo(subject);
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow().fields().notes()).isNull();
        assertThat(fx.conflicts.all()).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo(Field.SUBJECT);
            assertThat(c.reason()).contains("255");
        });
    }

    @Test
    void typeChangeAfterCreate_isNotSent_andRevertsWithAnAdjustment() {
        ScTask t = create("x");
        fx.pushStream();

        fx.taskService.edit(UserId.of(ALICE), TaskId.of(t.taskId()), t.fields().with(Field.TYPE, TaskType.CALL));
        fx.pushStream();

        assertThat(sfTaskOf(t.taskId()).taskSubtype()).isEqualTo("Task");
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow().fields().type())
                .isEqualTo(TaskType.TODO);
        assertThat(fx.conflicts.all()).singleElement().extracting(Conflict::field).isEqualTo(Field.TYPE);
        assertThat(fx.salesforce.calls("update")).isEmpty();
    }

    @Test
    void brokenConnection_beforeAnyCall_keepsPendingPushes_withoutCallingSalesforce() {
        var c = fx.connections.get(UserId.of(ALICE)).orElseThrow();
        fx.connections.save(new com.salesconnect.tasksync.settings.SalesforceConnection(c.userId(), c.orgId(),
                c.sfUserId(), c.instanceUrl(), c.encryptedRefreshToken(), ConnectionState.BROKEN, c.connectedAt(),
                "connect again", c.version()));
        create("x");

        assertThat(fx.pushStream()).isEmpty();

        assertThat(fx.salesforce.callCount()).isZero();
        assertThat(fx.pendingPushes.all()).hasSize(1);
    }

    @Test
    void aDeletedTaskWhoseCreateWasInterrupted_deletesWhatTheCreateMade() {
        ScTask t = create("Call Bob");
        fx.salesforce.loseNextResponse("create");
        fx.pushStream();
        fx.taskService.delete(UserId.of(ALICE), TaskId.of(t.taskId()));
        fx.clock.advance(Duration.ofMinutes(2));

        assertThat(fx.pushStream()).isEmpty();

        assertThat(fx.salesforce.liveTasks()).isEmpty();
        assertThat(link(t.taskId()).state()).isEqualTo(LinkState.DELETED);
    }
}
