package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static com.salesconnect.tasksync.testing.SyncFixture.BOB;
import static com.salesconnect.tasksync.testing.SyncFixture.BOB_SF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An import that dies after writing the Sales Connect task and before its link, when the Salesforce task then
 * changes owner: the redelivered message (or the sweep) names the new owner, so the old owner's copy must still be
 * found from the Salesforce id (the import claims the id before it writes anything else).
 */
class InterruptedImportTest {

    private static final String CAROL_SF = SalesforceIds.to18("0055g00000CAROL");

    private final SyncFixture fx = new SyncFixture();

    @BeforeEach
    void aliceSyncs() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
    }

    private SfTask importDiesBeforeItsLink(String subject) {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, subject);
        OutboundMessage msg = fx.salesforce.messageFor(sf.id());
        fx.links.faults.failNext("saveClaimedAll");
        assertThatThrownBy(() -> fx.deliver(msg)).isInstanceOf(RuntimeException.class);
        assertThat(fx.tasks.live(ALICE)).extracting(ScTask::taskId)
                .containsExactly(SalesforceIds.importedTaskId(sf.id()));
        fx.clock.advance(Duration.ofMinutes(1));
        return sf;
    }

    /** Found by the simulator (seed e7316d2d49b4aa7e under run --seed 1234): the retried message was lost. */
    @Test
    void ownerChangeToAUserWhoDoesNotSync_withTheMessageLost_theSweepRemovesTheHalfImportedTask() {
        fx.sweep(ALICE);
        SfTask sf = importDiesBeforeItsLink("given to Carol, message lost");
        fx.salesforce.userEdits(sf.id(), Map.of("OwnerId", CAROL_SF));
        fx.clock.advance(Duration.ofMinutes(6));

        fx.sweep(ALICE); // Alice's query no longer returns it; the ids updated since the last sweep do

        assertThat(fx.tasks.live(ALICE)).isEmpty();
        assertThat(fx.salesforce.get(sf.id()).deleted()).isFalse();
        assertThat(fx.salesforce.get(sf.id()).ownerId()).isEqualTo(CAROL_SF);
    }

    /**
     * The user completes the half-imported task; while the stream mends its link, a person's edit in Salesforce
     * brings the message that finishes the import (the claim's lease had run out). The mend then finds the link the
     * import just wrote, this task's own: it pushes the completion over it and never removes the task (seed
     * 7852ba2df7e1e4e3 of 0xfeedc0de).
     */
    @Test
    void mendRacingTheRetriedImport_findsTheTasksOwnLink_andPushesTheChangeOverIt() {
        SfTask sf = importDiesBeforeItsLink("completed in Sales Connect while the import finishes");
        TaskId taskId = TaskId.of(SalesforceIds.importedTaskId(sf.id()));
        fx.clock.advance(Duration.ofMinutes(20));
        fx.taskService.complete(UserId.of(ALICE), taskId);
        fx.links.faults.beforeNext("findBySfId", () -> {
            fx.salesforce.userEdits(sf.id(), Map.of("Priority", "High"));
            fx.deliverNotificationsFor(sf.id());
        });

        fx.pushStream();

        assertThat(fx.tasks.live(ALICE)).singleElement().satisfies(task -> {
            assertThat(task.taskId()).isEqualTo(taskId.value());
            assertThat(task.fields().completed()).isTrue();
        });
        // The completion reached Salesforce over the link the import's retry wrote, and the pair agrees.
        SfTask now = fx.salesforce.get(sf.id());
        assertThat(now.isClosed()).isTrue();
        assertThat(fx.tasks.live(ALICE).get(0).fields().priority().name()).isEqualToIgnoringCase(now.priority());
        assertThat(fx.links.get(UserId.of(ALICE), taskId))
                .hasValueSatisfying(link -> assertThat(link.state()).isEqualTo(LinkState.LINKED));
    }

    @Test
    void ownerChangeToAUserWhoDoesNotSync_removesTheHalfImportedTask_andLeavesSalesforceAlone() {
        SfTask sf = importDiesBeforeItsLink("given to Carol");
        fx.salesforce.userEdits(sf.id(), Map.of("OwnerId", CAROL_SF));

        fx.deliverNotificationsFor(sf.id()); // Salesforce's retry carries the task as it is now: Carol's
        fx.pushStream();

        assertThat(fx.tasks.live(ALICE)).isEmpty();
        SfTask now = fx.salesforce.get(sf.id());
        assertThat(now.deleted()).isFalse();
        assertThat(now.ownerId()).isEqualTo(CAROL_SF);
        assertThat(fx.links.get(UserId.of(ALICE), TaskId.of(SalesforceIds.importedTaskId(sf.id()))))
                .hasValueSatisfying(link -> assertThat(link.state()).isEqualTo(LinkState.DELETED));
    }

    @Test
    void ownerChangeToAUserWhoSyncs_movesTheTask_withOneCopy() {
        fx.bobSyncs();
        SfTask sf = importDiesBeforeItsLink("given to Bob");
        fx.salesforce.userEdits(sf.id(), Map.of("OwnerId", BOB_SF));

        fx.deliverNotificationsFor(sf.id());
        fx.pushStream();

        assertThat(fx.tasks.live(ALICE)).isEmpty();
        assertThat(fx.tasks.live(BOB)).extracting(ScTask::taskId)
                .containsExactly(SalesforceIds.importedTaskId(sf.id()));
        assertThat(fx.links.findBySfId(OrgId.of(fx.salesforce.orgId()), SalesforceId.of(SalesforceIds.to18(sf.id()))))
                .hasValueSatisfying(link -> assertThat(link.userId()).isEqualTo(BOB));
        assertThat(fx.salesforce.get(sf.id()).deleted()).isFalse();
    }

    @Test
    void deletionInSalesforceAfterTheInterruptedImport_removesTheTask() {
        SfTask sf = importDiesBeforeItsLink("deleted in Salesforce");
        fx.salesforce.hardDeletes(sf.id());
        fx.clock.advance(Duration.ofMinutes(6));

        fx.sweep(ALICE);

        assertThat(fx.tasks.live(ALICE)).isEmpty();
    }

    /**
     * The user edits the half-imported task after Salesforce deleted it: the push's mend of the link finds the
     * deletion and removes the task, and must remember the pair (a DELETED link), so an undelete made while sync is
     * off comes back at the re-enable's settling even past the first import's 24 hours (seed c10bb1a7e5b20661 of
     * 0xfeedf00d).
     */
    @Test
    void editAfterTheDeletionInSalesforce_remembersThePair_soALaterUndeleteComesBack() {
        SfTask sf = importDiesBeforeItsLink("deleted in Salesforce, then undeleted while sync was off");
        fx.salesforce.userDeletes(sf.id());
        fx.taskService.update(UserId.of(ALICE), TaskId.of(SalesforceIds.importedTaskId(sf.id())),
                f -> f.with(com.salesconnect.tasksync.task.TaskFields.Field.SUBJECT, "edited after the deletion"));
        fx.pushStream();
        assertThat(fx.tasks.live(ALICE)).isEmpty();
        assertThat(fx.links.get(UserId.of(ALICE), TaskId.of(SalesforceIds.importedTaskId(sf.id()))))
                .hasValueSatisfying(link -> assertThat(link.state()).isEqualTo(LinkState.DELETED));

        fx.settingsService.disable(UserId.of(ALICE));
        fx.clock.advance(Duration.ofMinutes(5));
        fx.salesforce.undelete(sf.id());
        fx.clock.advance(Duration.ofHours(25));
        fx.enable(ALICE);
        fx.sweep(ALICE);

        assertThat(fx.tasks.live(ALICE)).extracting(ScTask::taskId)
                .containsExactly(SalesforceIds.importedTaskId(sf.id()));
    }

    /**
     * The user deletes the half-imported task and turns sync off before the stream got to the deletion; Salesforce
     * retries the message while sync is off; the re-enable comes after the task's 15-day tombstone expired: the
     * deletion still reaches Salesforce (seeds 445fc6efa83573ce and 9d8cca19e9967ee4 of 0xfeedf00d).
     */
    @Test
    void deletedBeforeSyncWasTurnedOff_theRetriedMessageRemembersThePair_andTheReEnableDeletesIt() {
        SfTask sf = importDiesBeforeItsLink("deleted by the user, sync off before the stream ran");
        fx.taskService.delete(UserId.of(ALICE), TaskId.of(SalesforceIds.importedTaskId(sf.id())));
        fx.settingsService.disable(UserId.of(ALICE));
        fx.tasks.takeStream(); // processed after the disable: nothing is pushed while sync is off

        fx.deliverNotificationsFor(sf.id()); // Salesforce's retry of the message that failed
        fx.clock.advance(Duration.ofDays(16));
        fx.enable(ALICE);
        fx.sweep(ALICE);

        assertThat(fx.salesforce.get(sf.id()).deleted()).isTrue();
        assertThat(fx.tasks.live(ALICE)).isEmpty();
    }

    /**
     * The user deletes the half-imported task while the connection is broken; the stream can push nothing, and the
     * reconnect comes after the task's 15-day tombstone expired: the deletion still reaches Salesforce, and the
     * first sync after the reconnect brings nothing back (seed 2ccd4418a11bf6cb of 0xbadc0de5).
     */
    @Test
    void deletedWhileTheConnectionIsBroken_theDeletionOutlivesItsTombstone_andReachesSalesforceAfterReconnecting() {
        SfTask sf = importDiesBeforeItsLink("deleted by the user while the connection is broken");
        SalesforceConnection c = fx.connections.get(UserId.of(ALICE)).orElseThrow();
        fx.connections.save(new SalesforceConnection(c.userId(), c.orgId(), c.sfUserId(), c.instanceUrl(),
                c.encryptedRefreshToken(), ConnectionState.BROKEN, c.connectedAt(), "refused", c.version()));
        fx.taskService.delete(UserId.of(ALICE), TaskId.of(SalesforceIds.importedTaskId(sf.id())));
        fx.pushStream(); // the connection is broken: the deletion waits

        fx.clock.advance(Duration.ofDays(16));
        fx.deliverNotificationsFor(sf.id()); // Salesforce's retry of the message that failed
        fx.sweep(ALICE);
        fx.reconnect(ALICE, fx.salesforce, ALICE_SF);
        fx.sweep(ALICE);
        fx.sweep(ALICE);

        assertThat(fx.salesforce.get(sf.id()).deleted()).isTrue();
        assertThat(fx.tasks.live(ALICE)).isEmpty();
    }

    /**
     * Alice's task goes to Bob while her sync is off; Bob's import claims the id and dies before its link. Alice's
     * re-enable settles her link (the task left her): its tombstone gives the id up, since Bob's claim holds it,
     * rather than failing on the pointer at every sweep, so her first sync ends and imports her other tasks (seed
     * 27edabb9ba06a8c1 of 0xbadc0de5).
     */
    @Test
    void reEnableSettlingALinkWhoseIdAnotherUsersInterruptedImportClaimed_finishesItsFirstSync() {
        fx.bobSyncs();
        ScTask mine = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("made by Alice, given to Bob"));
        fx.pushStream();
        String sfId = fx.sfIdOf(mine);
        fx.settingsService.disable(UserId.of(ALICE));
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sfId, Map.of("OwnerId", BOB_SF));
        fx.links.faults.failNext("saveClaimedAll");
        assertThatThrownBy(() -> fx.deliverNotificationsFor(sfId)).isInstanceOf(RuntimeException.class);
        fx.clock.advance(Duration.ofMinutes(1));
        SfTask aliceNew = fx.salesforce.userCreates(ALICE_SF, "made in Salesforce for Alice");

        fx.enable(ALICE);
        assertThat(fx.sweep(ALICE).kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);
        fx.clock.advance(Duration.ofMinutes(6));
        fx.deliverNotificationsFor(sfId);
        fx.sweep(BOB);

        assertThat(fx.tasks.live(ALICE)).extracting(ScTask::taskId)
                .containsExactly(SalesforceIds.importedTaskId(aliceNew.id()));
        assertThat(fx.tasks.live(BOB)).extracting(ScTask::taskId)
                .containsExactly(SalesforceIds.importedTaskId(sfId));
        assertThat(fx.salesforce.get(sfId).deleted()).isFalse();
    }

    @Test
    void importThatDiedBeforeItsTask_leavesAClaimThatDoesNotBlockTheNextOwner() {
        fx.bobSyncs();
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "claimed, never written");
        OutboundMessage msg = fx.salesforce.messageFor(sf.id());
        fx.tasks.faults.failNext("createAll");
        assertThatThrownBy(() -> fx.deliver(msg)).isInstanceOf(RuntimeException.class);
        assertThat(fx.tasks.live(ALICE)).isEmpty();
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sf.id(), Map.of("OwnerId", BOB_SF));

        fx.deliverNotificationsFor(sf.id());

        assertThat(fx.tasks.live(ALICE)).isEmpty();
        assertThat(fx.tasks.live(BOB)).extracting(ScTask::taskId)
                .containsExactly(SalesforceIds.importedTaskId(sf.id()));
    }

    /**
     * Found by the simulator (seed d6aa9bafde37d5c0 of {@code run --schedules 30000 --steps 600 --seed 0x5ca1ab1f}):
     * Alice's task went to Bob while her sync was off; Bob's import of it died before its link, and his sync went
     * off too. Alice's re-enable removed her copy (a DELETED link that names the Salesforce id again); Bob's re-enable
     * then mended his unlinked import, met her tombstone holding the id, and deleted his copy of a task that is his.
     */
    @Test
    void anotherUsersTombstoneHoldingTheId_doesNotRemoveTheOwnersInterruptedImport() {
        fx.bobSyncs();
        String sfId = fx.salesforce.userCreates(ALICE_SF, "Alice's, given to Bob").id();
        fx.deliverNotificationsFor(sfId);
        assertThat(fx.tasks.live(ALICE)).hasSize(1);
        fx.settingsService.disable(UserId.of(ALICE));
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sfId, Map.of("OwnerId", BOB_SF));
        fx.links.faults.failNext("saveClaimedAll");
        assertThatThrownBy(() -> fx.deliverNotificationsFor(sfId)).isInstanceOf(RuntimeException.class);
        fx.settingsService.disable(UserId.of(BOB));
        fx.clock.advance(Duration.ofMinutes(1));
        fx.deliverNotificationsFor(sfId); // Salesforce's retry, while Bob's sync is off: his import's claim goes

        fx.enable(ALICE);
        assertThat(fx.sweep(ALICE).kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);
        assertThat(fx.tasks.live(ALICE)).isEmpty();
        // Bob turns sync on more than a day after the owner change: his first sync's import window misses it.
        fx.clock.advance(Duration.ofHours(25));
        fx.enable(BOB);
        assertThat(fx.sweep(BOB).kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);
        fx.clock.advance(Duration.ofMinutes(6));
        fx.sweep(BOB);

        assertThat(fx.tasks.live(BOB)).extracting(ScTask::taskId)
                .containsExactly(SalesforceIds.importedTaskId(sfId));
        assertThat(fx.links.findBySfId(OrgId.of(fx.salesforce.orgId()), SalesforceId.of(sfId)))
                .hasValueSatisfying(link -> assertThat(link.userId()).isEqualTo(BOB));
        assertThat(fx.salesforce.get(sfId).deleted()).isFalse();
    }
}
