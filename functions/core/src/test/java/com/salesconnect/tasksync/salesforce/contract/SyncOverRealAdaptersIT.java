package com.salesconnect.tasksync.salesforce.contract;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.emulator.outbound.DeliveryLogEntry;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.salesforce.OutboundMessageCodec;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.WebhookTokens;
import com.salesconnect.tasksync.store.SyncHealthStore;
import com.salesconnect.tasksync.store.WebhookStore;
import com.salesconnect.tasksync.store.dynamodb.DynamoDbStores;
import com.salesconnect.tasksync.sync.InboundResult;
import com.salesconnect.tasksync.sync.InboundSync;
import com.salesconnect.tasksync.sync.OutboundSync;
import com.salesconnect.tasksync.sync.SettingsService;
import com.salesconnect.tasksync.sync.WebhookAuth;
import com.salesconnect.tasksync.sync.SweepResult;
import com.salesconnect.tasksync.sync.SweepService;
import com.salesconnect.tasksync.sync.SyncStores;
import com.salesconnect.tasksync.sync.TaskChange;
import com.salesconnect.tasksync.sync.TaskService;
import com.salesconnect.tasksync.task.Priority;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskType;
import com.salesconnect.tasksync.testing.FakeSyncEventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.salesconnect.tasksync.salesforce.contract.EmulatedSalesforce.DEMO;
import static com.salesconnect.tasksync.salesforce.contract.EmulatedSalesforce.SAM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync services wired as the functions wire them, with nothing faked but the event bus: DynamoDB stores on the
 * AWS engine, the KMS cipher, and DefaultSalesforceApiFactory over HTTP to the emulator. Stream records are the
 * tasks as stored (what the table's NEW_IMAGE carries); outbound messages are the ones the emulator posts.
 */
@AwsEngineTest
class SyncOverRealAdaptersIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EmulatedSalesforce org;
    private final String webhookToken = WebhookTokens.generate(new SecureRandom());
    private final SoapListener listener;
    private final OutboundMessageCodec codec = new OutboundMessageCodec();
    private final String userId = EmulatedSalesforce.uniqueUser();
    private final SettingsService settings;
    private final TaskService tasks;
    private final OutboundSync outbound;
    private final InboundSync inbound;
    private final SweepService sweep;
    private final DynamoDbStores db;

    SyncOverRealAdaptersIT(AwsResources aws) {
        org = new EmulatedSalesforce(aws);
        listener = new SoapListener(webhookToken);
        db = org.stores;
        SyncStores stores = new SyncStores(db.tasks(), db.links(), db.settings(), db.connections(),
                db.pendingPushes(), db.conflicts(), db.notifications(), db.orgLimits(), db.orgProbes(), db.webhooks(),
                SyncHealthStore.NOT_KEPT, db.userConfigs());
        FakeSyncEventPublisher events = new FakeSyncEventPublisher();
        settings = new SettingsService(db.settings(), db.connections(), events, org.clock);
        tasks = new TaskService(db.tasks(), org.clock, () -> "sc-" + UUID.randomUUID());
        outbound = new OutboundSync(stores, org.apis, org.clock);
        inbound = new InboundSync(stores, org.apis, org.clock);
        sweep = new SweepService(stores, org.apis, events, org.clock);
    }

    @AfterEach
    void stop() {
        org.close();
        listener.close();
    }

    private SObjectRecord seed(String owner, String subject, String changed) {
        return org.sf.org().seedTask(owner, Map.of("Subject", subject, "CreatedDate", changed,
                "LastModifiedDate", changed));
    }

    private List<ScTask> scTasks() {
        return db.tasks().list(UserId.of(userId), null, 100).items();
    }

    /** What the tasks table's stream hands the outbound function for a write: the item as stored. */
    private List<String> streamed(ScTask stored) {
        return outbound.process(List.of(new TaskChange("rec-" + UUID.randomUUID(), stored.userId(), stored.taskId(),
                null, stored, false)));
    }

    /** Every message the emulator posted since the last call, parsed, each applied as the inbound function would. */
    private List<InboundResult> deliverOutboundMessages(int alreadyDelivered) {
        assertThat(org.sf.awaitOutboundIdle(WAIT)).isTrue();
        return listener.received().stream().skip(alreadyDelivered).map(r -> {
            OutboundMessage message = codec.parse(r.body());
            WebhookAuth auth = inbound.authenticate(r.token(), message.organizationId());
            assertThat(auth).isInstanceOf(WebhookAuth.Authenticated.class);
            return inbound.apply(OrgId.of(((WebhookAuth.Authenticated) auth).orgId()), message);
        }).toList();
    }

    @Test
    void firstSync_importsExactlyTheOwnersTasksChangedInTheLast24Hours_thenBothDirectionsFlow() {
        SObjectRecord old = seed(DEMO, "Changed 30 hours ago", "NOW-30h");
        SObjectRecord recent = seed(DEMO, "Changed 2 hours ago", "NOW-2h");
        seed(SAM, "Someone else's, 2 hours ago", "NOW-2h");
        org.connect(userId, DEMO);
        String orgId = org.sf.org().id();
        db.webhooks().createIfAbsent(new WebhookStore.Webhook(orgId, WebhookTokens.hash(webhookToken),
                org.cipher.encrypt(webhookToken, TokenContext.webhookToken(orgId))));
        org.sf.org().setOutboundEndpoint(listener.endpoint());

        settings.enable(UserId.of(userId), ZoneOffset.UTC);
        SweepResult first = sweep.runForUser(UserId.of(userId));

        assertThat(first.kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);
        assertThat(scTasks()).singleElement().satisfies(t -> {
            assertThat(t.taskId()).isEqualTo(SalesforceIds.IMPORTED_PREFIX + recent.id());
            assertThat(t.fields().subject()).isEqualTo("Changed 2 hours ago");
        });
        assertThat(db.links().findBySfId(OrgId.of(orgId), SalesforceId.of(old.id()))).isEmpty();

        // Sales Connect -> Salesforce: a task created after enabling is pushed, and linked
        org.clock.advance(Duration.ofMinutes(1));
        TaskFields call = new TaskFields("Call Ada", "About the renewal", LocalDate.parse("2026-11-25"), false,
                Priority.HIGH, null, TaskType.CALL, null, null);
        ScTask created = tasks.create(UserId.of(userId), call);

        assertThat(streamed(created)).as("records to retry").isEmpty();

        TaskLink link = db.links().get(UserId.of(userId), TaskId.of(created.taskId())).orElseThrow();
        assertThat(link.state()).isEqualTo(LinkState.LINKED);
        SObjectRecord pushed = org.sf.org().task(link.sfId()).orElseThrow();
        assertThat(pushed.string("Subject")).isEqualTo("Call Ada");
        assertThat(pushed.string("Description")).isEqualTo("About the renewal");
        assertThat(pushed.date("ActivityDate")).isEqualTo(LocalDate.parse("2026-11-25"));
        assertThat(pushed.string("Priority")).isEqualTo("High");
        assertThat(pushed.string("TaskSubtype")).isEqualTo("Call");
        assertThat(pushed.string("OwnerId")).isEqualTo(org.sfUserId(DEMO));

        // the push comes back as an outbound message: an echo, which changes nothing
        List<InboundResult> echo = deliverOutboundMessages(0);
        assertThat(scTasks()).hasSize(2);
        assertThat(db.tasks().get(UserId.of(userId), TaskId.of(created.taskId())).orElseThrow().fields())
                .isEqualTo(call);
        int delivered = listener.received().size();
        assertThat(echo).isNotEmpty();

        // Salesforce -> Sales Connect: an edit in Salesforce arrives as an outbound message and is applied
        org.clock.advance(Duration.ofMinutes(1));
        org.sf.org().updateTask(DEMO, recent.id(), Map.of("Subject", "Edited in Salesforce", "Status", "Completed"));

        List<InboundResult> applied = deliverOutboundMessages(delivered);

        assertThat(applied).singleElement().satisfies(r -> assertThat(r.applied()).isEqualTo(1));
        ScTask imported = db.tasks().get(UserId.of(userId), TaskId.of(SalesforceIds.IMPORTED_PREFIX + recent.id()))
                .orElseThrow();
        assertThat(imported.fields().subject()).isEqualTo("Edited in Salesforce");
        assertThat(imported.fields().completed()).isTrue();
        assertThat(scTasks()).hasSize(2);
    }

    @Test
    void aRecurringSeries_importsItsOccurrences_neverItsMaster_andAnEmptiedRecycleBinReachesSalesConnect() {
        List<SObjectRecord> series = aWeeklySeriesOfTwo_thenSyncOn();

        String master = series.get(0).id();
        assertThat(db.tasks().get(UserId.of(userId), TaskId.of(SalesforceIds.IMPORTED_PREFIX + master))).isEmpty();
        String occurrence = series.get(1).id();
        assertThat(db.tasks().get(UserId.of(userId), TaskId.of(SalesforceIds.IMPORTED_PREFIX + occurrence)))
                .isPresent();
        assertThat(db.tasks().get(UserId.of(userId), TaskId.of(SalesforceIds.IMPORTED_PREFIX + series.get(2).id())))
                .isPresent();

        // Deleted and emptied from the recycle bin between two sweeps: only the deletion log can tell.
        org.clock.advance(Duration.ofMinutes(2));
        org.sf.org().deleteTask(DEMO, occurrence);
        org.sf.org().purgeTask(occurrence);
        org.clock.advance(Duration.ofMinutes(5));
        sweep.runForUser(UserId.of(userId));

        assertThat(db.tasks().get(UserId.of(userId), TaskId.of(SalesforceIds.IMPORTED_PREFIX + occurrence)))
                .hasValueSatisfying(
                t -> assertThat(t.deleted()).isTrue());
        assertThat(db.tasks().get(UserId.of(userId), TaskId.of(SalesforceIds.IMPORTED_PREFIX + series.get(2).id())))
                .hasValueSatisfying(
                t -> assertThat(t.deleted()).isFalse());
    }

    /** A recurring series (master, then two occurrences) of demo's, then demo's sync on and its first sync run. */
    private List<SObjectRecord> aWeeklySeriesOfTwo_thenSyncOn() {
        List<SObjectRecord> series = org.sf.org().createRecurringTask(DEMO, Map.of("Subject", "Weekly review"),
                List.of(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 8)));
        org.connect(userId, DEMO);
        settings.enable(UserId.of(userId), ZoneOffset.UTC);
        assertThat(sweep.runForUser(UserId.of(userId)).kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);
        return series;
    }

    /**
     * A Sales Connect edit, then a deletion, of one occurrence of a recurring series reaches that occurrence only: the
     * series' master and its other occurrence stay as they were, live.
     */
    @Test
    void aRecurringSeries_anEditAndADeletionOfOneOccurrence_leaveTheMasterAndTheOtherOccurrencesAlone() {
        List<SObjectRecord> series = aWeeklySeriesOfTwo_thenSyncOn();
        SObjectRecord master = org.sf.org().task(series.get(0).id()).orElseThrow();
        SObjectRecord other = org.sf.org().task(series.get(2).id()).orElseThrow();
        String occurrence = series.get(1).id();
        TaskId occurrenceTask = TaskId.of(SalesforceIds.IMPORTED_PREFIX + occurrence);

        org.clock.advance(Duration.ofMinutes(1));
        ScTask edited = tasks.update(UserId.of(userId), occurrenceTask,
                f -> f.with(TaskFields.Field.SUBJECT, "Weekly review, moved"));
        assertThat(streamed(edited)).isEmpty();

        assertThat(org.sf.org().task(occurrence).orElseThrow().string("Subject")).isEqualTo("Weekly review, moved");
        assertThat(org.sf.org().task(master.id()).orElseThrow().values()).isEqualTo(master.values());
        assertThat(org.sf.org().task(other.id()).orElseThrow().values()).isEqualTo(other.values());

        org.clock.advance(Duration.ofMinutes(1));
        tasks.delete(UserId.of(userId), occurrenceTask);
        assertThat(streamed(db.tasks().get(UserId.of(userId), occurrenceTask).orElseThrow())).isEmpty();

        assertThat(org.sf.org().task(occurrence).orElseThrow().bool("IsDeleted")).isTrue();
        assertThat(org.sf.org().task(master.id()).orElseThrow().values()).isEqualTo(master.values());
        assertThat(org.sf.org().task(other.id()).orElseThrow().values()).isEqualTo(other.values());
        assertThat(db.tasks().get(UserId.of(userId), TaskId.of(SalesforceIds.IMPORTED_PREFIX + other.id())))
                .hasValueSatisfying(t -> assertThat(t.deleted()).isFalse());
    }

    @Test
    void sweep_catchesAnEditWhoseMessageWasLost_appliesASalesforceDeletion_andACompletionReachesSalesforce() {
        SObjectRecord kept = seed(DEMO, "Edited later", "NOW-2h");
        SObjectRecord doomed = seed(DEMO, "Completed, then deleted", "NOW-1h");
        org.connect(userId, DEMO);
        settings.enable(UserId.of(userId), ZoneOffset.UTC);
        assertThat(sweep.runForUser(UserId.of(userId)).kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);
        String keptTask = SalesforceIds.IMPORTED_PREFIX + kept.id();
        String doomedTask = SalesforceIds.IMPORTED_PREFIX + doomed.id();

        // completed in Sales Connect: the org's closed status reaches Salesforce
        org.clock.advance(Duration.ofMinutes(1));
        assertThat(streamed(tasks.complete(UserId.of(userId), TaskId.of(doomedTask)))).isEmpty();
        SObjectRecord completed = org.sf.org().task(doomed.id()).orElseThrow();
        assertThat(completed.string("Status")).isEqualTo("Completed");
        assertThat(completed.bool("IsClosed")).isTrue();

        // in Salesforce, with no outbound message arriving: an edit, and a deletion (which never sends one)
        org.clock.advance(Duration.ofMinutes(1));
        org.sf.org().updateTask(DEMO, kept.id(), Map.of("Subject", "Edited in Salesforce", "Priority", "Low"));
        org.sf.org().deleteTask(DEMO, doomed.id());
        org.clock.advance(Duration.ofMinutes(5));

        SweepResult swept = sweep.runForUser(UserId.of(userId));

        assertThat(swept.kind()).isEqualTo(SweepResult.Kind.INCREMENTAL);
        ScTask edited = db.tasks().get(UserId.of(userId), TaskId.of(keptTask)).orElseThrow();
        assertThat(edited.fields().subject()).isEqualTo("Edited in Salesforce");
        assertThat(edited.fields().priority()).isEqualTo(Priority.LOW);
        assertThat(db.tasks().get(UserId.of(userId), TaskId.of(doomedTask)))
                .hasValueSatisfying(t -> assertThat(t.deleted()).isTrue());
        assertThat(scTasks()).extracting(ScTask::taskId).containsExactly(keptTask);
        assertThat(db.links().findBySfId(OrgId.of(org.sf.org().id()), SalesforceId.of(doomed.id())))
                .hasValueSatisfying(l -> assertThat(l.state()).isEqualTo(LinkState.DELETED));

        // a second sweep re-reads the overlap and changes nothing; with no org probe it reads both change logs and
        // its query's first page in one API call
        long callsBefore = org.apiCallsUsed();
        assertThat(sweep.runForUser(UserId.of(userId)).kind()).isEqualTo(SweepResult.Kind.INCREMENTAL);
        assertThat(org.apiCallsUsed() - callsBefore).as("one composite request, where three requests went").isOne();
        assertThat(db.tasks().get(UserId.of(userId), TaskId.of(keptTask))).contains(edited);
        assertThat(scTasks()).extracting(ScTask::taskId).containsExactly(keptTask);
    }

    @Test
    void duplicatedAndReorderedMessages_areAppliedOnce_andAnOlderVersionNeverOverwritesANewerOne()
            throws InterruptedException {
        SObjectRecord task = seed(DEMO, "Imported", "NOW-2h");
        org.connect(userId, DEMO);
        String orgId = org.sf.org().id();
        db.webhooks().createIfAbsent(new WebhookStore.Webhook(orgId, WebhookTokens.hash(webhookToken),
                org.cipher.encrypt(webhookToken, TokenContext.webhookToken(orgId))));
        settings.enable(UserId.of(userId), ZoneOffset.UTC);
        sweep.runForUser(UserId.of(userId));
        org.sf.org().setOutboundEndpoint(listener.endpoint());
        // the next two messages are held and sent newest first; the first one sent goes out twice
        org.sf.outbound().reorderNext(2);
        org.sf.outbound().duplicateNext(1);

        org.clock.advance(Duration.ofMinutes(1));
        org.sf.org().updateTask(DEMO, task.id(), Map.of("Subject", "First edit"));
        awaitLogged(DeliveryLogEntry.Outcome.HELD, 1);
        org.clock.advance(Duration.ofMinutes(1));
        org.sf.org().updateTask(DEMO, task.id(), Map.of("Subject", "Second edit"));

        List<InboundResult> results = deliverOutboundMessages(0);

        List<String> subjects = listener.received().stream()
                .map(r -> codec.parse(r.body()).notifications().get(0).task().subject()).toList();
        assertThat(subjects).containsExactly("Second edit", "Second edit", "First edit");
        assertThat(results).containsExactly(new InboundResult(1, 0, 0), new InboundResult(0, 0, 1),
                new InboundResult(0, 1, 0));
        assertThat(db.tasks().get(UserId.of(userId),
                TaskId.of(SalesforceIds.IMPORTED_PREFIX + task.id())).orElseThrow().fields().subject())
                .isEqualTo("Second edit");
    }

    private void awaitLogged(DeliveryLogEntry.Outcome outcome, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (org.sf.outboundLog().stream().filter(e -> e.outcome() == outcome).count() < count) {
            assertThat(System.nanoTime()).as("waiting for %s x%d", outcome, count).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
