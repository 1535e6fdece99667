package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.salesforce.OutOfTimeException;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.SalesforceUnavailableException;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.Priority;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskFields.Field;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static com.salesconnect.tasksync.testing.SyncFixture.BOB;
import static com.salesconnect.tasksync.testing.SyncFixture.BOB_SF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InboundSyncTest {

    private final SyncFixture fx = new SyncFixture();

    @BeforeEach
    void aliceSyncs() {
        fx.aliceEnabled();
    }

    private ScTask imported(String sfId) {
        return fx.tasks.get(UserId.of(ALICE), TaskId.of(SalesforceIds.importedTaskId(sfId))).orElseThrow();
    }

    // ---- authentication ----

    @Test
    void authenticate_tokenOfTheOrg_andItsOrganizationId_passes() {
        String token = fx.registerWebhook("a-long-unguessable-token");

        assertThat(fx.inbound.authenticate(token, FakeSalesforce.ORG_ID))
                .isEqualTo(new WebhookAuth.Authenticated(FakeSalesforce.ORG_ID));
        // Salesforce may send the 15-character form.
        assertThat(fx.inbound.authenticate(token, FakeSalesforce.ORG_ID.substring(0, 15)))
                .isEqualTo(new WebhookAuth.Authenticated(FakeSalesforce.ORG_ID));
    }

    @Test
    void authenticate_unknownOrMissingToken_isRejected() {
        fx.registerWebhook("a-long-unguessable-token");

        assertThat(fx.inbound.authenticate("guess", FakeSalesforce.ORG_ID))
                .isEqualTo(new WebhookAuth.Rejected(WebhookAuth.Reason.UNKNOWN_TOKEN));
        assertThat(fx.inbound.authenticate("", FakeSalesforce.ORG_ID))
                .isEqualTo(new WebhookAuth.Rejected(WebhookAuth.Reason.MISSING_TOKEN));
        assertThat(fx.inbound.authenticate(null, FakeSalesforce.ORG_ID))
                .isEqualTo(new WebhookAuth.Rejected(WebhookAuth.Reason.MISSING_TOKEN));
    }

    @Test
    void authenticate_tokenOfAnotherOrg_isRejected() {
        String token = fx.registerWebhook("a-long-unguessable-token");

        assertThat(fx.inbound.authenticate(token, SalesforceIds.to18("00D5g00000OTHER")))
                .isEqualTo(new WebhookAuth.Rejected(WebhookAuth.Reason.ORG_MISMATCH));
    }

    @Test
    void aMessageOfManyNewTasks_readsThePendingCreatesOnce() {
        fx.sweep(ALICE);
        String[] ids = new String[20];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = fx.salesforce.userCreates(ALICE_SF, "created in Salesforce " + i).id();
        }
        int before = fx.links.faults.calls("sentCreates");

        InboundResult r = fx.deliverNotificationsFor(ids);

        assertThat(r.applied()).isEqualTo(20);
        assertThat(fx.tasks.live(ALICE)).hasSize(20);
        assertThat(fx.links.faults.calls("sentCreates") - before).isEqualTo(1);
    }

    /**
     * A message the invocation cannot finish in time (a slow store) is stopped between notifications: what was
     * applied is written and recorded, the call fails as out of time (the handler answers 503, so Salesforce
     * redelivers), and the redelivery applies only the rest. Before, the invocation was killed mid-message.
     */
    @Test
    void aMessageThatRunsOutOfTime_stopsBetweenNotifications_keepsWhatItApplied_andTheRedeliveryAppliesTheRest() {
        fx.sweep(ALICE);
        String[] ids = new String[10];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = fx.salesforce.userCreates(ALICE_SF, "created in Salesforce " + i).id();
        }
        OutboundMessage msg = fx.salesforce.messageFor(ids);
        int claimsBefore = fx.links.faults.calls("claim");
        // Each import claims its Salesforce id first: after four, less than the finishing reserve is left.
        Deadline slow = () -> fx.links.faults.calls("claim") - claimsBefore < 4 ? Duration.ofSeconds(25)
                : InboundSync.FINISH_RESERVE.minusSeconds(1);

        assertThatThrownBy(() -> fx.inbound.apply(OrgId.of(fx.salesforce.orgId()), msg, slow))
                .isInstanceOf(OutOfTimeException.class);

        assertThat(fx.tasks.live(ALICE)).hasSize(4);
        assertThat(fx.notifications.size()).as("the four applied are recorded").isEqualTo(4);
        InboundResult again = fx.deliver(msg);
        assertThat(again.redelivered()).isEqualTo(4);
        assertThat(again.applied()).isEqualTo(6);
        assertThat(fx.tasks.live(ALICE)).hasSize(10);
    }

    @Test
    void apply_messageOfAnotherOrg_isRejected_andNothingIsWritten() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        OutboundMessage msg = fx.salesforce.messageFor(sf.id());

        assertThatThrownBy(() -> fx.inbound.apply(OrgId.of(SalesforceIds.to18("00D5g00000OTHER")), msg))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(fx.tasks.all()).isEmpty();
        assertThat(fx.notifications.size()).isZero();
    }

    // ---- import ----

    @Test
    void unknownTask_isImported_underADeterministicId_andLinked() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, Map.of("Subject", "Call Bob", "ActivityDate",
                LocalDate.of(2026, 3, 12), "Priority", "Low"));

        InboundResult r = fx.deliverNotificationsFor(sf.id());

        assertThat(r.applied()).isEqualTo(1);
        ScTask t = imported(sf.id());
        assertThat(t.taskId()).isEqualTo("sf-" + sf.id());
        assertThat(t.changeOrigin()).isEqualTo(Origin.SALESFORCE);
        assertThat(t.fields().subject()).isEqualTo("Call Bob");
        assertThat(t.fields().dueDate()).isEqualTo(LocalDate.of(2026, 3, 12));
        assertThat(t.fields().priority()).isEqualTo(Priority.LOW);
        TaskLink link = fx.links.findBySfId(OrgId.of(FakeSalesforce.ORG_ID), SalesforceId.of(sf.id())).orElseThrow();
        assertThat(link.taskId()).isEqualTo(t.taskId());
        assertThat(link.sfModstamp()).isEqualTo(sf.systemModstamp());
    }

    @Test
    void aLateMessage_aboutAVersionOlderThanTheFirstImportsWindow_importsNothing() {
        // The period's first sync imports what changed in the 24 hours before it began (SPEC §1.2); a message about
        // an older version (Salesforce redelivers for 24 hours, and a duplicate may come later still; the task may
        // have gone to another owner since) must not import what that first sync left out.
        fx.settingsService.disable(UserId.of(ALICE));
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "changed while sync was off, long before the enable");
        OutboundMessage late = fx.salesforce.messageFor(sf.id());
        fx.clock.advance(Duration.ofHours(25));
        fx.enable(ALICE);
        fx.sweep(ALICE);
        assertThat(fx.tasks.live(ALICE)).isEmpty();

        InboundResult r = fx.deliver(late);

        assertThat(r.applied()).isZero();
        assertThat(fx.tasks.live(ALICE)).isEmpty();
        assertThat(fx.links.findBySfId(OrgId.of(FakeSalesforce.ORG_ID), SalesforceId.of(sf.id()))).isEmpty();
    }

    @Test
    void aLateMessage_aboutAVersionWithinTheFirstImportsWindow_isImported() {
        fx.connect(BOB, BOB_SF);
        SfTask sf = fx.salesforce.userCreates(BOB_SF, "changed before Bob's enable, within its 24 hours");
        OutboundMessage late = fx.salesforce.messageFor(sf.id());
        fx.clock.advance(Duration.ofHours(23));
        fx.enable(BOB);

        InboundResult r = fx.deliver(late);

        assertThat(r.applied()).isEqualTo(1);
        assertThat(fx.tasks.get(UserId.of(BOB), TaskId.of(SalesforceIds.importedTaskId(sf.id())))).isPresent();
    }

    @Test
    void aRetriedImport_afterACrashBetweenTaskAndLink_cannotMakeTwo() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        OutboundMessage msg = fx.salesforce.messageFor(sf.id());
        fx.links.faults.failNext("saveClaimedAll");

        assertThatThrownBy(() -> fx.deliver(msg)).isInstanceOf(RuntimeException.class);
        assertThat(fx.notifications.size()).isZero();
        fx.deliver(msg);

        assertThat(fx.tasks.all()).hasSize(1);
        assertThat(fx.links.all()).singleElement().extracting(TaskLink::state).isEqualTo(LinkState.LINKED);
    }

    @Test
    void anImportWhoseClaimAConcurrentReaderReleased_listsTheTaskOnce_andTheNextChangeRestoresThePointer() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        String sfId = SalesforceIds.to18(sf.id());
        // Between this import's claim and its link write, another invocation took the claim for an abandoned import
        // (no task behind it yet) and released it: the link is written alone (the claimed save skips the pointer).
        fx.links.faults.beforeNext("saveClaimedAll", () -> fx.links.releaseSfId(new TaskLink(ALICE,
                SalesforceIds.importedTaskId(sfId), FakeSalesforce.ORG_ID, null, sfId, LinkState.LINKED, null, null,
                null, null, null, null, 0)));
        fx.deliverNotificationsFor(sf.id());
        assertThat(fx.links.findBySfId(OrgId.of(FakeSalesforce.ORG_ID), SalesforceId.of(sfId))).isEmpty();

        fx.salesforce.userEdits(sf.id(), Map.of("Subject", "y"));
        fx.deliverNotificationsFor(sf.id());

        assertThat(fx.tasks.live(ALICE)).singleElement().satisfies(t -> {
            assertThat(t.taskId()).isEqualTo(SalesforceIds.importedTaskId(sfId));
            assertThat(t.fields().subject()).isEqualTo("y");
        });
        assertThat(fx.links.findBySfId(OrgId.of(FakeSalesforce.ORG_ID), SalesforceId.of(sfId))).get()
                .extracting(TaskLink::state)
                .isEqualTo(LinkState.LINKED);
    }

    @Test
    void theSameMessageTwice_isAppliedOnce() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        OutboundMessage msg = fx.salesforce.messageFor(sf.id());

        fx.deliver(msg);
        ScTask first = imported(sf.id());
        InboundResult again = fx.deliver(msg);

        assertThat(again.redelivered()).isEqualTo(1);
        assertThat(imported(sf.id())).isEqualTo(first);
    }

    @Test
    void ownerWithoutAUser_isAcknowledgedAndIgnored() {
        SfTask sf = fx.salesforce.userCreates(SalesforceIds.to18("0055g00000NOONE"), "x");

        InboundResult r = fx.deliverNotificationsFor(sf.id());

        assertThat(r.ignored()).isEqualTo(1);
        assertThat(fx.tasks.all()).isEmpty();
    }

    @Test
    void userWithSyncOff_isAcknowledgedAndIgnored() {
        fx.settingsService.disable(UserId.of(ALICE));
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");

        InboundResult r = fx.deliverNotificationsFor(sf.id());

        assertThat(r.ignored()).isEqualTo(1);
        assertThat(fx.tasks.all()).isEmpty();
    }

    @Test
    void notificationsLackingFields_areCompletedWithOneQueryForTheWholeMessage() {
        SfTask a = fx.salesforce.userCreates(ALICE_SF, Map.of("Subject", "a", "Description", "notes a"));
        SfTask b = fx.salesforce.userCreates(ALICE_SF, Map.of("Subject", "b", "Priority", "High"));
        Set<String> selected = Set.of("Id", "OwnerId", "Subject", "SystemModstamp");
        fx.salesforce.resetCounts();

        fx.deliver(fx.salesforce.message(fx.salesforce.notificationFor(a.id(), selected),
                fx.salesforce.notificationFor(b.id(), selected)));

        assertThat(fx.salesforce.calls()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo("queryAll");
            assertThat(c.query()).isEqualTo(new TaskQuery.ByIds(List.of(a.id(), b.id())));
        });
        assertThat(imported(a.id()).fields().notes()).isEqualTo("notes a");
        assertThat(imported(b.id()).fields().priority()).isEqualTo(Priority.HIGH);
    }

    // ---- echoes of our own writes, as Salesforce sends them (no element for a null field) ----

    /** The notification Salesforce sends for the record now: every Task field, but none that is null. */
    private OutboundMessage.Notification asSalesforceSends(String sfId) {
        SfTask t = fx.salesforce.get(sfId);
        Set<String> present = new java.util.HashSet<>(com.salesconnect.tasksync.salesforce.SalesforceApi.TASK_FIELDS);
        Map<String, Object> nullable = new java.util.HashMap<>();
        nullable.put("Subject", t.subject());
        nullable.put("Description", t.description());
        nullable.put("ActivityDate", t.activityDate());
        nullable.put("ReminderDateTime", t.reminderDateTime());
        nullable.put("TaskSubtype", t.taskSubtype());
        nullable.put("WhoId", t.whoId());
        nullable.put("WhatId", t.whatId());
        nullable.forEach((field, value) -> {
            if (value == null) {
                present.remove(field);
            }
        });
        return fx.salesforce.notificationFor(sfId, present);
    }

    @Test
    void echoOfOurCreate_withoutItsNullFields_costsNoSalesforceCall_andImportsNothing() {
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("no notes, no due date"));
        fx.pushStream();
        TaskLink pushed = fx.links.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow();
        OutboundMessage.Notification echo = asSalesforceSends(pushed.sfId());
        assertThat(echo.presentFields()).doesNotContain("Description");
        fx.salesforce.resetCounts();

        InboundResult r = fx.deliver(fx.salesforce.message(echo));

        assertThat(fx.salesforce.calls()).isEmpty();
        assertThat(r.applied()).isEqualTo(1);
        assertThat(fx.tasks.live(ALICE)).singleElement().extracting(ScTask::taskId).isEqualTo(t.taskId());
        assertThat(fx.links.get(UserId.of(ALICE), TaskId.of(t.taskId()))).contains(pushed);
    }

    @Test
    void echoOfOurEdit_withoutItsNullFields_costsNoSalesforceCall_andTheSweepSettlesItsStamp() {
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("before"));
        fx.pushStream();
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(t.taskId()), TaskFields.todo("after"));
        fx.pushStream();
        String sfId = fx.links.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow().sfId();
        fx.salesforce.resetCounts();

        fx.deliver(fx.salesforce.message(asSalesforceSends(sfId)));

        assertThat(fx.salesforce.calls()).isEmpty();
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow().fields().subject())
                .isEqualTo("after");
        fx.sweep(ALICE);
        assertThat(fx.links.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow().sfModstamp())
                .isEqualTo(fx.salesforce.get(sfId).systemModstamp());
        assertThat(fx.salesforce.writeCalls()).isZero();
    }

    @Test
    void echoOfOurCreate_arrivingBeforeItsLink_withoutItsNullFields_costsNoCall_andMakesNoCopy() {
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("echo first"));
        InboundResult[] echoed = new InboundResult[1];
        fx.salesforce.afterNext("create", () -> {
            SfTask made = fx.salesforce.liveTasksOf(ALICE_SF).get(0);
            int calls = fx.salesforce.callCount();
            echoed[0] = fx.deliver(fx.salesforce.message(asSalesforceSends(made.id())));
            assertThat(fx.salesforce.callCount()).isEqualTo(calls);
        });

        fx.pushStream();

        assertThat(echoed[0].applied()).isEqualTo(1);
        assertThat(fx.tasks.live(ALICE)).singleElement().extracting(ScTask::taskId).isEqualTo(t.taskId());
        assertThat(fx.links.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow().state())
                .isEqualTo(LinkState.LINKED);
    }

    @Test
    void echoOfOurCreate_linkedWhileTheMessageIsRead_costsNoCall() {
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("linked in between"));
        InboundResult[] echoed = new InboundResult[1];
        fx.salesforce.afterNext("create", () -> {
            SfTask made = fx.salesforce.liveTasksOf(ALICE_SF).get(0);
            TaskLink pending = fx.links.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow();
            // The push links the task after the echo found no link, before the echo reads the pending creates.
            fx.links.faults.beforeNext("sentCreates", () -> fx.links.save(pending.relinked(
                    SalesforceIds.to18(made.id()), pending.base(), null)));
            int calls = fx.salesforce.callCount();
            echoed[0] = fx.deliver(fx.salesforce.message(asSalesforceSends(made.id())));
            assertThat(fx.salesforce.callCount()).isEqualTo(calls);
        });

        fx.pushStream();

        assertThat(echoed[0].applied()).isEqualTo(1);
        assertThat(fx.tasks.live(ALICE)).singleElement().extracting(ScTask::taskId).isEqualTo(t.taskId());
    }

    @Test
    void partialNotification_ofAPersonsEditInSalesforce_isStillReadAndApplied() {
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("ours"));
        fx.pushStream();
        String sfId = fx.links.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow().sfId();
        fx.salesforce.userEdits(sfId, Map.of("Subject", "theirs"));
        fx.salesforce.resetCounts();

        fx.deliver(fx.salesforce.message(asSalesforceSends(sfId)));

        assertThat(fx.salesforce.calls()).extracting(FakeSalesforce.Call::operation).containsExactly("queryAll");
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow().fields().subject())
                .isEqualTo("theirs");
    }

    @Test
    void partialNotification_lackingAFieldThatIsNeverNull_isReadEvenWhenTheRestMatches() {
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("ours"));
        fx.pushStream();
        String sfId = fx.links.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow().sfId();
        Set<String> present = new java.util.HashSet<>(asSalesforceSends(sfId).presentFields());
        present.remove("Priority"); // not selected in the Outbound Message: its value is unknown, not null
        fx.salesforce.resetCounts();

        fx.deliver(fx.salesforce.message(fx.salesforce.notificationFor(sfId, present)));

        assertThat(fx.salesforce.calls()).extracting(FakeSalesforce.Call::operation).containsExactly("queryAll");
    }

    @Test
    void completion_inSalesforce_completesTheTask() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        fx.deliverNotificationsFor(sf.id());

        fx.salesforce.userEdits(sf.id(), Map.of("Status", "Completed"));
        fx.deliverNotificationsFor(sf.id());

        assertThat(imported(sf.id()).fields().completed()).isTrue();
        assertThat(imported(sf.id()).changeOrigin()).isEqualTo(Origin.SALESFORCE);
    }

    // ---- order, duplicates, echoes ----

    @Test
    void stale_olderSystemModstamp_isIgnored() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "v1");
        OutboundMessage v1 = fx.salesforce.messageFor(sf.id());
        fx.salesforce.userEdits(sf.id(), Map.of("Subject", "v2"));
        OutboundMessage v2 = fx.salesforce.messageFor(sf.id());

        fx.deliver(v2);
        InboundResult late = fx.deliver(v1);

        assertThat(late.ignored()).isEqualTo(1);
        assertThat(imported(sf.id()).fields().subject()).isEqualTo("v2");
    }

    @Test
    void duplicate_sameSystemModstampUnderANewNotificationId_changesNothing() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "v1");
        fx.deliverNotificationsFor(sf.id());
        ScTask before = imported(sf.id());
        TaskLink linkBefore = fx.links.findBySfId(OrgId.of(FakeSalesforce.ORG_ID), SalesforceId.of(sf.id()))
                .orElseThrow();

        InboundResult r = fx.deliverNotificationsFor(sf.id());

        assertThat(r.ignored()).isEqualTo(1);
        assertThat(imported(sf.id())).isEqualTo(before);
        assertThat(fx.links.findBySfId(OrgId.of(FakeSalesforce.ORG_ID), SalesforceId.of(sf.id()))).contains(linkBefore);
    }

    @Test
    void aSecondEditWithinTheSameSecond_sharesTheSystemModstamp_andIsStillApplied() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "v1");
        fx.deliverNotificationsFor(sf.id());
        OutboundMessage first = fx.salesforce.messageFor(sf.id());
        SfTask v1 = first.notifications().get(0).task();
        // SystemModstamp is kept to the second: an edit in the same second carries the same value.
        SfTask sameSecond = withSubject(v1, "v2");
        fx.salesforce.seed(sameSecond);
        OutboundMessage second = new OutboundMessage(first.organizationId(), first.actionId(),
                first.enterpriseUrl(), first.partnerUrl(), List.of(new OutboundMessage.Notification(
                SalesforceIds.to18("04l5g00000SAME1"), sameSecond, first.notifications().get(0).presentFields())));

        InboundResult r = fx.deliver(second);

        assertThat(r.applied()).isEqualTo(1);
        assertThat(imported(sf.id()).fields().subject()).isEqualTo("v2");
    }

    @Test
    void anOlderEditWithinTheSameSecond_deliveredLate_doesNotOverwriteTheNewerOne() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "v1");
        OutboundMessage older = fx.salesforce.messageFor(sf.id());
        SfTask v1 = older.notifications().get(0).task();
        SfTask v2 = withSubject(v1, "v2");
        fx.salesforce.seed(v2);
        fx.deliver(fx.salesforce.messageFor(sf.id()));
        assertThat(imported(sf.id()).fields().subject()).isEqualTo("v2");

        // The message of the first edit (same SystemModstamp, older values) arrives after the second one.
        fx.deliver(older);

        assertThat(imported(sf.id()).fields().subject()).isEqualTo("v2");
    }

    @Test
    void echo_ofOurOwnPush_changesNothingInSalesConnect_andOnlyAdvancesTheModstamp() {
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("from Sales Connect"));
        fx.pushStream();
        TaskLink link = fx.links.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow();
        ScTask before = fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow();

        fx.deliverNotificationsFor(link.sfId());

        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId()))).contains(before);
        assertThat(fx.tasks.peekStream()).isEmpty();
        assertThat(fx.links.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow().sfModstamp())
                .isEqualTo(fx.salesforce.get(link.sfId()).systemModstamp());
    }

    // ---- merges ----

    @Test
    void salesforceEdit_isMergedIntoSalesConnect_writtenAsASalesforceChange() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        fx.deliverNotificationsFor(sf.id());
        fx.clock.advance(Duration.ofMinutes(1));

        fx.salesforce.userEdits(sf.id(), Map.of("ActivityDate", LocalDate.of(2026, 3, 20)));
        fx.deliverNotificationsFor(sf.id());

        ScTask t = imported(sf.id());
        assertThat(t.fields().dueDate()).isEqualTo(LocalDate.of(2026, 3, 20));
        assertThat(t.changeOrigin()).isEqualTo(Origin.SALESFORCE);
        assertThat(fx.pushStream()).isEmpty();
        assertThat(fx.salesforce.writeCalls()).isZero();
    }

    @Test
    void merge_sameFieldChangedOnBothSides_laterWins_tieGoesToSalesforce() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        fx.deliverNotificationsFor(sf.id());
        String taskId = SalesforceIds.importedTaskId(sf.id());

        // Salesforce edits later than Sales Connect: Salesforce wins.
        fx.clock.advance(Duration.ofMinutes(1));
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(taskId), TaskFields.todo("sc edit"));
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sf.id(), Map.of("Subject", "sf edit"));
        fx.deliverNotificationsFor(sf.id());
        assertThat(imported(sf.id()).fields().subject()).isEqualTo("sf edit");

        // Same instant on both sides: a tie goes to Salesforce.
        fx.clock.advance(Duration.ofMinutes(1));
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(taskId), TaskFields.todo("sc tie"));
        fx.salesforce.userEdits(sf.id(), Map.of("Subject", "sf tie"));
        fx.deliverNotificationsFor(sf.id());
        assertThat(imported(sf.id()).fields().subject()).isEqualTo("sf tie");

        assertThat(fx.conflicts.all()).hasSize(2).allSatisfy(c -> {
            assertThat(c.field()).isEqualTo(Field.SUBJECT);
            assertThat(c.winner()).isEqualTo(Origin.SALESFORCE);
        });
    }

    @Test
    void merge_salesConnectEditLaterThanSalesforces_wins_andIsPushedBack() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        fx.deliverNotificationsFor(sf.id());
        String taskId = SalesforceIds.importedTaskId(sf.id());
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sf.id(), Map.of("Subject", "sf edit", "Priority", "High"));
        OutboundMessage sfEdit = fx.salesforce.messageFor(sf.id());
        fx.clock.advance(Duration.ofMinutes(1));
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(taskId),
                TaskFields.todo("sc edit").with(Field.NOTES, "sc notes"));
        fx.tasks.takeStream(); // the stream has not run yet when the message arrives

        fx.deliver(sfEdit);

        TaskFields sc = imported(sf.id()).fields();
        assertThat(sc.subject()).isEqualTo("sc edit");
        assertThat(sc.notes()).isEqualTo("sc notes");
        assertThat(sc.priority()).isEqualTo(Priority.HIGH);
        SfTask now = fx.salesforce.get(sf.id());
        assertThat(now.subject()).isEqualTo("sc edit");
        assertThat(now.description()).isEqualTo("sc notes");
        assertThat(now.priority()).isEqualTo("High");
        assertThat(fx.links.get(UserId.of(ALICE), TaskId.of(taskId)).orElseThrow().base()).isEqualTo(sc);
        assertThat(fx.conflicts.all()).singleElement().extracting(Conflict::winner).isEqualTo(Origin.SALES_CONNECT);
    }

    @Test
    void pushBackThatCannotGoNow_becomesAPendingPush_andTheMessageIsStillAcknowledged() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        fx.deliverNotificationsFor(sf.id());
        String taskId = SalesforceIds.importedTaskId(sf.id());
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sf.id(), Map.of("Priority", "High"));
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(taskId), TaskFields.todo("sc edit"));
        fx.tasks.takeStream();
        fx.salesforce.fail(FakeSalesforce.Failure.UNAVAILABLE, "update", 1);

        fx.deliverNotificationsFor(sf.id());

        assertThat(imported(sf.id()).fields().priority()).isEqualTo(Priority.HIGH);
        assertThat(fx.pendingPushes.all()).singleElement().extracting(PendingPush::taskId).isEqualTo(taskId);
        // The link's base is what Salesforce holds, so the retried push still sends the Sales Connect edit.
        fx.clock.advance(Duration.ofMinutes(10));
        fx.sweep(ALICE);
        assertThat(fx.salesforce.get(sf.id()).subject()).isEqualTo("sc edit");
        assertThat(fx.pendingPushes.all()).isEmpty();
    }

    // ---- deletions and tombstones ----

    @Test
    void tombstone_blocksLateOutboundMessage() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        fx.deliverNotificationsFor(sf.id());
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sf.id(), Map.of("Subject", "edited"));
        OutboundMessage late = fx.salesforce.messageFor(sf.id());
        fx.taskService.delete(UserId.of(ALICE), TaskId.of(SalesforceIds.importedTaskId(sf.id())));
        fx.pushStream();
        assertThat(fx.salesforce.get(sf.id()).deleted()).isTrue();

        InboundResult r = fx.deliver(late);
        fx.deliver(fx.salesforce.message(late.notifications().get(0)));

        assertThat(r.ignored()).isEqualTo(1);
        assertThat(fx.tasks.live(ALICE)).isEmpty();
        assertThat(fx.tasks.all()).hasSize(1);
        // The Salesforce edit the deletion beat is recorded, once.
        assertThat(fx.conflicts.all()).singleElement().satisfies(c -> {
            assertThat(c.field()).isNull();
            assertThat(c.winner()).isEqualTo(Origin.SALES_CONNECT);
        });
    }

    @Test
    void deletedInSalesConnect_whileEditedInSalesforce_deletionWins_andTheConflictIsRecorded() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        fx.deliverNotificationsFor(sf.id());
        String taskId = SalesforceIds.importedTaskId(sf.id());
        fx.clock.advance(Duration.ofMinutes(1));
        fx.taskService.delete(UserId.of(ALICE), TaskId.of(taskId));
        fx.salesforce.userEdits(sf.id(), Map.of("Subject", "edited in Salesforce"));

        fx.deliverNotificationsFor(sf.id());
        fx.pushStream();

        assertThat(fx.tasks.live(ALICE)).isEmpty();
        assertThat(fx.salesforce.get(sf.id()).deleted()).isTrue();
        assertThat(fx.conflicts.all()).singleElement().satisfies(c -> {
            assertThat(c.field()).isNull();
            assertThat(c.winner()).isEqualTo(Origin.SALES_CONNECT);
        });
    }

    @Test
    void deletedRowInACompletionQuery_isAppliedAsADeletion() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        fx.deliverNotificationsFor(sf.id());
        fx.salesforce.userEdits(sf.id(), Map.of("Subject", "y"));
        OutboundMessage.Notification partial = fx.salesforce.notificationFor(sf.id(), Set.of("OwnerId"));
        fx.salesforce.userDeletes(sf.id());

        fx.deliver(fx.salesforce.message(partial));

        assertThat(imported(sf.id()).deleted()).isTrue();
        assertThat(fx.links.findBySfId(OrgId.of(FakeSalesforce.ORG_ID), SalesforceId.of(sf.id())).orElseThrow().state())
                .isEqualTo(LinkState.DELETED);
    }

    // ---- owners ----

    @Test
    void ownerChange_movesTheTaskFromAlicesListToBobs() {
        fx.connect(BOB, BOB_SF);
        fx.enable(BOB);
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        fx.deliverNotificationsFor(sf.id());

        fx.salesforce.userEdits(sf.id(), Map.of("OwnerId", BOB_SF));
        fx.deliverNotificationsFor(sf.id());

        ScTask alices = imported(sf.id());
        assertThat(alices.deleted()).isTrue();
        assertThat(alices.changeOrigin()).isEqualTo(Origin.SALESFORCE);
        assertThat(fx.tasks.live(BOB)).singleElement().extracting(ScTask::taskId)
                .isEqualTo(SalesforceIds.importedTaskId(sf.id()));
        assertThat(fx.links.findBySfId(OrgId.of(FakeSalesforce.ORG_ID),
                SalesforceId.of(sf.id())).orElseThrow().userId()).isEqualTo(BOB);
        assertThat(fx.salesforce.get(sf.id()).deleted()).isFalse();
        // Nothing is deleted in Salesforce by the tombstone on Alice's side.
        assertThat(fx.pushStream()).isEmpty();
        assertThat(fx.salesforce.writeCalls()).isZero();
    }

    @Test
    void ownerChange_toSomeoneWithoutSync_removesItFromAlice_andALateAliceMessageStaysIgnored() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        fx.deliverNotificationsFor(sf.id());
        OutboundMessage.Notification late = fx.salesforce.notificationFor(sf.id());
        fx.salesforce.userEdits(sf.id(), Map.of("OwnerId", BOB_SF));

        fx.deliverNotificationsFor(sf.id());
        fx.deliver(fx.salesforce.message(late));

        assertThat(fx.tasks.live(ALICE)).isEmpty();
        assertThat(fx.tasks.all()).hasSize(1);
    }

    @Test
    void ownerChangeBack_bringsTheTaskBackToAlice() {
        fx.connect(BOB, BOB_SF);
        fx.enable(BOB);
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        fx.deliverNotificationsFor(sf.id());
        fx.salesforce.userEdits(sf.id(), Map.of("OwnerId", BOB_SF));
        fx.deliverNotificationsFor(sf.id());

        fx.salesforce.userEdits(sf.id(), Map.of("OwnerId", ALICE_SF, "Subject", "back"));
        fx.deliverNotificationsFor(sf.id());

        assertThat(fx.tasks.live(BOB)).isEmpty();
        assertThat(fx.tasks.live(ALICE)).singleElement().satisfies(t -> assertThat(t.fields().subject())
                .isEqualTo("back"));
    }

    @Test
    void salesforceOutage_whileCompletingAMessage_leavesItUnacknowledged() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        OutboundMessage msg = fx.salesforce.message(fx.salesforce.notificationFor(sf.id(), Set.of("OwnerId")));
        fx.salesforce.fail(FakeSalesforce.Failure.UNAVAILABLE, null, 1);

        assertThatThrownBy(() -> fx.deliver(msg)).isInstanceOf(SalesforceUnavailableException.class);
        assertThat(fx.notifications.size()).isZero();
        fx.deliver(msg);
        assertThat(fx.tasks.live(ALICE)).hasSize(1);
    }

    // ---- without a usable Salesforce session: the internet-facing function never renews one ----

    @Test
    void withoutASharedSession_anIncompleteNotificationIsLeftToTheSweep_acknowledged_andNoConnectionIsWritten() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        OutboundMessage msg = fx.salesforce.message(fx.salesforce.notificationFor(sf.id(), Set.of("OwnerId")));
        SalesforceConnection before = fx.connections.get(UserId.of(ALICE)).orElseThrow();
        connectionWritesFail();
        fx.salesforce.failAlways(FakeSalesforce.Failure.SESSION_UNAVAILABLE);

        InboundResult result = fx.deliver(msg);

        assertThat(result.applied()).isZero();
        assertThat(fx.tasks.live(ALICE)).isEmpty();
        assertThat(fx.connections.get(UserId.of(ALICE))).contains(before);
        fx.salesforce.heal();
        fx.connections.faults.clear();
        fx.clock.advance(Duration.ofMinutes(5));
        fx.sweep(ALICE);
        assertThat(imported(sf.id()).fields().subject()).isEqualTo("x");
    }

    @Test
    void withoutASharedSession_aNotificationWhoseStatusNeedsTheOrgsPicklist_isLeftToTheSweep_notRecordedAsApplied() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        // Every field the sync maps, but not IsClosed: completion must come from the org's TaskStatus picklist.
        OutboundMessage msg = fx.salesforce.message(fx.salesforce.notificationFor(sf.id(),
                InboundSync.REQUIRED_FIELDS));
        connectionWritesFail();
        fx.salesforce.failAlways(FakeSalesforce.Failure.SESSION_UNAVAILABLE);

        InboundResult result = fx.deliver(msg);

        assertThat(result.ignored()).isEqualTo(1);
        assertThat(fx.notifications.size()).as("a redelivery may apply it").isZero();
        assertThat(fx.tasks.live(ALICE)).isEmpty();
        fx.salesforce.heal();
        fx.connections.faults.clear();
        fx.clock.advance(Duration.ofMinutes(5));
        fx.sweep(ALICE);
        assertThat(imported(sf.id()).fields().subject()).isEqualTo("x");
    }

    @Test
    void withoutASharedSession_aMergeIsApplied_andWhatSalesConnectWonWaitsForTheSweep() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        fx.deliverNotificationsFor(sf.id());
        String taskId = SalesforceIds.importedTaskId(sf.id());
        fx.clock.advance(Duration.ofMinutes(1));
        fx.taskService.complete(UserId.of(ALICE), TaskId.of(taskId));
        fx.tasks.takeStream();
        fx.salesforce.userEdits(sf.id(), Map.of("Subject", "edited in Salesforce"));
        connectionWritesFail();
        fx.salesforce.failAlways(FakeSalesforce.Failure.SESSION_UNAVAILABLE);

        fx.deliverNotificationsFor(sf.id());

        assertThat(imported(sf.id()).fields().subject()).isEqualTo("edited in Salesforce");
        assertThat(fx.pendingPushes.all()).singleElement().extracting(PendingPush::taskId).isEqualTo(taskId);
        fx.salesforce.heal();
        fx.connections.faults.clear();
        fx.clock.advance(Duration.ofMinutes(5));
        fx.sweep(ALICE);
        assertThat(fx.salesforce.get(sf.id()).isClosed()).isTrue();
        assertThat(fx.pendingPushes.all()).isEmpty();
    }

    @Test
    void withoutASharedSession_aPushBackBecomesAPendingPushDueNow_andTheConnectionStaysAsItIs() {
        String sfId = mergeWithAPushBack();
        String taskId = SalesforceIds.importedTaskId(sfId);
        SalesforceConnection before = fx.connections.get(UserId.of(ALICE)).orElseThrow();
        connectionWritesFail();
        fx.salesforce.fail(FakeSalesforce.Failure.SESSION_UNAVAILABLE, "update", 1);

        fx.deliverNotificationsFor(sfId);

        assertThat(fx.pendingPushes.all()).singleElement().satisfies(p -> {
            assertThat(p.taskId()).isEqualTo(taskId);
            assertThat(p.nextAttemptAt()).isEqualTo(fx.clock.instant());
        });
        assertThat(fx.connections.get(UserId.of(ALICE))).contains(before);
    }

    @Test
    void aRefusedLogin_seenByTheInboundFunction_isNotMarkedThere_thePushWaitsForTheSweep() {
        String sfId = mergeWithAPushBack();
        String taskId = SalesforceIds.importedTaskId(sfId);
        connectionWritesFail();
        fx.salesforce.fail(FakeSalesforce.Failure.CONNECTION_BROKEN, "update", 1);

        fx.deliverNotificationsFor(sfId);

        assertThat(fx.connections.get(UserId.of(ALICE)).orElseThrow().state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(fx.pendingPushes.all()).singleElement().extracting(PendingPush::taskId).isEqualTo(taskId);
    }

    /**
     * A linked task edited on both sides, Sales Connect's edit later: delivering its notification pushes back.
     * Returns its Salesforce id.
     */
    private String mergeWithAPushBack() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "x");
        fx.deliverNotificationsFor(sf.id());
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sf.id(), Map.of("Priority", "High"));
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(SalesforceIds.importedTaskId(sf.id())),
                TaskFields.todo("sc edit"));
        fx.tasks.takeStream();
        return sf.id();
    }

    /** Any connection write fails the test: salesforce-inbound may not write connections (IAM denies it). */
    private void connectionWritesFail() {
        fx.connections.faults.failNext("save", Integer.MAX_VALUE,
                () -> new IllegalStateException("salesforce-inbound wrote a connection"));
    }

    /** The same Salesforce version (same SystemModstamp) with another subject: an edit within the same second. */
    private static SfTask withSubject(SfTask t, String subject) {
        return new SfTask(t.id(), t.ownerId(), subject, t.description(), t.activityDate(), t.status(), t.isClosed(),
                t.priority(), t.reminderDateTime(), t.isReminderSet(), t.taskSubtype(), t.whoId(), t.whatId(),
                t.createdDate(), t.lastModifiedDate(), t.systemModstamp(), t.isDeleted());
    }
}
