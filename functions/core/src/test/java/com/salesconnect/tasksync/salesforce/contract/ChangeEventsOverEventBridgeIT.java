package com.salesconnect.tasksync.salesforce.contract;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.emulator.cdc.ChangeEventRelay;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.runtime.LambdaJson;
import com.salesconnect.tasksync.salesforce.ChangeEvent;
import com.salesconnect.tasksync.salesforce.ChangeEventCodec;
import com.salesconnect.tasksync.salesforce.ChangeOrigins;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.salesforce.SfWrite;
import com.salesconnect.tasksync.store.dynamodb.DynamoDbStores;
import com.salesconnect.tasksync.sync.ChangeEventResult;
import com.salesconnect.tasksync.sync.ChangeEventSync;
import com.salesconnect.tasksync.sync.SettingsService;
import com.salesconnect.tasksync.sync.SweepService;
import com.salesconnect.tasksync.sync.SyncStores;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.testing.FakeSyncEventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.salesconnect.tasksync.salesforce.contract.EmulatedSalesforce.DEMO;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator's Change Data Capture, relayed as Event Relay does into an EventBridge bus on the AWS engine, routed
 * by a rule to an SQS queue (where Lambda's target would be), decoded with {@link ChangeEventCodec} and applied by
 * {@link ChangeEventSync} over the real adapters (DynamoDB, HTTP to the emulator).
 */
@AwsEngineTest
class ChangeEventsOverEventBridgeIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AwsResources aws;
    private final EmulatedSalesforce org;
    private final DynamoDbStores db;
    private final String userId = EmulatedSalesforce.uniqueUser();
    private final String bus = "relay-" + UUID.randomUUID().toString().substring(0, 8);
    private final String queueUrl;
    private final SettingsService settings;
    private final SweepService sweep;
    private final ChangeEventSync changeEvents;

    ChangeEventsOverEventBridgeIT(AwsResources aws) {
        this.aws = aws;
        org = new EmulatedSalesforce(aws);
        db = org.stores;
        SyncStores stores = new SyncStores(db.tasks(), db.links(), db.settings(), db.connections(),
                db.pendingPushes(), db.conflicts(), db.notifications(), db.orgLimits(), db.orgProbes(), db.webhooks());
        FakeSyncEventPublisher events = new FakeSyncEventPublisher();
        settings = new SettingsService(db.settings(), db.connections(), events, org.clock);
        sweep = new SweepService(stores, org.apis, events, org.clock);
        changeEvents = new ChangeEventSync(stores, org.apis, org.clock);

        aws.eventBridge().createEventBus(r -> r.name(bus));
        queueUrl = aws.sqs().createQueue(r -> r.queueName(bus)).queueUrl();
        String queueArn = aws.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        // The template's rule pattern (SalesforceChangeEventRule).
        aws.eventBridge().putRule(r -> r.name(bus).eventBusName(bus).eventPattern("""
                {"source": [{"prefix": "aws.partner/salesforce.com/"}],
                 "detail": {"payload": {"ChangeEventHeader": {"entityName": ["Task"]}}}}"""));
        aws.eventBridge().putTargets(r -> r.rule(bus).eventBusName(bus).targets(t -> t.id("q").arn(queueArn)));
        AwsCredentials credentials = aws.credentials().resolveCredentials();
        org.sf.changeEvents().relayTo(new ChangeEventRelay.Target(aws.endpoint(), aws.region().id(), bus,
                credentials.accessKeyId(), credentials.secretAccessKey()));
    }

    @AfterEach
    void stop() {
        org.sf.changeEvents().relayTo(null);
        org.close();
    }

    /** Every event the bus routed to the queue since the last call, decoded as the handler decodes them. */
    private List<ChangeEvent> received() {
        assertThat(org.sf.changeEvents().awaitIdle(WAIT)).isTrue();
        List<ChangeEvent> out = new ArrayList<>();
        for (int empty = 0; empty < 2; ) {
            List<Message> messages = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            if (messages.isEmpty()) {
                empty++;
            }
            for (Message m : messages) {
                @SuppressWarnings("unchecked")
                Map<String, Object> event = (Map<String, Object>) LambdaJson.read(m.body());
                out.add(ChangeEventCodec.decode(event));
                aws.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        return out;
    }

    private List<ScTask> liveTasks() {
        return db.tasks().list(UserId.of(userId), null, 100).items().stream().filter(t -> !t.deleted()).toList();
    }

    private void demoSyncs() {
        org.connect(userId, DEMO);
        settings.enable(UserId.of(userId), ZoneOffset.UTC);
        sweep.runForUser(UserId.of(userId));
        received(); // nothing of the first sync is left on the bus
    }

    @Test
    void createEditDeleteUndelete_inTheUi_reachSalesConnect_throughTheBus_withoutAnySweep() {
        demoSyncs();
        SObjectRecord task = org.sf.org().createTask(DEMO, Map.of("Subject", "Call Ada", "ActivityDate", "TODAY+1"));
        List<ChangeEvent> created = received();
        assertThat(created).singleElement().satisfies(e -> {
            assertThat(e.changeType()).isEqualTo(ChangeEvent.ChangeType.CREATE);
            assertThat(e.orgId()).isEqualTo(org.sf.org().id());
            assertThat(e.recordIds()).containsExactly(task.id());
            assertThat(e.ownerId()).isEqualTo(org.sfUserId(DEMO));
            assertThat(e.originClient()).isEmpty();
        });
        created.forEach(changeEvents::apply);
        assertThat(liveTasks()).singleElement().satisfies(t -> assertThat(t.fields().subject()).isEqualTo("Call Ada"));

        org.clock.advance(Duration.ofSeconds(5));
        org.sf.org().updateTask(DEMO, task.id(), Map.of("Status", "Completed"));
        List<ChangeEvent> edited = received();
        assertThat(edited).singleElement().satisfies(e -> assertThat(e.changedFields()).contains("Status"));
        edited.forEach(changeEvents::apply);
        assertThat(liveTasks()).singleElement().satisfies(t -> assertThat(t.fields().completed()).isTrue());

        org.clock.advance(Duration.ofSeconds(5));
        org.sf.org().deleteTask(DEMO, task.id());
        List<ChangeEvent> deleted = received();
        assertThat(deleted).extracting(ChangeEvent::changeType).containsExactly(ChangeEvent.ChangeType.DELETE);
        deleted.forEach(changeEvents::apply);
        assertThat(liveTasks()).isEmpty();

        org.clock.advance(Duration.ofSeconds(5));
        org.sf.org().undeleteTask(DEMO, task.id());
        List<ChangeEvent> undeleted = received();
        assertThat(undeleted).extracting(ChangeEvent::changeType).containsExactly(ChangeEvent.ChangeType.UNDELETE);
        undeleted.forEach(changeEvents::apply);
        assertThat(liveTasks()).singleElement().satisfies(t -> assertThat(t.taskId()).endsWith(task.id()));
    }

    @Test
    void ourOwnWrite_carriesOurClientId_andCostsNoCall() {
        demoSyncs();
        SalesforceApi api = org.apis.forConnection(db.connections().get(UserId.of(userId)).orElseThrow());
        String id = ((SaveResult.Saved) api.create(List.of(new SfWrite("ref-1", null, Map.of("Subject",
                "Pushed by the sync", "OwnerId", org.sfUserId(DEMO))))).get(0)).id();
        List<ChangeEvent> events = received();
        long calls = org.sf.org().apiUsage().used();

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.recordIds()).containsExactly(id);
            assertThat(e.originClient()).contains(ChangeOrigins.CLIENT_ID);
        });
        assertThat(changeEvents.apply(events.get(0)).outcome()).isEqualTo(ChangeEventResult.Outcome.OWN_CHANGE);
        assertThat(org.sf.org().apiUsage().used()).isEqualTo(calls);
    }

    /** The deletions of one call are one DELETE event holding every id (Salesforce merges such changes). */
    @Test
    void deletionsOfOneCall_areOneEventWithEveryId() {
        demoSyncs();
        SalesforceApi api = org.apis.forConnection(db.connections().get(UserId.of(userId)).orElseThrow());
        List<String> ids = new ArrayList<>();
        for (String subject : List.of("Call Fay", "Call Gus", "Call Hal")) {
            ids.add(org.sf.org().createTask(DEMO, Map.of("Subject", subject)).id());
        }
        received().forEach(changeEvents::apply);
        org.clock.advance(Duration.ofSeconds(5));

        assertThat(api.delete(ids.stream().map(SalesforceId::of).toList()))
                .allMatch(SaveResult.Saved.class::isInstance);
        List<ChangeEvent> events = received();

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.changeType()).isEqualTo(ChangeEvent.ChangeType.DELETE);
            assertThat(e.recordIds()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(e.originClient()).contains(ChangeOrigins.CLIENT_ID);
        });
    }

    @Test
    void faults_duplicateReorderGap_changeNothingOfTheOutcome() {
        demoSyncs();
        SObjectRecord task = org.sf.org().createTask(DEMO, Map.of("Subject", "Call Bob"));
        received().forEach(changeEvents::apply);
        org.sf.changeEvents().duplicateNext(1);
        org.sf.changeEvents().reorderNext(1);
        org.clock.advance(Duration.ofSeconds(5));
        org.sf.org().updateTask(DEMO, task.id(), Map.of("Subject", "Call Bob again"));
        org.clock.advance(Duration.ofSeconds(5));
        org.sf.org().deleteTask(DEMO, task.id());
        org.sf.changeEvents().gapNext(1);
        org.clock.advance(Duration.ofSeconds(5));
        SObjectRecord other = org.sf.org().createTask(DEMO, Map.of("Subject", "Call Cy"));

        List<ChangeEvent> events = received();
        events.forEach(changeEvents::apply);

        assertThat(events).extracting(ChangeEvent::changeType).contains(ChangeEvent.ChangeType.GAP_CREATE);
        assertThat(events.stream().filter(e -> e.recordIds().contains(task.id()))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(liveTasks()).singleElement().satisfies(t -> {
            assertThat(t.taskId()).endsWith(other.id());
            assertThat(t.fields().subject()).isEqualTo("Call Cy");
        });
        assertThat(db.orgLimits().changeEvents(OrgId.of(org.sf.org().id())).flowing(org.clock.instant(),
                Duration.ofHours(1))).as("a GAP: the org's sweeps run at full pace").isFalse();
    }

    /**
     * The emulator's other two faults: a dropped event (the deletion never arrives; the hourly safety net applies it)
     * and an overflow (one GAP_OVERFLOW with no ids in place of the event: the org's sweeps run at full pace again).
     */
    @Test
    void faults_aDroppedDeletionIsAppliedByTheSafetyNet_anOverflowBringsFullPaceBack() {
        demoSyncs();
        SObjectRecord task = org.sf.org().createTask(DEMO, Map.of("Subject", "Call Dee"));
        received().forEach(changeEvents::apply);
        org.sf.changeEvents().dropNext(1);
        org.clock.advance(Duration.ofSeconds(5));
        org.sf.org().deleteTask(DEMO, task.id());

        assertThat(received()).as("the deletion's event is lost").isEmpty();
        assertThat(liveTasks()).hasSize(1);
        org.clock.advance(Duration.ofMinutes(61));
        sweep.runForUser(UserId.of(userId));
        assertThat(liveTasks()).as("applied by the hourly sweep").isEmpty();

        org.sf.changeEvents().overflowNext(1);
        org.clock.advance(Duration.ofSeconds(5));
        org.sf.org().createTask(DEMO, Map.of("Subject", "Call Eve"));
        List<ChangeEvent> overflow = received();

        assertThat(overflow).singleElement().satisfies(e -> {
            assertThat(e.changeType()).isEqualTo(ChangeEvent.ChangeType.GAP_OVERFLOW);
            assertThat(e.recordIds()).isEmpty();
        });
        overflow.forEach(changeEvents::apply);
        assertThat(db.orgLimits().changeEvents(OrgId.of(org.sf.org().id())).flowing(org.clock.instant(),
                Duration.ofHours(1))).as("an overflow: the org's sweeps run at full pace").isFalse();
    }
}
