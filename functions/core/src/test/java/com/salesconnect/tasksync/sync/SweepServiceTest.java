package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.ImportCursor;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.UserConfig;
import com.salesconnect.tasksync.store.UserConfigStore;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static com.salesconnect.tasksync.testing.SyncFixture.BOB_SF;
import static org.assertj.core.api.Assertions.assertThat;

class SweepServiceTest {

    private final SyncFixture fx = new SyncFixture();
    private final Instant enabledAt = SyncFixture.START;

    /** A Salesforce task last modified at {@code modified} (created then as well). */
    private SfTask seedModified(String owner, String subject, Instant modified, LocalDate due) {
        String id = fx.salesforce.newId();
        return fx.salesforce.seed(new SfTask(id, owner, subject, null, due, "Not Started", false, "Normal", null,
                false, "Task", null, null, modified, modified, modified, false));
    }

    private SyncSettings settings() {
        return fx.settings.get(UserId.of(ALICE)).orElseThrow();
    }

    // ---- fan-out ----

    /** {@code count} users, each connected as its own Salesforce user and enabled. */
    private void connectAndEnable(int count, String idFormat) {
        for (int i = 0; i < count; i++) {
            String user = idFormat.formatted(i);
            fx.connect(user, SalesforceIds.to18("0055g0000U%05d".formatted(i)));
            fx.enable(user);
        }
    }

    @Test
    void fanOut_handsEveryEnabledUserToThePublisherAtOnce_whichPacksAHundredACall() {
        connectAndEnable(125, "user-%03d");
        fx.settingsService.disable(UserId.of("user-007"));

        int count = fx.sweep.fanOut(enabledAt);

        assertThat(count).isEqualTo(124);
        List<String> all = new ArrayList<>();
        fx.events.sweepRequests().forEach(r -> {
            assertThat(r.scheduledAt()).isEqualTo(enabledAt);
            all.addAll(r.userIds());
        });
        // One publish of every user: the publisher packs them ten an event, ten events a PutEvents call
        // (EventBridgeSyncEventPublisherTest); split here into tens, each call would carry one event.
        assertThat(fx.events.sweepRequests()).extracting(r -> r.userIds().size()).containsExactly(124);
        assertThat(all).hasSize(124).doesNotHaveDuplicates().doesNotContain("user-007");
    }

    /**
     * The fan-out reads every page of enabled users before the first sweep is asked for, so its reads never wait
     * behind the user sweeps it starts (on moto, where each page is a walk of the whole table, those sweeps made
     * the 10,000-user fan-out's later pages time out).
     */
    @Test
    void fanOut_readsEveryPageOfEnabledUsers_beforeItPublishesTheFirstSweep() {
        connectAndEnable(1_001, "user-%04d");
        int before = fx.settings.faults.calls("enabledUsers");
        int[] pagesReadAtFirstPublish = {-1};
        fx.events.faults.beforeNext("sweepRequested",
                () -> pagesReadAtFirstPublish[0] = fx.settings.faults.calls("enabledUsers") - before);

        assertThat(fx.sweep.fanOut(enabledAt)).isEqualTo(1_001);

        assertThat(pagesReadAtFirstPublish[0]).isEqualTo(2);
        assertThat(fx.events.takeSweepRequests()).hasSize(1_001).doesNotHaveDuplicates();
    }

    @Test
    void fanOut_readsTheEnabledUsersInPagesOfAThousand_soTenThousandUsersCostTenPagesNotAHundred() {
        connectAndEnable(1_001, "user-%04d");
        int before = fx.settings.faults.calls("enabledUsers");

        assertThat(fx.sweep.fanOut(enabledAt)).isEqualTo(1_001);

        // Each page a Query of each index shard it spans (moto walks the whole table for each): few and large.
        assertThat(fx.settings.faults.calls("enabledUsers") - before).isEqualTo(2);
    }

    // ---- an import that dies between its writes ----

