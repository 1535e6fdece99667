package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
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
        fx.connect(BOB, BOB_SF);
        fx.enable(BOB);
        fx.sweep(BOB);
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

    @Test
    void importThatDiedBeforeItsTask_leavesAClaimThatDoesNotBlockTheNextOwner() {
        fx.connect(BOB, BOB_SF);
        fx.enable(BOB);
        fx.sweep(BOB);
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
}
