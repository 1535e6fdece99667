package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fresh imports of an outbound message or a first sync's page are claimed under the work's lease and written
 * together ({@link ImportBatch}): fewer writes, and never a task written over one that appeared meanwhile, nor a
 * claim another invocation still works on taken from it.
 */
class BatchedImportTest {

    /** The invocation dies (the platform kills it): nothing after this point runs, no catch block either. */
    private static final class Died extends Error {
        Died() {
            super("the invocation died", null, false, false);
        }
    }

    private final SyncFixture fx = new SyncFixture();

    @BeforeEach
    void aliceSyncs() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
    }

    private List<SfTask> created(int n) {
        List<SfTask> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(fx.salesforce.userCreates(ALICE_SF, "task " + i));
        }
        return out;
    }

    private static String[] ids(List<SfTask> tasks) {
        return tasks.stream().map(SfTask::id).toArray(String[]::new);
    }

    /** A message of these tasks whose invocation dies after its claims, before its batch is written. */
    private OutboundMessage deliveredByAnInvocationThatDiesBeforeItsBatch(List<SfTask> tasks) {
        OutboundMessage msg = fx.salesforce.messageFor(ids(tasks));
        fx.tasks.faults.beforeNext("createAll", () -> {
            throw new Died();
        });
        assertThatThrownBy(() -> fx.deliver(msg)).isInstanceOf(Died.class);
        return msg;
    }

    private void assertLinked(int tasks) {
        assertThat(fx.tasks.live(ALICE)).hasSize(tasks);
        assertThat(fx.links.all()).hasSize(tasks).allSatisfy(l -> assertThat(l.state()).isEqualTo(LinkState.LINKED));
    }

    @Test
    void aMessageOfNewTasks_writesTheirTasksAndLinksTogether_notOneByOne() {
        List<SfTask> sf = created(5);
        int saves = fx.tasks.faults.calls("save");
        int linkSaves = fx.links.faults.calls("saveClaimed") + fx.links.faults.calls("save");

        assertThat(fx.deliverNotificationsFor(ids(sf)).applied()).isEqualTo(5);

        assertThat(fx.tasks.faults.calls("createAll")).isEqualTo(1);
        assertThat(fx.links.faults.calls("saveClaimedAll")).isEqualTo(1);
        assertThat(fx.tasks.faults.calls("save")).isEqualTo(saves);
        assertThat(fx.links.faults.calls("saveClaimed") + fx.links.faults.calls("save")).isEqualTo(linkSaves);
        assertThat(fx.tasks.live(ALICE)).extracting(ScTask::taskId).containsExactlyInAnyOrderElementsOf(
                sf.stream().map(t -> SalesforceIds.importedTaskId(t.id())).toList());
        for (SfTask t : sf) {
            TaskLink link = fx.links.findBySfId(OrgId.of(FakeSalesforce.ORG_ID),
                    SalesforceId.of(SalesforceIds.to18(t.id()))).orElseThrow();
            assertThat(link.state()).isEqualTo(LinkState.LINKED);
            assertThat(link.version()).isEqualTo(1);
            assertThat(link.sfModstamp()).isEqualTo(t.systemModstamp());
        }
        assertThat(fx.notifications.size()).isEqualTo(5);
    }

    @Test
    void aFirstSyncPage_isWrittenInBatches() {
        fx.settingsService.disable(UserId.of(ALICE));
        created(7);
        fx.clock.advance(Duration.ofMinutes(1));
        fx.enable(ALICE);

        fx.sweep(ALICE);

        assertThat(fx.tasks.live(ALICE)).hasSize(7);
        assertThat(fx.tasks.faults.calls("createAll")).isEqualTo(1);
        assertThat(fx.links.faults.calls("saveClaimedAll")).isEqualTo(1);
    }

    @Test
    void theSameTaskTwiceInOneMessage_isImportedOnce_thenUpdated() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "first");
        OutboundMessage first = fx.salesforce.messageFor(sf.id());
        fx.clock.advance(Duration.ofSeconds(2));
        fx.salesforce.userEdits(sf.id(), Map.of("Subject", "second"));
        OutboundMessage second = fx.salesforce.messageFor(sf.id());
        List<OutboundMessage.Notification> both = new ArrayList<>(first.notifications());
        both.addAll(second.notifications());

        fx.deliver(new OutboundMessage(first.organizationId(), first.actionId(), first.enterpriseUrl(),
                first.partnerUrl(), both));

        assertThat(fx.tasks.live(ALICE)).singleElement()
                .satisfies(t -> assertThat(t.fields().subject()).isEqualTo("second"));
        assertThat(fx.links.all()).singleElement().satisfies(l -> {
            assertThat(l.state()).isEqualTo(LinkState.LINKED);
            assertThat(l.sfModstamp()).isEqualTo(fx.salesforce.get(sf.id()).systemModstamp());
        });
    }

    /**
     * The sweep imported the task (one by one, without a lease) and the person edited it after this message's reads
     * and before its claim: the batch reads again before it writes and imports that one with the usual conditional
     * writes, so the edit stays.
     */
    @Test
    void aTaskWrittenMeanwhile_isNotWrittenOver() {
        List<SfTask> sf = created(2);
        String raced = SalesforceIds.importedTaskId(sf.get(0).id());
        fx.clock.advance(Duration.ofMinutes(6));
        fx.links.faults.beforeNext("claim", () -> {
            fx.sweep(ALICE);
            assertThat(fx.tasks.faults.calls("createAll")).isZero();
            ScTask t = fx.tasks.get(UserId.of(ALICE), TaskId.of(raced)).orElseThrow();
            fx.tasks.save(t.edited(t.fields().with(TaskFields.Field.SUBJECT, "edited in Sales Connect"), Origin.SALES_CONNECT,
                    fx.clock.instant()));
        });

        fx.deliverNotificationsFor(ids(sf));

        assertLinked(2);
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(raced)).orElseThrow().fields().subject())
                .isEqualTo("edited in Sales Connect");
    }

    /**
     * The message's invocation dies after its claims, before its batch: its redelivery within the claims' lease
     * leaves them to it (nothing written, not acknowledged); after the lease the abandoned imports are redone once.
     */
    @Test
    void anImportThatDiedAfterItsClaims_isLeftToItsLease_thenRedoneOnce() {
        OutboundMessage msg = deliveredByAnInvocationThatDiesBeforeItsBatch(created(3));
        assertThat(fx.tasks.live(ALICE)).isEmpty();
        assertThat(fx.notifications.size()).isZero();

        fx.clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> fx.deliver(msg)).isInstanceOf(WriteConflictException.class);
        assertThat(fx.tasks.live(ALICE)).isEmpty();
        assertThat(fx.notifications.size()).isZero();

        fx.clock.advance(FirstSyncRun.MAX_LEASE);
        assertThat(fx.deliver(msg).applied()).isEqualTo(3);
        assertLinked(3);
    }

    /** A batch whose write failed (the invocation lives on) lets its claims go: the redelivery need not wait. */
    @Test
    void aBatchWhoseWriteFailed_isRedoneByTheRedeliveryAtOnce() {
        List<SfTask> sf = created(3);
        OutboundMessage msg = fx.salesforce.messageFor(ids(sf));
        fx.links.faults.failNext("saveClaimedAll");
        assertThatThrownBy(() -> fx.deliver(msg)).isInstanceOf(RuntimeException.class);
        assertThat(fx.notifications.size()).isZero();

        assertThat(fx.deliver(msg).applied()).isEqualTo(3);
        assertLinked(3);
    }

    /** A deletion in Salesforce of a task whose import waits for its batch elsewhere is not lost: it is retried. */
    @Test
    void aDeletionOfATaskAnotherInvocationIsImporting_waitsForThatImport() {
        List<SfTask> sf = created(1);
        OutboundMessage msg = deliveredByAnInvocationThatDiesBeforeItsBatch(sf);
        fx.salesforce.userDeletes(sf.get(0).id());
        OutboundMessage deletion = fx.salesforce.messageFor(sf.get(0).id());

        assertThatThrownBy(() -> fx.deliver(deletion)).isInstanceOf(WriteConflictException.class);

        fx.clock.advance(FirstSyncRun.MAX_LEASE.plus(ImportBatch.LEASE_MARGIN));
        fx.deliver(deletion);
        assertThat(fx.tasks.live(ALICE)).isEmpty();
        fx.deliver(msg); // the old live version, redelivered late: the sweep's deletion log settles it
        fx.clock.advance(Duration.ofMinutes(6));
        fx.sweep(ALICE);
        assertThat(fx.tasks.live(ALICE)).isEmpty();
    }
}