    /**
     * A sweep imports a Salesforce task whose message was lost and its invocation dies after the first of the
     * import's two writes (task and link), whichever store fails: the next sweeps finish the import; the task is
     * listed once and nothing deletes it in Salesforce. (The link written first would be a LINKED link without its
     * task, which reads as a deletion made in Sales Connect: the simulator's mutation 04-link-before-task, which it
     * catches only after thousands of schedules.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"task", "link"})
    void aSweepsImportThatDiesBetweenItsTwoWrites_isFinished_andDeletesNothing(String failingStore) {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        fx.clock.advance(Duration.ofMinutes(1));
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "made in Salesforce, its message lost");
        fx.clock.advance(Duration.ofMinutes(5));
        if (failingStore.equals("task")) {
            fx.tasks.faults.failNext("save");
        } else {
            fx.links.faults.failNext("saveClaimed");
        }
        try {
            fx.sweep(ALICE);
        } catch (RuntimeException e) {
            // the invocation died; the schedule's next tick sweeps again
        }

        for (int tick = 0; tick < 3; tick++) {
            fx.clock.advance(Duration.ofMinutes(5));
            fx.sweep(ALICE);
            fx.pushStream();
        }

        assertThat(fx.salesforce.get(sf.id()).deleted()).as("deleted in Salesforce").isFalse();
        String taskId = SalesforceIds.importedTaskId(sf.id());
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(taskId))).get()
                .satisfies(t -> assertThat(t.deleted()).as("deleted in Sales Connect").isFalse());
        assertThat(fx.links.get(UserId.of(ALICE), TaskId.of(taskId))).get()
                .satisfies(l -> assertThat(l.state()).isEqualTo(LinkState.LINKED));
    }

    // ---- first sync ----

    @Test
    void firstSync_importsOnlyTasksChangedInLast24Hours() {
        SfTask recent = seedModified(ALICE_SF, "changed 23h before", enabledAt.minus(Duration.ofHours(23)),
                LocalDate.of(2027, 1, 1));
        SfTask noDue = seedModified(ALICE_SF, "no due date", enabledAt.minus(Duration.ofHours(1)), null);
        SfTask pastDue = seedModified(ALICE_SF, "long overdue", enabledAt.minus(Duration.ofHours(2)),
                LocalDate.of(2025, 1, 1));
        seedModified(ALICE_SF, "changed 30h before", enabledAt.minus(Duration.ofHours(30)), null);
        seedModified(BOB_SF, "someone else's", enabledAt.minus(Duration.ofHours(1)), null);
        fx.aliceEnabled();

        SweepResult r = fx.sweep(ALICE);

        assertThat(r.kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);
        assertThat(fx.tasks.live(ALICE)).extracting(ScTask::taskId).containsExactlyInAnyOrder(
                SalesforceIds.importedTaskId(recent.id()), SalesforceIds.importedTaskId(noDue.id()),
                SalesforceIds.importedTaskId(pastDue.id()));
        assertThat(fx.tasks.live(ALICE)).allSatisfy(t -> assertThat(t.changeOrigin()).isEqualTo(Origin.SALESFORCE));
        FirstSync done = settings().firstSync();
        assertThat(done.state()).isEqualTo(FirstSyncState.DONE);
        assertThat(done.imported()).isEqualTo(3);
        assertThat(settings().watermark()).isEqualTo(enabledAt.minus(SweepService.OVERLAP));
        // The import is stored, and not pushed back.
        assertThat(fx.pushStream()).isEmpty();
        assertThat(fx.salesforce.writeCalls()).isZero();
    }

    @Test
    void firstSync_whenSalesforceAnswersInBatchesSmallerThanTheLimit_importsEveryTask() {
        for (int i = 0; i < 450; i++) {
            seedModified(ALICE_SF, "t" + i, enabledAt.minus(Duration.ofHours(20)).plusSeconds(i), null);
        }
        fx.salesforce.setPageSize(100);
        fx.aliceEnabled();

        assertThat(fx.sweep(ALICE).kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);

        assertThat(fx.tasks.live(ALICE)).hasSize(450);
        assertThat(settings().firstSync().imported()).isEqualTo(450);
    }

    /**
     * Issue 12: the pending-create lookup read every pending create of the user for each imported row (a Query
     * whose cost grows with the user's links on some engines). One read per page of rows serves every row of it.
     */
    @Test
    void firstSync_readsTheUsersPendingCreatesOncePerPageOfRows_notOncePerRow() {
        for (int i = 0; i < 450; i++) {
            seedModified(ALICE_SF, "t" + i, enabledAt.minus(Duration.ofHours(20)).plusSeconds(i), null);
        }
        fx.salesforce.setPageSize(100);
        fx.aliceEnabled();

        assertThat(fx.sweep(ALICE).kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);

        assertThat(fx.tasks.live(ALICE)).hasSize(450);
        // five pages of rows, and once more for the sweep's check of interrupted creates (PendingPushRetry)
        assertThat(fx.links.faults.calls("sentCreates") + fx.links.faults.calls("pendingCreates")).isBetween(1, 6);
    }

