package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.metrics.MetricRecorder;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.metrics.SyncMetrics;
import com.salesconnect.tasksync.salesforce.ChangeEvent;
import com.salesconnect.tasksync.salesforce.ChangeEvent.ChangeType;
import com.salesconnect.tasksync.salesforce.ChangeOrigins;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static com.salesconnect.tasksync.testing.SyncFixture.BOB;
import static com.salesconnect.tasksync.testing.SyncFixture.BOB_SF;
import static org.assertj.core.api.Assertions.assertThat;

class ChangeEventSyncTest {

    private final SyncFixture fx = new SyncFixture();
    private final ChangeEventSync cdc = new ChangeEventSync(fx.stores, fx.orgs, fx.clock);

    @BeforeEach
    void aliceSyncs() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
    }

    private static ChangeEvent event(String orgId, ChangeType type, Instant committed, String origin,
                                     String ownerId, String... ids) {
        return new ChangeEvent(orgId, "0YL5g000000CdcEGAS", "ev-" + committed.toEpochMilli(), type, List.of(ids),
                false, List.of(), committed, 1L, "tx", 1L, origin, ALICE_SF, ownerId);
    }

    private ChangeEvent event(ChangeType type, SfTask version) {
        return event(FakeSalesforce.ORG_ID, type, version.systemModstamp(), "", null, version.id());
    }

    private Optional<ScTask> live(String sfId) {
        return fx.tasks.get(UserId.of(ALICE), TaskId.of(SalesforceIds.importedTaskId(sfId))).filter(t -> !t.deleted());
    }

    private TaskLink linkOf(String sfId) {
        return fx.links.get(UserId.of(ALICE), TaskId.of(SalesforceIds.importedTaskId(sfId))).orElseThrow();
    }

    private String importedTask(String subject) {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, subject);
        fx.clock.advance(Duration.ofSeconds(2));
        cdc.apply(event(ChangeType.CREATE, sf));
        assertThat(live(sf.id())).isPresent();
        return sf.id();
    }

    @Test
    void create_readsTheRecord_andImportsIt() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "Call Bob");

        ChangeEventResult r = cdc.apply(event(FakeSalesforce.ORG_ID, ChangeType.CREATE, sf.systemModstamp(), "",
                ALICE_SF, sf.id()));

        assertThat(r.applied()).isEqualTo(1);
        assertThat(live(sf.id()).orElseThrow().fields().subject()).isEqualTo("Call Bob");
    }

    /**
     * Routing by owner: a create owned by Bob (who syncs in the same org) goes to Bob's list only; an owner change from
     * Alice to Bob moves the task from her list to his.
     */
    @Test
    void eventsRouteByOwner_aCreateOfBobsGoesToBob_anOwnerChangeMovesTheTask() {
        fx.bobSyncs();
        SfTask bobs = fx.salesforce.userCreates(BOB_SF, "Bob's call");
        fx.clock.advance(Duration.ofSeconds(2));

        cdc.apply(event(FakeSalesforce.ORG_ID, ChangeType.CREATE, bobs.systemModstamp(), "", BOB_SF, bobs.id()));

        TaskId bobsImport = TaskId.of(SalesforceIds.importedTaskId(bobs.id()));
        assertThat(fx.tasks.get(UserId.of(BOB), bobsImport)).hasValueSatisfying(t -> assertThat(t.deleted()).isFalse());
        assertThat(fx.tasks.get(UserId.of(ALICE), bobsImport)).isEmpty();

        String alices = importedTask("Alice's call, given to Bob");
        fx.clock.advance(Duration.ofSeconds(5));
        SfTask given = fx.salesforce.userEdits(alices, Map.of("OwnerId", BOB_SF));

        cdc.apply(event(FakeSalesforce.ORG_ID, ChangeType.UPDATE, given.systemModstamp(), "", BOB_SF, alices));

        assertThat(live(alices)).isEmpty();
        assertThat(fx.tasks.get(UserId.of(BOB), TaskId.of(SalesforceIds.importedTaskId(alices))))
                .hasValueSatisfying(t -> assertThat(t.fields().subject()).isEqualTo("Alice's call, given to Bob"));
    }

    @Test
    void delete_readsTheRecordsInOneQuery_andLeavesTombstones() {
        String id = importedTask("Call Bob");
        String other = importedTask("Call Ann");
        fx.clock.advance(Duration.ofSeconds(5));
        SfTask deleted = fx.salesforce.userDeletes(id);
        fx.salesforce.userDeletes(other);
        fx.salesforce.resetCounts();

        ChangeEventResult r = cdc.apply(event(FakeSalesforce.ORG_ID, ChangeType.DELETE, deleted.systemModstamp(), "",
                null, id, other));

        assertThat(r.applied()).isEqualTo(2);
        assertThat(fx.salesforce.callCount()).isEqualTo(1);
        assertThat(live(other)).isEmpty();
        assertThat(live(id)).isEmpty();
        assertThat(fx.links.findBySfId(OrgId.of(FakeSalesforce.ORG_ID),
                SalesforceId.of(SalesforceIds.to18(id))).orElseThrow().state())
                .isEqualTo(LinkState.DELETED);
    }

    /**
     * A deletion applied for Salesforce died after the task's tombstone, before its link's (seed ca612d86580ae485 of
     * 0x5eedf00d). The tombstone's stream record finishes the link at once, so when the tombstone's 15 days are over
     * the pair is still known as deleted by Salesforce, never taken for a deletion a person made in Sales Connect: the
     * Salesforce task, undeleted meanwhile, is never deleted by the sync.
     */
    @Test
    void aDeletionCutShortAfterTheTasksTombstone_isFinishedByItsStreamRecord_andNeverPushedBack() {
        String id = importedTask("Call Bob");
        fx.pushStream();
        fx.clock.advance(Duration.ofSeconds(5));
        SfTask deleted = fx.salesforce.userDeletes(id);
        fx.links.faults.failNext("save"); // the invocation dies before the link's tombstone
        try {
            cdc.apply(event(ChangeType.DELETE, deleted));
        } catch (RuntimeException died) {
            // the platform would retry; the retry is lost here
        }
        assertThat(live(id)).isEmpty();

        assertThat(fx.pushStream()).isEmpty();

        TaskLink link = linkOf(id);
        assertThat(link.state()).isEqualTo(LinkState.DELETED);
        assertThat(link.deletedBy()).isEqualTo(Origin.SALESFORCE);
        fx.clock.advance(Duration.ofSeconds(5));
        fx.salesforce.undelete(id); // its event is lost
        fx.clock.advance(Duration.ofDays(16));
        fx.sweep(ALICE);
        fx.pushStream();
        fx.sweep(ALICE);
        assertThat(fx.salesforce.get(id).deleted()).isFalse();
    }

    /**
     * The stream may finish a removal's link before the removal itself gets to it: the deletion's own SystemModstamp,
     * which only the removal knows, still reaches the link (it decides whether a later version is an undelete).
     */
    @Test
    void aRemovalsLinkFinishedFirstByTheStream_stillGetsTheDeletionsSystemModstamp() {
        String id = importedTask("Call Bob");
        fx.pushStream();
        fx.clock.advance(Duration.ofSeconds(5));
        SfTask deleted = fx.salesforce.userDeletes(id);
        fx.clock.advance(Duration.ofSeconds(30)); // the deletion is seen a while after it was made
        fx.links.faults.beforeNext("save", fx::pushStream); // the stream runs between the two tombstones

        cdc.apply(event(ChangeType.DELETE, deleted));

        TaskLink link = linkOf(id);
        assertThat(link.state()).isEqualTo(LinkState.DELETED);
        assertThat(link.sfDeletedAt()).isEqualTo(deleted.systemModstamp());
        assertThat(link.deletedAt()).isEqualTo(fx.clock.instant());
    }

    /**
     * An undelete's restore died after the task's write, before its link's; the user turned sync off, so nothing
     * finished it; 16 days later (past a tombstone's 15) sync on again, and the Salesforce task changed within the
     * first sync's 24 hours: it is the restored task's, never imported as a second one (seed 7423de48e3f37e84 of
     * 0xabad1dea).
     */
    @Test
    void aRestoreCutShort_thenSyncOffPastTheTombstonesLife_isNotImportedAgainAsASecondTask() {
        ScTask mine = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("Call Bob"));
        fx.pushStream();
        String id = fx.sfIdOf(mine);
        fx.clock.advance(Duration.ofMinutes(1));
        SfTask deleted = fx.salesforce.userDeletes(id);
        cdc.apply(event(ChangeType.DELETE, deleted));
        fx.pushStream();
        assertThat(fx.tasks.live(ALICE)).isEmpty();
        fx.clock.advance(Duration.ofSeconds(10));
        SfTask undeleted = fx.salesforce.undelete(id);
        fx.tasks.faults.beforeNext("save", () -> fx.links.faults.failNext("save")); // dies after the task's write
        try {
            cdc.apply(event(ChangeType.UNDELETE, undeleted));
        } catch (RuntimeException died) {
            // Salesforce's retry comes once sync is off: ignored
        }
        fx.pushStream();
        fx.settingsService.disable(UserId.of(ALICE));

        fx.clock.advance(Duration.ofDays(16));
        fx.salesforce.userEdits(id, Map.of("Description", "edited while sync was off"));
        fx.clock.advance(Duration.ofMinutes(1));
        fx.enable(ALICE);
        fx.sweep(ALICE);
        fx.pushStream();
        fx.sweep(ALICE);

        assertThat(fx.tasks.live(ALICE)).singleElement().satisfies(t -> {
            assertThat(t.taskId()).isEqualTo(mine.taskId());
            assertThat(t.fields().notes()).isEqualTo("edited while sync was off");
        });
        assertThat(fx.salesforce.liveTasks()).hasSize(1);
    }

    @Test
    void deleteDeliveredTwice_orAfterALateUpdate_changesNothingMore() {
        String id = importedTask("Call Bob");
        fx.clock.advance(Duration.ofSeconds(5));
        SfTask edited = fx.salesforce.userEdits(id, Map.of("Subject", "Call Bob again"));
        fx.clock.advance(Duration.ofSeconds(5));
        SfTask deleted = fx.salesforce.userDeletes(id);

        cdc.apply(event(ChangeType.DELETE, deleted));
        ChangeEventResult dup = cdc.apply(event(ChangeType.DELETE, deleted));
        ChangeEventResult lateUpdate = cdc.apply(event(ChangeType.UPDATE, edited));

        assertThat(dup.applied()).isZero();
        assertThat(lateUpdate.applied()).isZero();
        assertThat(live(id)).isEmpty();
    }

    @Test
    void undelete_bringsTheTaskBack_andALateDeleteAfterIt_isIgnored() {
        String id = importedTask("Call Bob");
        fx.clock.advance(Duration.ofSeconds(5));
        SfTask deleted = fx.salesforce.userDeletes(id);
        fx.clock.advance(Duration.ofSeconds(5));
        SfTask undeleted = fx.salesforce.undelete(id);

        // Reordered: the undelete arrives first, then the deletion it undid.
        ChangeEventResult first = cdc.apply(event(ChangeType.UNDELETE, undeleted));
        ChangeEventResult late = cdc.apply(event(ChangeType.DELETE, deleted));

        assertThat(first.outcome()).isEqualTo(ChangeEventResult.Outcome.APPLIED);
        assertThat(late.applied()).isZero();
        assertThat(live(id)).isPresent();
    }

    /**
     * Found by the local e2e test (a person's edit, deletion and undelete in one second): the undelete shares the
     * SystemModstamp second of the version last applied, and was taken for a duplicate of it, so the task stayed
     * away until a sweep (hourly while events flow).
     */
    @Test
    void undeleteInTheSecondOfTheLastEditAndTheDeletion_bringsTheTaskBack() {
        fx.salesforce.sameSecondStamps(true);
        String id = importedTask("Call Bob");
        fx.clock.set(fx.clock.instant().plus(Duration.ofMinutes(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .plusMillis(100));
        cdc.apply(event(ChangeType.UPDATE, fx.salesforce.userEdits(id, Map.of("Subject", "edited"))));
        fx.clock.advance(Duration.ofMillis(100));
        cdc.apply(event(ChangeType.DELETE, fx.salesforce.userDeletes(id)));
        assertThat(live(id)).isEmpty();
        fx.clock.advance(Duration.ofMillis(100));

        ChangeEventResult r = cdc.apply(event(ChangeType.UNDELETE, fx.salesforce.undelete(id)));

        assertThat(r.applied()).isEqualTo(1);
        assertThat(live(id)).isPresent();
    }

    @Test
    void undeleteAfterTheDeletion_restoresTheTaskWithItsLink() {
        String id = importedTask("Call Bob");
        fx.clock.advance(Duration.ofSeconds(5));
        cdc.apply(event(ChangeType.DELETE, fx.salesforce.userDeletes(id)));
        fx.clock.advance(Duration.ofSeconds(5));

        ChangeEventResult r = cdc.apply(event(ChangeType.UNDELETE, fx.salesforce.undelete(id)));

        assertThat(r.applied()).isEqualTo(1);
        assertThat(live(id)).isPresent();
        assertThat(fx.links.findBySfId(OrgId.of(FakeSalesforce.ORG_ID),
                SalesforceId.of(SalesforceIds.to18(id))).orElseThrow().state())
                .isEqualTo(LinkState.LINKED);
    }

    @Test
    void update_isApplied_aDuplicateAndAnOlderOneChangeNothing() {
        String id = importedTask("Call Bob");
        fx.clock.advance(Duration.ofSeconds(5));
        SfTask first = fx.salesforce.userEdits(id, Map.of("Subject", "first"));
        fx.clock.advance(Duration.ofSeconds(5));
        SfTask second = fx.salesforce.userEdits(id, Map.of("Subject", "second", "Status", "Completed"));

        cdc.apply(event(ChangeType.UPDATE, second));
        ChangeEventResult dup = cdc.apply(event(ChangeType.UPDATE, second));
        ChangeEventResult old = cdc.apply(event(ChangeType.UPDATE, first));

        assertThat(dup.applied()).isZero();
        assertThat(old.applied()).isZero();
        assertThat(live(id).orElseThrow().fields().subject()).isEqualTo("second");
        assertThat(live(id).orElseThrow().fields().completed()).isTrue();
    }

    @Test
    void ownChange_isAcknowledgedWithoutAnyCall() {
        String id = importedTask("Call Bob");
        fx.salesforce.resetCounts();

        ChangeEventResult r = cdc.apply(event(FakeSalesforce.ORG_ID, ChangeType.DELETE, fx.clock.instant(),
                "com/salesforce/api/rest/62.0;client=" + ChangeOrigins.CLIENT_ID, null, id));

        assertThat(r.outcome()).isEqualTo(ChangeEventResult.Outcome.OWN_CHANGE);
        assertThat(fx.salesforce.callCount()).isZero();
        assertThat(live(id)).isPresent();
    }

    @Test
    void eventOfAnOrgWithoutConnectedUser_isDroppedAndCounted() {
        String otherOrg = SalesforceIds.to18("00D5g00000NOONE");
        fx.salesforce.resetCounts();

        MetricRecorder metrics = new MetricRecorder();

        ChangeEventResult r = Metrics.with(metrics, () -> cdc.apply(event(otherOrg, ChangeType.DELETE,
                fx.clock.instant(), "", null, SalesforceIds.to18("00T5g00000TASK1"))));

        assertThat(r.outcome()).isEqualTo(ChangeEventResult.Outcome.NO_USER_IN_ORG);
        assertThat(cdc.droppedNoUser()).isEqualTo(1);
        assertThat(metrics.sum("ChangesIgnored", Map.of("Direction", SyncMetrics.Direction.TO_SALES_CONNECT.dimension(),
                "Reason", "NoUserInOrg"))).isEqualTo(1.0);
        assertThat(fx.salesforce.callCount()).isZero();
    }

    @Test
    void gapOverflow_marksTheOrgForFullPaceSweeps() {
        String id = importedTask("Call Bob");
        assertThat(fx.orgLimits.changeEvents(OrgId.of(FakeSalesforce.ORG_ID)).flowing(fx.clock.instant(),
                Duration.ofHours(1)))
                .isTrue();
        fx.clock.advance(Duration.ofSeconds(1));

        ChangeEventResult r = cdc.apply(event(FakeSalesforce.ORG_ID, ChangeType.GAP_OVERFLOW, fx.clock.instant(),
                "", null));

        assertThat(r.outcome()).isEqualTo(ChangeEventResult.Outcome.SWEEP);
        assertThat(fx.orgLimits.changeEvents(OrgId.of(FakeSalesforce.ORG_ID)).flowing(fx.clock.instant(),
                Duration.ofHours(1)))
                .isFalse();
        assertThat(live(id)).isPresent();
    }

    @Test
    void gapDelete_readsTheRecord_andAppliesTheDeletion() {
        String id = importedTask("Call Bob");
        fx.clock.advance(Duration.ofSeconds(5));
        SfTask deleted = fx.salesforce.userDeletes(id);

        ChangeEventResult r = cdc.apply(event(ChangeType.GAP_DELETE, deleted));

        assertThat(r.applied()).isEqualTo(1);
        assertThat(live(id)).isEmpty();
    }

    @Test
    void hardDeletedBeforeTheEventIsRead_leavesTheUsersList() {
        String id = importedTask("Call Bob");
        fx.clock.advance(Duration.ofSeconds(5));
        fx.salesforce.userDeletes(id);
        fx.salesforce.hardDeletes(id);

        cdc.apply(event(FakeSalesforce.ORG_ID, ChangeType.GAP_UPDATE, fx.clock.instant(), "", null, id));

        assertThat(live(id)).isEmpty();
    }

    @Test
    void lateDelete_afterAnUndeleteInSalesforceNotYetApplied_leavesTheTask() {
        String id = importedTask("Call Bob");
        fx.clock.advance(Duration.ofSeconds(5));
        SfTask deleted = fx.salesforce.userDeletes(id);
        fx.clock.advance(Duration.ofSeconds(5));
        fx.salesforce.undelete(id);

        // The deletion's event arrives after the undelete happened, before the undelete's event.
        cdc.apply(event(ChangeType.DELETE, deleted));

        assertThat(live(id)).as("never removed, not even for a moment").isPresent();
    }

    @Test
    void deleteOfATaskThatIsNotSynced_changesNothing() {
        SfTask other = fx.salesforce.userCreates(SalesforceIds.to18("0055g00000NOONE"), "not ours");
        fx.clock.advance(Duration.ofSeconds(5));

        ChangeEventResult r = cdc.apply(event(ChangeType.DELETE, fx.salesforce.userDeletes(other.id())));

        assertThat(r.applied()).isZero();
        assertThat(fx.tasks.all()).isEmpty();
    }
}
