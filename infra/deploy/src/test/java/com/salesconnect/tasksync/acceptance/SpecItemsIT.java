package com.salesconnect.tasksync.acceptance;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.awsengine.DynamoDbStreamReader;
import com.salesconnect.tasksync.deploy.IamPolicy;
import com.salesconnect.tasksync.deploy.Template;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.function.enablesync.EnableSyncHandler;
import com.salesconnect.tasksync.function.inbound.SalesforceInboundHandler;
import com.salesconnect.tasksync.function.outbound.TaskStreamOutboundHandler;
import com.salesconnect.tasksync.function.sweep.ReconciliationSweepHandler;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.task.Priority;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskType;
import com.salesconnect.tasksync.wiring.EventFiles;
import com.salesconnect.tasksync.wiring.LiveSync;
import com.salesconnect.tasksync.wiring.SyncComponents;
import com.salesconnect.tasksync.wiring.TestLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §1, items 1 to 7, through the four real handlers: HTTP API events for the Settings page, the Salesforce
 * emulator's real SOAP outbound messages (delivered to the inbound handler through {@link InboundEndpoint}), real
 * DynamoDB stream records read from moto's Streams API, and the EventBridge events the functions publish, taken
 * from moto through a rule and a queue. The Sales Connect app's own task edits are {@code TaskService} calls.
 * Each test starts from empty tables and a fresh Salesforce org, at 2026-11-24 09:00 UTC, with demo connected
 * through the Settings page's connect and callback. The last test holds every AWS call the handlers made against
 * their functions' IAM policies in template.yaml.
 */
@AwsEngineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpecItemsIT {

    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    private static final String USER = LiveSync.USER;
    private static final String DEMO = LiveSync.SF_USERNAME;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsResources aws;
    private InboundEndpoint endpoint;
    private LiveSync live;
    private EnableSyncHandler settingsApi;
    private TaskStreamOutboundHandler streamHandler;
    private ReconciliationSweepHandler sweepHandler;
    private DynamoDbStreamReader stream;
    private LiveSync.BusTap bus;

    @BeforeAll
    void startEndpoint(AwsResources resources) throws IOException {
        aws = resources;
        endpoint = new InboundEndpoint();
        AwsCallRecorder.partitionKeys(partitionKeys());
    }

    @AfterAll
    void stopEndpoint() {
        endpoint.close();
    }

    @BeforeEach
    void freshWorld(TestInfo test) {
        wipe(aws.tableName("TasksTable"), "userId", "taskId");
        wipe(aws.tableName("SyncTable"), "pk", "sk");
        // Refresh-token rotation on, as a connected app may have it: each renewal stores a new refresh token, which
        // only the functions allowed to write connections can do.
        live = LiveSync.start(aws, T0, config -> config.withRefreshTokenRotation(true, Duration.ZERO));
        // One execution environment per function, as in AWS: nothing one function read or cached serves another,
        // so each function's own calls meet its own policy below.
        settingsApi = new EnableSyncHandler(ownComponents());
        streamHandler = new TaskStreamOutboundHandler(ownComponents());
        sweepHandler = new ReconciliationSweepHandler(ownComponents());
        endpoint.route(new SalesforceInboundHandler(ownComponents()));
        live.salesforce.org().setOutboundEndpoint(endpoint.url(LiveSync.WEBHOOK_TOKEN));
        stream = DynamoDbStreamReader.forTable(aws.dynamoDb(), aws.dynamoDbStreams(), aws.tableName("TasksTable"),
                DynamoDbStreamReader.StartingPosition.LATEST);
        bus = live.tapBus("spec-" + test.getTestMethod().orElseThrow().getName().substring(0, 5));
        live.registerWebhookToken();
        connectThroughTheSettingsPage();
    }

    @AfterEach
    void stopWorld() {
        live.close();
    }

    // ------------------------------------------------------------------ the seven items

    @Test
    @Order(1)
    void item1_startAtOnce_theFirstSyncStartsOnSave_andThePageShowsItRunningAndHowFarItGot() throws Exception {
        // Distinct modification times: the import pages by (SystemModstamp, Id), and the emulator orders ids
        // case-sensitively but compares them case-insensitively, so ties on SystemModstamp would page unreliably.
        for (int i = 1; i <= 201; i++) {
            live.salesforce.org().seedTask(DEMO, Map.of("Subject", "Task " + i,
                    "LastModifiedDate", T0.minus(Duration.ofHours(2)).plusSeconds(i)));
        }
        // The org's API allowance ends after the import's first page: the first sync stops half way.
        live.salesforce.org().setDailyApiLimit(live.salesforceState().apiCalls() + 1);

        APIGatewayV2HTTPResponse saved = putSettings("{\"enabled\": true, \"timeZone\": \"Europe/Berlin\"}");

        assertThat(saved.getStatusCode()).isEqualTo(202);
        assertThat(body(saved).get("firstSync").get("state").asText()).isEqualTo("QUEUED");
        assertThat(deliverBusEvents()).as("Save asks the sweep to start at once").containsExactly("SyncEnabled");
        JsonNode running = settings().get("firstSync");
        assertThat(running.get("state").asText()).isEqualTo("RUNNING");
        assertThat(running.get("imported").asInt()).isEqualTo(200);
        assertThat(running.get("startedAt").asText()).isEqualTo(T0.toString());

        live.salesforce.org().setDailyApiLimit(15_000);
        live.advance(Duration.ofMinutes(61));
        tick();

        JsonNode done = settings().get("firstSync");
        assertThat(done.get("state").asText()).isEqualTo("DONE");
        assertThat(done.get("imported").asInt()).as("resumed after the first page, nothing twice").isEqualTo(201);
        assertThat(done.get("finishedAt").isNull()).isFalse();
        assertThat(liveTasks()).hasSize(201);
        JsonNode health = syncHealth();
        assertThat(health.get("lastPulledAt").asText()).as("the page's sync health").isEqualTo(
                done.get("finishedAt").asText());
        assertThat(health.get("waiting")).isEmpty();
        assertThat(health.get("problems")).isEmpty();
    }

    @Test
    @Order(2)
    void item2_firstImport_takesEveryTaskChangedInThe24HoursBeforeEnabling_whateverItsDueDate() throws Exception {
        seed(DEMO, "Created 3 days ago, edited 2 hours ago, no due date",
                Map.of("CreatedDate", "NOW-3d", "LastModifiedDate", "NOW-2h"));
        seed(DEMO, "Changed 23 hours ago, due next month",
                Map.of("LastModifiedDate", "NOW-23h", "ActivityDate", "2026-12-24"));
        seed(DEMO, "Completed an hour ago, due yesterday",
                Map.of("LastModifiedDate", "NOW-1h", "ActivityDate", "2026-11-23", "Status", "Completed"));
        seed(DEMO, "Changed 30 hours ago", Map.of("LastModifiedDate", "NOW-30h"));
        seed("sam@example.com", "Sam's task, changed an hour ago", Map.of("LastModifiedDate", "NOW-1h"));
        Map<String, String> salesforceBefore = live.salesforceState().tasks();

        enable("Europe/Berlin");

        assertThat(liveTasks()).extracting(t -> t.fields().subject()).containsExactlyInAnyOrder(
                "Created 3 days ago, edited 2 hours ago, no due date",
                "Changed 23 hours ago, due next month",
                "Completed an hour ago, due yesterday");
        assertThat(liveTasks()).filteredOn(t -> t.fields().completed()).hasSize(1);
        assertThat(settings().get("firstSync").get("imported").asInt()).isEqualTo(3);
        assertThat(live.salesforceState().tasks()).as("importing writes nothing to Salesforce")
                .isEqualTo(salesforceBefore);
    }

    @Test
    @Order(3)
    void item3_noBackFill_tasksThatExistedBeforeEnablingNeverGoToSalesforce() {
        live.clock.set(T0.minus(Duration.ofHours(1)));
        ScTask old = live.components.taskService().create(UserId.of(USER), todo("Existed before sync was on"));
        pumpStream();
        live.clock.set(T0);
        enable("Europe/Berlin");

        live.advance(Duration.ofMinutes(1));
        live.components.taskService().create(UserId.of(USER), todo("Created after enabling"));
        pumpStream();
        live.advance(Duration.ofMinutes(1));
        live.components.taskService()
                .edit(UserId.of(USER), TaskId.of(old.taskId()), todo("Existed before sync was on, edited"));
        pumpStream();
        live.advance(Duration.ofMinutes(1));
        live.components.taskService().complete(UserId.of(USER), TaskId.of(old.taskId()));
        pumpStream();
        live.advance(Duration.ofMinutes(1));
        live.components.taskService().delete(UserId.of(USER), TaskId.of(old.taskId()));
        pumpStream();
        live.awaitOutboundIdle();

        assertThat(live.salesforce.org().allTasks()).extracting(t -> t.string("Subject"))
                .containsExactly("Created after enabling");
        assertThat(link(old.taskId())).isEmpty();
    }

    @Test
    @Order(4)
    void item4_commandCenter_listsOpenTasksDueTodayAndTomorrow_inTheUsersTimeZone_whileAllAreStored()
            throws Exception {
        // 09:00 UTC is 18:00 on 24 November in Tokyo; 16:00 UTC is already 01:00 on the 25th there.
        seed(DEMO, "Due yesterday", Map.of("LastModifiedDate", "NOW-1h", "ActivityDate", "2026-11-23"));
        seed(DEMO, "Due today", Map.of("LastModifiedDate", "NOW-1h", "ActivityDate", "2026-11-24"));
        seed(DEMO, "Done, due today", Map.of("LastModifiedDate", "NOW-1h", "ActivityDate", "2026-11-24",
                "Status", "Completed"));
        seed(DEMO, "Due tomorrow", Map.of("LastModifiedDate", "NOW-1h", "ActivityDate", "2026-11-25"));
        seed(DEMO, "Due in two days", Map.of("LastModifiedDate", "NOW-1h", "ActivityDate", "2026-11-26"));
        seed(DEMO, "No due date", Map.of("LastModifiedDate", "NOW-1h"));
        enable("Asia/Tokyo");
        live.components.taskService().create(UserId.of(USER), new TaskFields("Sales Connect task due tomorrow", null,
                LocalDate.of(2026, 11, 25), false, Priority.NORMAL, null, TaskType.TODO, null, null));
        pumpStream();

        assertThat(commandCenter()).startsWith("Due today")
                .containsExactlyInAnyOrder("Due today", "Due tomorrow", "Sales Connect task due tomorrow");
        assertThat(liveTasks()).as("every synced task is stored").hasSize(7);

        live.clock.set(Instant.parse("2026-11-24T16:00:00Z"));

        assertThat(commandCenter()).endsWith("Due in two days")
                .containsExactlyInAnyOrder("Due tomorrow", "Sales Connect task due tomorrow", "Due in two days");
    }

    @Test
    @Order(5)
    void item5_reEnabling_removesWhatWasDeletedInSalesforceInTheLast15Days_andEarlierDeletionsToo() throws Exception {
        String kept = seed(DEMO, "Still in Salesforce", Map.of("LastModifiedDate", "NOW-1h"));
        String recent = seed(DEMO, "Deleted 2 days before re-enabling", Map.of("LastModifiedDate", "NOW-1h"));
        String longAgo = seed(DEMO, "Deleted 20 days before re-enabling", Map.of("LastModifiedDate", "NOW-1h"));
        enable("Europe/Berlin");
        assertThat(liveTasks()).hasSize(3);

        live.advance(Duration.ofHours(1));
        assertThat(putSettings("{\"enabled\": false}").getStatusCode()).isEqualTo(200);
        live.advance(Duration.ofHours(1));
        live.salesforce.org().deleteTask(DEMO, longAgo);
        live.advance(Duration.ofDays(18));
        live.salesforce.org().deleteTask(DEMO, recent);
        live.advance(Duration.ofDays(2));
        tick();
        assertThat(liveTasks()).as("sync is off: nothing is applied meanwhile").hasSize(3);

        enable("Europe/Berlin");

        assertThat(imported(recent)).hasValueSatisfying(t -> assertThat(t.deleted()).isTrue());
        assertThat(link(SalesforceIds.importedTaskId(recent)).orElseThrow().state()).isEqualTo(LinkState.DELETED);
        assertThat(imported(kept)).hasValueSatisfying(t -> assertThat(t.deleted()).isFalse());
        // Gone from the recycle bin too: settling every linked pair finds it missing (SPEC §3 "Re-enable reconciles").
        assertThat(imported(longAgo)).hasValueSatisfying(t -> assertThat(t.deleted()).isTrue());
        assertThat(liveTasks()).extracting(t -> t.fields().subject())
                .containsExactlyInAnyOrder("Still in Salesforce");
        assertThat(settings().get("previouslyEnabled").asBoolean()).isTrue();
    }

    @Test
    @Order(6)
    void item6_whileEnabled_createsEditsCompletionsAndDeletions_flowBothWays() {
        enable("Europe/Berlin");

        // Sales Connect -> Salesforce
        live.advance(Duration.ofMinutes(1));
        ScTask ours = live.components.taskService().create(UserId.of(USER), new TaskFields("Send Ada the proposal",
                "40 seats", LocalDate.of(2026, 11, 25), false, Priority.HIGH, null, TaskType.EMAIL, null, null));
        settle();
        String oursInSalesforce = link(ours.taskId()).orElseThrow().sfId();
        assertThat(sfTask(oursInSalesforce).string("Subject")).isEqualTo("Send Ada the proposal");
        assertThat(sfTask(oursInSalesforce).string("Priority")).isEqualTo("High");
        assertThat(task(ours.taskId()).fields().subject()).as("the echo of our push changes nothing")
                .isEqualTo("Send Ada the proposal");

        // Salesforce ends every session (a session time-out): the functions' next calls are refused and renew the
        // session with the refresh token (rotated here), as a container's first call does when no token is shared.
        live.salesforce.expireAllSessions();
        live.advance(Duration.ofMinutes(1));
        live.components.taskService().edit(UserId.of(USER), TaskId.of(ours.taskId()), task(ours.taskId()).fields()
                .with(TaskFields.Field.SUBJECT, "Send Ada the revised proposal"));
        settle();
        assertThat(sfTask(oursInSalesforce).string("Subject")).isEqualTo("Send Ada the revised proposal");

        live.advance(Duration.ofMinutes(1));
        live.components.taskService().complete(UserId.of(USER), TaskId.of(ours.taskId()));
        settle();
        assertThat(sfTask(oursInSalesforce).bool("IsClosed")).isTrue();

        live.advance(Duration.ofMinutes(1));
        live.components.taskService().delete(UserId.of(USER), TaskId.of(ours.taskId()));
        settle();
        assertThat(sfTask(oursInSalesforce).isDeleted()).isTrue();

        // Salesforce -> Sales Connect
        live.advance(Duration.ofMinutes(1));
        String theirs = live.salesforce.org().createTask(DEMO, Map.of("Subject", "Call Bob",
                "ActivityDate", "2026-11-24")).id();
        settle();
        String theirsHere = SalesforceIds.importedTaskId(SalesforceIds.to18(theirs));
        assertThat(task(theirsHere).fields().subject()).isEqualTo("Call Bob");
        Map<String, String> salesforceNow = live.salesforceState().tasks();
        pumpStream();
        assertThat(live.salesforceState().tasks()).as("a change from Salesforce is not sent back")
                .isEqualTo(salesforceNow);

        live.advance(Duration.ofMinutes(1));
        live.salesforce.org().updateTask(DEMO, theirs, Map.of("Subject", "Call Bob about the pilot"));
        settle();
        assertThat(task(theirsHere).fields().subject()).isEqualTo("Call Bob about the pilot");

        live.advance(Duration.ofMinutes(1));
        live.salesforce.org().updateTask(DEMO, theirs, Map.of("Status", "Completed"));
        settle();
        assertThat(task(theirsHere).fields().completed()).isTrue();

        // A deletion sends no outbound message: the next sweep applies it.
        live.advance(Duration.ofMinutes(1));
        live.salesforce.org().deleteTask(DEMO, theirs);
        settle();
        assertThat(task(theirsHere).deleted()).isFalse();
        live.advance(Duration.ofMinutes(5));
        tick();
        assertThat(task(theirsHere).deleted()).isTrue();
    }

    @Test
    @Order(7)
    void item7_turningOff_stopsBothDirectionsAtOnce_andKeepsTheLinksForACleanReEnable() throws Exception {
        enable("Europe/Berlin");
        live.advance(Duration.ofMinutes(1));
        ScTask ours = live.components.taskService().create(UserId.of(USER), todo("Ours"));
        String theirs = live.salesforce.org().createTask(DEMO, Map.of("Subject", "Theirs")).id();
        settle();
        String oursInSalesforce = link(ours.taskId()).orElseThrow().sfId();
        String theirsHere = SalesforceIds.importedTaskId(SalesforceIds.to18(theirs));
        assertThat(task(theirsHere).fields().subject()).isEqualTo("Theirs");

        live.advance(Duration.ofMinutes(1));
        assertThat(putSettings("{\"enabled\": false}").getStatusCode()).isEqualTo(200);
        live.advance(Duration.ofMinutes(1));
        live.components.taskService().edit(UserId.of(USER), TaskId.of(ours.taskId()), todo("Ours, edited while off"));
        live.salesforce.org().updateTask(DEMO, theirs, Map.of("Subject", "Theirs, edited while off"));
        settle();
        live.advance(Duration.ofMinutes(5));
        tick();

        assertThat(sfTask(oursInSalesforce).string("Subject")).isEqualTo("Ours");
        assertThat(task(theirsHere).fields().subject()).isEqualTo("Theirs");
        assertThat(link(ours.taskId()).orElseThrow().state()).isEqualTo(LinkState.LINKED);
        assertThat(link(theirsHere).orElseThrow().state()).isEqualTo(LinkState.LINKED);

        enable("Europe/Berlin");
        live.advance(Duration.ofMinutes(1));
        live.components.taskService()
                .edit(UserId.of(USER), TaskId.of(ours.taskId()), todo("Ours, edited after re-enabling"));
        settle();

        assertThat(task(theirsHere).fields().subject()).as("Salesforce's edit arrives with the re-enable")
                .isEqualTo("Theirs, edited while off");
        assertThat(sfTask(oursInSalesforce).string("Subject")).isEqualTo("Ours, edited after re-enabling");
        assertThat(live.salesforce.org().tasks()).as("the links carry on: no duplicate on either side").hasSize(2);
        assertThat(liveTasks()).hasSize(2);
        assertThat(link(ours.taskId()).orElseThrow().sfId()).isEqualTo(oursInSalesforce);
    }

    /**
     * SPEC §5 "least-privilege per function": every AWS call the handlers made in the items above (recorded by
     * {@link AwsCallRecorder}, with the condition keys IAM evaluates: DynamoDB partition keys, KMS encryption
     * contexts) is allowed by its function's policy in template.yaml, Deny statements and conditions included.
     */
    @Test
    @Order(8)
    void iamPolicies_allowEveryAwsCallTheFunctionsMade() {
        var calls = AwsCallRecorder.calls();

        assertThat(calls).extracting(AwsCallRecorder.Call::function).contains("EnableSyncFunction",
                "SalesforceInboundFunction", "TaskStreamOutboundFunction", "ReconciliationSweepFunction");
        assertThat(calls).filteredOn(call -> call.action().startsWith("dynamodb:"))
                .as("every DynamoDB call's partition key is known, so LeadingKeys conditions are really checked")
                .allSatisfy(call -> assertThat(call.context()).containsKey(AwsCallRecorder.LEADING_KEYS));
        assertThat(calls).allSatisfy(call -> assertThat(Template.policy(call.function()).allows(request(call)))
                .as("%s may call %s", call.function(), request(call)).isTrue());
    }

    /**
     * The other half of least privilege: every permission a policy grants (down to each partition-key prefix and
     * each encryption-context purpose it lists) was used by a call above, except the few paths the SPEC items do not
     * walk, each listed with the code that needs it.
     */
    @Test
    @Order(9)
    void iamPolicies_grantNothingTheFunctionsDoNotUse() {
        Map<String, List<IamPolicy.Request>> requests = new HashMap<>();
        AwsCallRecorder.calls().forEach(call -> requests.computeIfAbsent(call.function(), f -> new ArrayList<>())
                .add(request(call)));
        List<String> unused = new ArrayList<>();
        for (Template.Function function : Template.functions()) {
            Template.policy(function.logicalId()).unusedBy(requests.getOrDefault(function.logicalId(), List.of()))
                    .forEach(grant -> unused.add(function.logicalId() + " " + grant));
        }

        assertThat(unused).as("granted but never used (remove them, or say here which path needs them)")
                .isSubsetOf(NOT_WALKED_BY_THE_SPEC_ITEMS.keySet());
    }

    /** Granted permissions the SPEC items do not exercise, and the code that needs each. */
    private static final Map<String, String> NOT_WALKED_BY_THE_SPEC_ITEMS = Map.ofEntries(
            Map.entry("EnableSyncFunction dynamodb:DeleteItem on SyncTable if dynamodb:LeadingKeys=CONFIG#*",
                    "a callback whose OAuth state expired deletes it (DynamoDbOAuthStateStore.consume), and a user who"
                            + " connects as another Salesforce user removes the old identity's owner routing"
                            + " (DynamoDbConnectionStore.removeRouting); a consumed state is kept until its TTL, so"
                            + " the walk deletes nothing"),
            Map.entry("EnableSyncFunction kms:Encrypt on TokenKey if kms:EncryptionContext:purpose=webhook-token",
                    "an org's first connect creates its webhook token (ConnectService.ensureWebhook); here the token"
                            + " of the events/ files is registered before the connect"),
            Map.entry("SalesforceInboundFunction dynamodb:DeleteItem on SyncTable",
                    "a push-back that went through removes its pending push, an adopted create its pending-create"
                            + " marker (USER#), and a task whose owner moves to another syncing user releases its"
                            + " sfId pointer (ORG#: SalesforceChangeApplier.ownerMoved, LinkStore.releaseSfId)"),
            Map.entry("SalesforceInboundFunction dynamodb:DeleteItem on SyncTable where dynamodb:LeadingKeys=ORG#*",
                    "a task whose owner moves to another syncing user releases its sfId pointer"),
            Map.entry("SalesforceInboundFunction dynamodb:DeleteItem on SyncTable where dynamodb:LeadingKeys=USER#*",
                    "a push-back that went through removes its pending push; an adopted create its marker"),
            Map.entry("SalesforceInboundFunction dynamodb:GetItem on TasksTable",
                    "a message's tasks are read ahead in batches (ReadAhead); a task read a second time (a merge"
                            + " retried after a write conflict, an interrupted import completed) is read by key"),
            Map.entry("ReconciliationSweepFunction dynamodb:GetItem on SyncTable where dynamodb:LeadingKeys="
                            + "CONFIG#PROBERS",
                    "the first sweep of an org in a container within 10 s reads the org's prober ahead with its other"
                            + " items (DynamoDbOrgReadAhead, one BatchGetItem); a later sweep of that org's users"
                            + " offering to probe reads it by key (OrgProbes.offer)"),
            Map.entry("TaskStreamOutboundFunction dynamodb:GetItem on TasksTable",
                    "a batch's tasks are read ahead in batches (ReadAhead); a task read a second time (an imported"
                            + " copy of our own create dropped, a write conflict retried) is read by key"),
            Map.entry("TaskStreamOutboundFunction dynamodb:GetItem on SyncTable where dynamodb:LeadingKeys=USER#*",
                    "a batch's links are read ahead in batches (ReadAhead); a link read a second time (a write"
                            + " conflict retried, an interrupted create adopted) is read by key"),
            Map.entry("TaskStreamOutboundFunction dynamodb:GetItem on SyncTable where dynamodb:LeadingKeys=ORG#*",
                    "a push's first Salesforce call in a container reads the org's LIMIT and USAGE in one BatchGetItem"
                            + " (DynamoDbOrgLimitStore); within the next minute each LIMIT read is a GetItem, and the"
                            + " API budget's reread of the usage too; the SPEC items push once"),
            Map.entry("EnableSyncFunction dynamodb:BatchGetItem on TasksTable",
                    "the Settings page's sync health reads the subjects of the tasks its recorded conflicts name"
                            + " (SyncHealthService); the SPEC items record no conflict"),
            Map.entry("TaskStreamOutboundFunction dynamodb:PutItem on TasksTable",
                    "a push that merges a concurrent Salesforce edit, or finds the task deleted or moved in "
                            + "Salesforce, writes the task back (TaskPusher, Deletions)"),
            Map.entry("ReconciliationSweepFunction dynamodb:DeleteItem on SyncTable where dynamodb:LeadingKeys=ORG#*",
                    "a task moved to another syncing owner releases its sfId pointer (SalesforceChangeApplier)"),
            Map.entry("TaskStreamOutboundFunction dynamodb:DeleteItem on SyncTable where dynamodb:LeadingKeys=ORG#*",
                    "an edit of an imported task whose link was lost links it again (PushUpdates.mend), and the sfId"
                    + " pointer another user's tombstone still held is given up to the task's owner first"),
            Map.entry("ReconciliationSweepFunction kms:Decrypt on TokenKey where kms:EncryptionContext:purpose="
                    + "access-token", "a sweep container's first call for a user starts on the access token another"
                    + " container shared (ConnectionSession.shared; DefaultSalesforceApiFactoryTest); here the sweep"
                    + " makes demo's first Salesforce call (the enable's first sync), before any token is shared"),
            Map.entry("ReconciliationSweepFunction dynamodb:DeleteItem on SyncTable where dynamodb:LeadingKeys="
                    + "CONFIG#PROBERS", "an org's prober that lost View All Data or moved to another org is retired"
                    + " (OrgProbes.probe)"),
            Map.entry("SalesforceInboundFunction dynamodb:Query on SyncTable",
                    "a user's first read of its pending-create markers moves the per-item markers of before into the"
                    + " sets (PendingMarkers.readLegacy: a Query of USER#u PENDING#); here the sweep's check of"
                    + " interrupted creates (PendingPushRetry) reads each user's markers first"),
            Map.entry("SalesforceInboundFunction dynamodb:UpdateItem on SyncTable if dynamodb:LeadingKeys=USER#*",
                    "pending-create markers (PendingMarkers): an echo that adopts a create removes its marker, a read"
                    + " drops stale markers and notes the legacy check; here the sweep reads and cleans them first"),
            Map.entry("SalesforceInboundFunction dynamodb:Query on SyncTable where dynamodb:LeadingKeys=CONFIG#ORG#*",
                    "a Salesforce change event (Event Relay) asks who syncs in its org (ChangeEventSync,"
                    + " ConnectionStore.usersInOrg); these scenarios run without Event Relay, SalesforceInboundEventsIT"
                    + " and the local runtime's e2e deliver change events"));

    /** The call as IAM sees it: the resource by its logical id in template.yaml. */
    private IamPolicy.Request request(AwsCallRecorder.Call call) {
        Map<String, String> logicalIds = new HashMap<>();
        aws.created().byLogicalId().forEach((logicalId, created) -> {
            logicalIds.put(created.ref(), logicalId);
            if (created.arn() != null) {
                logicalIds.put(created.arn(), logicalId);
            }
        });
        logicalIds.put("events", "SyncEventBus");
        String table = call.resource().split("/index/")[0];
        String resource = logicalIds.getOrDefault(table, table)
                + (call.resource().contains("/index/") ? call.resource().substring(table.length()) : "");
        return new IamPolicy.Request(call.action(), resource, call.context());
    }

    /** The partition key of each table and index the template declares, by physical name. */
    private Map<String, String> partitionKeys() {
        Map<String, String> keys = new HashMap<>();
        Template.tree().path("Resources").fields().forEachRemaining(resource -> {
            if (!resource.getValue().path("Type").asText().equals("AWS::DynamoDB::Table")) {
                return;
            }
            JsonNode table = resource.getValue().path("Properties");
            String name = aws.tableName(resource.getKey());
            keys.put(name, hashKey(table.path("KeySchema")));
            table.path("GlobalSecondaryIndexes").forEach(index -> keys.put(
                    name + "/index/" + index.path("IndexName").asText(), hashKey(index.path("KeySchema"))));
        });
        return keys;
    }

    private static String hashKey(JsonNode keySchema) {
        for (JsonNode key : keySchema) {
            if (key.path("KeyType").asText().equals("HASH")) {
                return key.path("AttributeName").asText();
            }
        }
        throw new IllegalStateException("no HASH key in " + keySchema);
    }

    /** The deployed wiring of one function (its own execution environment), on this run's engine and emulator. */
    private SyncComponents ownComponents() {
        return SyncComponents.fromEnvironment(live.environment::get, live.clock);
    }

    // ------------------------------------------------------------------ the functions' triggers

    /** The Settings page's connect: the authorize URL, the user signing in at Salesforce, the callback. */
    private void connectThroughTheSettingsPage() {
        APIGatewayV2HTTPEvent connect = EventLoader.loadApiGatewayHttpEvent(EventFiles.path("enable-sync/connect.json"));
        APIGatewayV2HTTPResponse authorize = AwsCallRecorder.as("EnableSyncFunction",
                () -> settingsApi.handleRequest(connect, TestLambdaContext.of("connect")));
        URI back;
        try {
            back = live.redirectOf(URI.create(body(authorize).get("authorizeUrl").asText() + "&login_hint=" + DEMO));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        APIGatewayV2HTTPEvent callback = EventLoader.loadApiGatewayHttpEvent(
                EventFiles.path("enable-sync/callback.json"));
        callback.setQueryStringParameters(LiveSync.query(back));
        callback.setRawQueryString(back.getRawQuery());
        APIGatewayV2HTTPResponse connected = AwsCallRecorder.as("EnableSyncFunction",
                () -> settingsApi.handleRequest(callback, TestLambdaContext.of("callback")));
        assertThat(connected.getHeaders().get("Location")).endsWith("?connected=1");
    }

    /** PUT /settings/task-sync as the Settings page sends it, for the signed-in demo user. */
    private APIGatewayV2HTTPResponse putSettings(String body) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(
                EventFiles.path("enable-sync/put-settings-enable.json"));
        event.setBody(body);
        return AwsCallRecorder.as("EnableSyncFunction", () -> settingsApi.handleRequest(event,
                TestLambdaContext.of("put")));
    }

    private JsonNode settings() throws IOException {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(
                EventFiles.path("enable-sync/get-settings.json"));
        APIGatewayV2HTTPResponse response = AwsCallRecorder.as("EnableSyncFunction",
                () -> settingsApi.handleRequest(event, TestLambdaContext.of("get")));
        assertThat(response.getStatusCode()).isEqualTo(200);
        return body(response);
    }

    private JsonNode syncHealth() throws IOException {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(
                EventFiles.path("enable-sync/get-sync-health.json"));
        APIGatewayV2HTTPResponse response = AwsCallRecorder.as("EnableSyncFunction",
                () -> settingsApi.handleRequest(event, TestLambdaContext.of("health")));
        assertThat(response.getStatusCode()).isEqualTo(200);
        return body(response);
    }

    /** Turns sync on through the API and lets EventBridge deliver what it published. */
    private void enable(String timeZone) {
        APIGatewayV2HTTPResponse response = putSettings("{\"enabled\": true, \"timeZone\": \"" + timeZone + "\"}");
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(deliverBusEvents()).contains("SyncEnabled");
    }

    /** The schedule's tick, then every event it fans out, as EventBridge would deliver them. */
    private void tick() {
        Map<String, Object> schedule = mapOf(EventFiles.text("reconciliation-sweep/schedule.json"));
        schedule.put("time", live.clock.instant().toString());
        AwsCallRecorder.as("ReconciliationSweepFunction",
                () -> sweepHandler.handleRequest(schedule, TestLambdaContext.of("tick")));
        deliverBusEvents();
    }

    /** Hands every event published on the sync's bus to the sweep until none is left; returns their types. */
    private List<String> deliverBusEvents() {
        List<String> delivered = new ArrayList<>();
        List<JsonNode> events;
        while (!(events = bus.take()).isEmpty()) {
            for (JsonNode event : events) {
                delivered.add(event.get("detail-type").asText());
                @SuppressWarnings("unchecked")
                Map<String, Object> input = JSON.convertValue(event, Map.class);
                AwsCallRecorder.as("ReconciliationSweepFunction",
                        () -> sweepHandler.handleRequest(input, TestLambdaContext.of("bus")));
            }
        }
        return delivered;
    }

    /** Hands the tasks table's new stream records to the stream handler, batch by batch, as Lambda would. */
    private void pumpStream() {
        DynamodbEvent batch;
        while (!(batch = stream.pollEvent(100)).getRecords().isEmpty()) {
            DynamodbEvent records = batch;
            StreamsEventResponse response = AwsCallRecorder.as("TaskStreamOutboundFunction",
                    () -> streamHandler.handleRequest(records, TestLambdaContext.of("stream")));
            assertThat(response.getBatchItemFailures()).isEmpty();
        }
    }

    /** Until both sides are quiet: stream records pushed, outbound messages (echoes included) delivered. */
    private void settle() {
        for (int round = 0; round < 3; round++) {
            pumpStream();
            assertThat(live.awaitOutboundIdle()).isTrue();
        }
    }

    // ------------------------------------------------------------------ both sides

    private String seed(String owner, String subject, Map<String, String> fields) {
        Map<String, Object> all = new HashMap<>(fields);
        all.put("Subject", subject);
        return SalesforceIds.to18(live.salesforce.org().seedTask(owner, all).id());
    }

    private SObjectRecord sfTask(String sfId) {
        return live.salesforce.org().task(sfId).orElseThrow();
    }

    private ScTask task(String taskId) {
        return live.components.stores().tasks().get(UserId.of(USER), TaskId.of(taskId)).orElseThrow();
    }

    private Optional<ScTask> imported(String sfId) {
        return live.components.stores().tasks().get(UserId.of(USER), TaskId.of(SalesforceIds.importedTaskId(sfId)));
    }

    private Optional<TaskLink> link(String taskId) {
        return live.components.stores().links().get(UserId.of(USER), TaskId.of(taskId));
    }

    private List<ScTask> liveTasks() {
        return live.components.stores().tasks().list(UserId.of(USER), null, 1000).items();
    }

    private List<String> commandCenter() {
        return live.components.commandCenter().tasksFor(USER).stream().map(t -> t.fields().subject()).toList();
    }

    private static TaskFields todo(String subject) {
        return TaskFields.todo(subject);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws IOException {
        return JSON.readTree(response.getBody());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOf(String json) {
        try {
            return new HashMap<>(JSON.readValue(json, Map.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void wipe(String table, String hash, String range) {
        aws.dynamoDb().scanPaginator(r -> r.tableName(table)).items().forEach(item -> {
            Map<String, AttributeValue> key = Map.of(hash, item.get(hash), range, item.get(range));
            aws.dynamoDb().deleteItem(r -> r.tableName(table).key(key));
        });
    }
}