    @Test
    void incremental_neverMovesTheWatermarkPastWhatSalesforceCovers_soALongTransactionIsNotMissed() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        fx.clock.advance(Duration.ofMinutes(5).plusSeconds(40));
        fx.salesforce.userCreates(ALICE_SF, "changed in the current minute");

        fx.sweep(ALICE);

        // getUpdated covers whole minutes only: a transaction begun in this minute may still commit rows stamped
        // earlier than the newest one seen.
        assertThat(settings().watermark()).isEqualTo(fx.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
    }

    @Test
    void firstSync_importsTheOccurrencesOfARecurringSeries_neverItsMaster() {
        Instant modified = enabledAt.minus(Duration.ofHours(2));
        SfTask master = fx.salesforce.seed(new SfTask(fx.salesforce.newId(), ALICE_SF, "Weekly review", null,
                LocalDate.of(2026, 3, 12), "Not Started", false, "Normal", null, false, "Task", null, null, modified,
                modified, modified, false, true, ALICE_SF));
        SfTask occurrence = seedModified(ALICE_SF, "Weekly review", modified, LocalDate.of(2026, 3, 12));
        fx.aliceEnabled();

        fx.sweep(ALICE);
        fx.deliverNotificationsFor(master.id());

        assertThat(fx.tasks.live(ALICE)).extracting(ScTask::taskId)
                .containsExactly(SalesforceIds.importedTaskId(occurrence.id()));
    }

    @Test
    void firstSync_resumesAfterCrashFromCursor() {
        for (int i = 0; i < 4_500; i++) {
            seedModified(ALICE_SF, "t" + i, enabledAt.minus(Duration.ofHours(20)).plusSeconds(i / 3), null);
        }
        fx.aliceEnabled();
        // The second page's query fails: the sweep stops after saving the first page.
        fx.salesforce.afterNext("query", () -> fx.salesforce.fail(FakeSalesforce.Failure.UNAVAILABLE, "query", 1));

        SweepResult crashed = fx.sweep(ALICE);

        assertThat(crashed.kind()).isEqualTo(SweepResult.Kind.INCOMPLETE);
        FirstSync progress = settings().firstSync();
        assertThat(progress.state()).isEqualTo(FirstSyncState.RUNNING);
        assertThat(progress.imported()).isEqualTo(FirstSyncRun.IMPORT_PAGE);
        assertThat(progress.cursor()).isNotNull();
        ImportCursor cursor = progress.cursor();
        fx.salesforce.resetCounts();

        SweepResult resumed = fx.sweep(ALICE);

        assertThat(resumed.kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);
        assertThat(fx.salesforce.calls("query").get(0).query())
                .isEqualTo(new TaskQuery.ImportPage(ALICE_SF, enabledAt.minus(Duration.ofHours(24)), cursor,
                        FirstSyncRun.IMPORT_PAGE));
        assertThat(settings().firstSync().imported()).isEqualTo(4_500);
        assertThat(fx.tasks.live(ALICE)).hasSize(4_500);
        assertThat(fx.links.all()).hasSize(4_500);
    }

    @Test
    void reEnable_removesTasksDeletedInSalesforceWhileOff_thoseBeyondTheRecycleBinToo() {
        fx.aliceEnabled();
        SfTask keep = fx.salesforce.userCreates(ALICE_SF, "keep");
        SfTask goes = fx.salesforce.userCreates(ALICE_SF, "deleted while sync was off");
        SfTask longAgo = fx.salesforce.userCreates(ALICE_SF, "deleted 20 days ago");
        fx.clock.advance(Duration.ofMinutes(1));
        fx.sweep(ALICE);
        assertThat(fx.tasks.live(ALICE)).hasSize(3);
        fx.settingsService.disable(UserId.of(ALICE));
        fx.salesforce.userDeletes(longAgo.id());
        fx.clock.advance(Duration.ofDays(20));
        fx.salesforce.userDeletes(goes.id());
        fx.clock.advance(Duration.ofDays(2));

        fx.enable(ALICE);
        SweepResult r = fx.sweep(ALICE);

        assertThat(r.kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);
        // Deleted 20 days ago, it is gone from Salesforce for good: the pair is settled as a deletion too.
        assertThat(fx.tasks.live(ALICE)).extracting(ScTask::taskId)
                .containsExactly(SalesforceIds.importedTaskId(keep.id()));
        ScTask removed = fx.tasks.get(UserId.of(ALICE), TaskId.of(SalesforceIds.importedTaskId(goes.id())))
                .orElseThrow();
        assertThat(removed.deleted()).isTrue();
        assertThat(removed.changeOrigin()).isEqualTo(Origin.SALESFORCE);
        assertThat(settings().firstSync().linksSettled()).isTrue();
        // One queryAll by id settles the three linked pairs.
        assertThat(fx.salesforce.calls("queryAll")).filteredOn(c -> c.query() instanceof TaskQuery.ByIds)
                .hasSize(1);
    }

    @Test
    void firstSync_afterEnablingForTheFirstTime_doesNotAskForDeletions() {
        fx.aliceEnabled();

        fx.sweep(ALICE);

        assertThat(fx.salesforce.calls("getDeleted")).isEmpty();
    }

    @Test
    void firstSync_stopsEarly_whenTheUserTurnsSyncOffMeanwhile_leavingProgressSaved() {
        for (int i = 0; i < 300; i++) {
            seedModified(ALICE_SF, "t" + i, enabledAt.minus(Duration.ofHours(2)).plusSeconds(i), null);
        }
        fx.aliceEnabled();
        fx.salesforce.afterNext("query", () -> fx.settingsService.disable(UserId.of(ALICE)));

        SweepResult r = fx.sweep(ALICE);

        assertThat(r.kind()).isEqualTo(SweepResult.Kind.STOPPED);
        assertThat(fx.salesforce.calls("query")).hasSize(1);
        assertThat(settings().enabled()).isFalse();
        assertThat(settings().firstSync().state()).isEqualTo(FirstSyncState.RUNNING);
    }

    @Test
    void firstSync_withABrokenConnection_failsWithAUserSafeError() {
        fx.aliceEnabled();
        fx.salesforce.fail(FakeSalesforce.Failure.CONNECTION_BROKEN, null, 1);

        SweepResult r = fx.sweep(ALICE);

        assertThat(r.kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_FAILED);
        FirstSync f = settings().firstSync();
        assertThat(f.state()).isEqualTo(FirstSyncState.FAILED);
        assertThat(f.error()).isEqualTo("Salesforce connection needs renewing");
        assertThat(fx.connections.get(UserId.of(ALICE)).orElseThrow().state()).isEqualTo(ConnectionState.BROKEN);
        assertThat(fx.settingsService.view(UserId.of(ALICE)).firstSync().error()).doesNotContain("invalid_grant");
    }

    // ---- incremental ----

    @Test
    void incremental_whenNothingChanged_readsChangesTheDeletionLogAndUpdatedIds_andWritesNothing() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        fx.clock.advance(Duration.ofMinutes(5));
        fx.salesforce.resetCounts();

        SweepResult r = fx.sweep(ALICE);

        assertThat(r.kind()).isEqualTo(SweepResult.Kind.INCREMENTAL);
        assertThat(fx.salesforce.calls()).extracting(FakeSalesforce.Call::operation)
                .as("the org has no prober, and the user, asked at its first sync whether it could be one, is not"
                        + " asked again this week")
                .containsExactly("getUpdated", "getDeleted", "queryAll");
        assertThat(fx.salesforce.calls().get(2).query()).isInstanceOf(TaskQuery.ChangedSince.class);
        assertThat(fx.salesforce.writeCalls()).isZero();
    }

    @Test
    void incremental_catchesEditsAndDeletionsWithoutOutboundMessages_andAdvancesTheWatermark() {
        fx.aliceEnabled();
        SfTask edited = fx.salesforce.userCreates(ALICE_SF, "edited");
        SfTask deleted = fx.salesforce.userCreates(ALICE_SF, "deleted");
        fx.clock.advance(Duration.ofMinutes(1));
        fx.sweep(ALICE);
        fx.clock.advance(Duration.ofMinutes(5));
        SfTask missed = fx.salesforce.userCreates(ALICE_SF, "message lost");
        fx.salesforce.userEdits(edited.id(), Map.of("Subject", "edited, no message"));
        SfTask tomb = fx.salesforce.userDeletes(deleted.id());

        SweepResult r = fx.sweep(ALICE);

        assertThat(r.kind()).isEqualTo(SweepResult.Kind.INCREMENTAL);
        assertThat(fx.tasks.live(ALICE)).extracting(t -> t.fields().subject())
                .containsExactlyInAnyOrder("edited, no message", "message lost");
        assertThat(fx.links.findBySfId(OrgId.of(FakeSalesforce.ORG_ID),
                SalesforceId.of(deleted.id())).orElseThrow().state())
                .isEqualTo(LinkState.DELETED);
        assertThat(settings().watermark()).isEqualTo(tomb.systemModstamp());
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(SalesforceIds.importedTaskId(missed.id())))).isPresent();
    }

    @Test
    void incremental_overlap_rereadsTheLastChanges_butAppliesNothingTwice() {
        fx.aliceEnabled();
        fx.salesforce.userCreates(ALICE_SF, "x");
        fx.clock.advance(Duration.ofMinutes(1));
        fx.sweep(ALICE);
        fx.sweep(ALICE);
        long version = fx.tasks.live(ALICE).get(0).version();
        fx.clock.advance(Duration.ofSeconds(30));

        SweepResult r = fx.sweep(ALICE);

        assertThat(r.changesApplied()).isZero();
        assertThat(fx.tasks.live(ALICE).get(0).version()).isEqualTo(version);
    }

    /**
     * Each new Salesforce task an incremental sweep imports asks for the user's pending creates twice (a create
     * recorded before its invocation died, then the echo of one whose link is not written yet): one read per page of
     * rows serves both checks of every row, as in the first sync and in outbound messages.
     */
    @Test
    void incremental_readsTheUsersPendingCreatesOncePerPageOfRows_notTwicePerNewTask() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        fx.clock.advance(Duration.ofMinutes(5));
        fx.salesforce.setPageSize(10);
        for (int i = 0; i < 20; i++) {
            fx.salesforce.userCreates(ALICE_SF, "missed by messages " + i);
        }
        int before = fx.links.faults.calls("sentCreates");

        SweepResult r = fx.sweep(ALICE);

        assertThat(r.kind()).isEqualTo(SweepResult.Kind.INCREMENTAL);
        assertThat(r.changesApplied()).isEqualTo(20);
        assertThat(fx.tasks.live(ALICE)).hasSize(20);
        assertThat(fx.links.faults.calls("sentCreates") - before).as("two pages of rows").isEqualTo(2);
    }

    /**
     * A sweep that imports a change moves both its watermark and its log checkpoints: one write of the settings
     * holds both (there is nothing to recheck between them), where two writes went.
     */
    @Test
    void incremental_thatAppliesAChange_savesItsWatermarkAndCheckpointsInOneWrite() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        fx.clock.advance(Duration.ofMinutes(5));
        SfTask missed = fx.salesforce.userCreates(ALICE_SF, "missed by messages");
        SyncSettings before = settings();
        int saves = fx.settings.faults.calls("save");

        SweepResult r = fx.sweep(ALICE);

        assertThat(r.changesApplied()).isEqualTo(1);
        assertThat(settings().watermark()).isEqualTo(missed.systemModstamp()).isNotEqualTo(before.watermark());
        assertThat(settings().sweep()).isNotEqualTo(before.sweep());
        assertThat(fx.settings.faults.calls("save") - saves).isEqualTo(1);
    }

    @Test
    void incremental_followsQueryPages() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        fx.salesforce.setPageSize(2);
        for (int i = 0; i < 5; i++) {
            fx.salesforce.userCreates(ALICE_SF, "t" + i);
        }

        fx.sweep(ALICE);

        assertThat(fx.tasks.live(ALICE)).hasSize(5);
        assertThat(fx.salesforce.calls("nextPage")).hasSize(2);
    }

    @Test
    void tombstone_blocksResurrectionBySweep_whileTheDeletionWaitsToBePushed() {
        fx.aliceEnabled();
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        fx.clock.advance(Duration.ofMinutes(1));
        fx.sweep(ALICE);
        String taskId = SalesforceIds.importedTaskId(sf.id());
        fx.salesforce.fail(FakeSalesforce.Failure.LIMIT_EXCEEDED, null, 1);
        fx.taskService.delete(UserId.of(ALICE), TaskId.of(taskId));
        fx.pushStream();
        fx.salesforce.userEdits(sf.id(), Map.of("Subject", "edited in Salesforce meanwhile"));
        fx.clock.advance(Duration.ofHours(2));

        fx.sweep(ALICE);

        assertThat(fx.tasks.live(ALICE)).isEmpty();
        assertThat(fx.salesforce.get(sf.id()).deleted()).isTrue();
        assertThat(fx.links.get(UserId.of(ALICE), TaskId.of(taskId)).orElseThrow().state())
                .isEqualTo(LinkState.DELETED);
        assertThat(fx.conflicts.all()).singleElement().extracting(Conflict::winner).isEqualTo(Origin.SALES_CONNECT);
        assertThat(fx.pendingPushes.all()).isEmpty();
    }

    // ---- pending pushes, skips ----

    @Test
    void sweep_retriesPendingPushes_fromTheTasksCurrentState() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        fx.salesforce.fail(FakeSalesforce.Failure.LIMIT_EXCEEDED, null, 1);
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("first"));
        fx.pushStream();
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(t.taskId()), TaskFields.todo("latest"));
        fx.tasks.takeStream(); // blocked: this change also waits as the same pending push
        assertThat(fx.pendingPushes.all()).hasSize(1);

        assertThat(fx.sweep(ALICE).kind()).isEqualTo(SweepResult.Kind.SKIPPED_ORG_BLOCKED);
        fx.clock.advance(Duration.ofHours(2));
        SweepResult r = fx.sweep(ALICE);

        assertThat(r.pushesRetried()).isEqualTo(1);
        assertThat(fx.salesforce.liveTasks()).singleElement().extracting(SfTask::subject).isEqualTo("latest");
        assertThat(fx.pendingPushes.all()).isEmpty();
    }

    @Test
    void pendingPushThatKeepsFailing_backsOff() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        fx.salesforce.fail(FakeSalesforce.Failure.REQUEST_REJECTED, "create", 2);
        fx.taskService.create(UserId.of(ALICE), TaskFields.todo("x"));
        fx.pushStream();
        PendingPush first = fx.pendingPushes.all().get(0);
        fx.clock.advance(Duration.ofMinutes(6));

        fx.sweep(ALICE);

        PendingPush second = fx.pendingPushes.all().get(0);
        assertThat(second.attempts()).isEqualTo(first.attempts() + 1);
        assertThat(second.nextAttemptAt()).isEqualTo(fx.clock.instant().plus(PendingPushRetry.backoff(2)));
        assertThat(PendingPushRetry.backoff(30)).isEqualTo(PendingPushRetry.MAX_BACKOFF);
    }

    @Test
    void sweep_skipsUsersWithSyncOff_orWithoutAWorkingConnection() {
        assertThat(fx.sweep("nobody").kind()).isEqualTo(SweepResult.Kind.SKIPPED_DISABLED);
        fx.aliceEnabled();
        fx.settingsService.disable(UserId.of(ALICE));
        assertThat(fx.sweep(ALICE).kind()).isEqualTo(SweepResult.Kind.SKIPPED_DISABLED);
        assertThat(fx.salesforce.callCount()).isZero();
    }

    // ---- reads ----

    @Test
    void aUsersSweep_readsItsPendingMarkersAhead_onceAndRightBeforeTheRetryReadsThem() {
        List<String> reads = new ArrayList<>();
        SyncStores s = fx.stores;
        SyncStores recorded = new SyncStores(s.tasks(), s.links(), s.settings(), s.connections(), s.pendingPushes(),
                s.conflicts(), s.notifications(), s.orgLimits(), s.orgProbes(), s.webhooks(), s.health(),
                s.userConfigs(), s.orgReadAhead(), s.taskLinkReads(),
                user -> reads.add("ahead " + user.value() + " after " + fx.pendingPushes.faults.calls("forUser")));
        SweepService sweep = new SweepService(recorded, fx.orgs, fx.events, fx.clock);
        fx.connect(ALICE, ALICE_SF);
        fx.enable(ALICE);
        fx.sweep(ALICE);
        int before = fx.pendingPushes.faults.calls("forUser");

        sweep.runForUser(UserId.of(ALICE));

        assertThat(reads).containsExactly("ahead " + ALICE + " after " + before);
        assertThat(fx.pendingPushes.faults.calls("forUser")).isEqualTo(before + 1);
    }

    /** fx's stores, whose settings and connections are read ahead by {@code readAhead} (and read as before). */
    private SweepService sweepReadingAheadWith(Consumer<List<UserId>> readAhead) {
        SyncStores s = fx.stores;
        UserConfigStore configs = s.userConfigs();
        UserConfigStore readingAhead = new UserConfigStore() {
            @Override
            public UserConfig get(UserId user) {
                return configs.get(user);
            }

            @Override
            public void readAhead(List<UserId> users) {
                readAhead.accept(users);
            }
        };
        SyncStores recorded = new SyncStores(s.tasks(), s.links(), s.settings(), s.connections(), s.pendingPushes(),
                s.conflicts(), s.notifications(), s.orgLimits(), s.orgProbes(), s.webhooks(), s.health(),
                readingAhead, s.orgReadAhead(), s.taskLinkReads(), s.pendingReadAhead());
        return new SweepService(recorded, fx.orgs, fx.events, fx.clock);
    }

    @Test
    void anEventsUsers_areReadAheadInOneRead_theFirstTenOfThem() {
        List<List<UserId>> readAheads = new ArrayList<>();
        SweepService sweep = sweepReadingAheadWith(users -> readAheads.add(List.copyOf(users)));
        List<UserId> twelve = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            twelve.add(UserId.of("user-" + i));
        }

        sweep.readAhead(twelve);
        sweep.readAhead(List.of(UserId.of(ALICE)));

        assertThat(readAheads).containsExactly(twelve.subList(0, SweepService.READ_AHEAD_USERS),
                List.of(UserId.of(ALICE)));
    }

    @Test
    void aFailedReadAhead_isOnlyLogged_andEachUserIsThenSweptOnItsOwnReads() {
        SweepService sweep = sweepReadingAheadWith(users -> {
            throw new StoreException("reading settings and connections from SyncTable failed", null);
        });
        fx.connect(ALICE, ALICE_SF);
        fx.enable(ALICE);

        sweep.readAhead(List.of(UserId.of(ALICE)));

        assertThat(sweep.runForUser(UserId.of(ALICE)).kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);
    }
}
