package com.salesconnect.tasksync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.dynamodb.DynamoDbStores;
import com.salesconnect.tasksync.sync.SweepResult;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.wiring.LiveSync;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command of the operator tool against moto (the template's tables, bus and queues) and the Salesforce
 * emulator: demo connected, sync on, two tasks imported by the first sync; the bus tapped to see what the sweep
 * function would receive.
 */
@AwsEngineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsIT {

    private static final String USER = LiveSync.USER;

    private AwsResources aws;
    private LiveSync live;
    private LiveSync.BusTap bus;
    private DynamoDbStores stores;
    private OpsConfig config;

    record Ran(int exit, String out, String err) {
    }

    @BeforeAll
    void start(AwsResources aws) {
        this.aws = aws;
        live = LiveSync.start(aws, Instant.parse("2026-11-24T09:00:00Z"));
        live.salesforce.org().seedTask(LiveSync.SF_USERNAME, Map.of("Subject", "Call Ada", "LastModifiedDate",
                "NOW-2h"));
        live.salesforce.org().seedTask(LiveSync.SF_USERNAME, Map.of("Subject", "Mail Bob", "LastModifiedDate",
                "NOW-3h"));
        live.demoSyncing();
        bus = live.tapBus("OpsIT-bus");
        stores = DynamoDbStores.create(aws.dynamoDb(), aws.tableName("TasksTable"), aws.tableName("SyncTable"),
                live.clock);
        config = OpsConfig.parse(flags(), name -> null);
    }

    @AfterAll
    void stop() {
        if (live != null) {
            live.close();
        }
    }

    private String[] flags(String... command) {
        List<String> args = new ArrayList<>(List.of("--tasks-table", aws.tableName("TasksTable"),
                "--sync-table", aws.tableName("SyncTable"),
                "--bus", aws.created().get("SyncEventBus").ref(),
                "--stream-failure-queue", aws.created().get("StreamFailureQueue").ref(),
                "--sweep-failure-queue", aws.created().get("SweepFailureQueue").ref(),
                "--change-event-failure-queue", aws.created().get("ChangeEventFailureQueue").ref()));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    private Ran ops(String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OpsConfig withCommand = OpsConfig.parse(flags(command), name -> null);
        Main.Clients clients = new Main.Clients(aws.dynamoDb(), aws.dynamoDbStreams(), aws.eventBridge(), aws.sqs());
        int exit = Main.run(withCommand, clients, live.clock, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private List<List<String>> sweepRequests() {
        List<List<String>> requests = new ArrayList<>();
        for (JsonNode event : bus.take()) {
            assertThat(event.path("source").asText()).isEqualTo("com.salesconnect.tasksync");
            if (event.path("detail-type").asText().equals("UserSweepRequested")) {
                List<String> users = new ArrayList<>();
                event.path("detail").path("userIds").forEach(u -> users.add(u.asText()));
                requests.add(users);
            }
        }
        return requests;
    }

    private List<TaskLink> links() {
        return stores.links().forUser(UserId.of(USER), null, 100).items();
    }

    @Test
    @Order(1)
    void show_printsSettingsConnectionLinksTombstonesPendingPushesAndConflicts_neverATokenOrTaskContent() {
        List<TaskLink> linked = links();
        assertThat(linked).hasSize(2).allMatch(l -> l.state() == LinkState.LINKED);
        TaskLink gone = linked.get(0);
        Instant now = live.clock.instant();
        stores.links().save(new TaskLink(gone.userId(), gone.taskId(), gone.orgId(), gone.sfUserId(), gone.sfId(),
                LinkState.DELETED, gone.base(), gone.sfModstamp(), null, now, Origin.SALES_CONNECT,
                now.plus(Duration.ofDays(15)), gone.version()));
        TaskLink other = linked.get(1);
        stores.pendingPushes().put(new PendingPush(USER, other.taskId(), 2, now, now.plus(Duration.ofMinutes(10)),
                "Salesforce refused the request"));
        stores.conflicts().record(new Conflict(USER, other.taskId(), other.sfId(), TaskFields.Field.SUBJECT,
                "Secret base subject", "Secret Sales Connect subject", "Secret Salesforce subject", Origin.SALESFORCE,
                "edited on both sides", now));

        Ran ran = ops("show", USER);

        assertThat(ran.exit()).isZero();
        SalesforceConnection connection = stores.connections().get(UserId.of(USER)).orElseThrow();
        assertThat(ran.out()).contains("settings: enabled=true", "firstSync=DONE imported=2",
                "connection: state=CONNECTED orgId=" + connection.orgId(), "calls allowed",
                "links: linked=1 pendingCreate=0 tombstones=1", "tombstone taskId=" + gone.taskId(),
                "pending pushes: 1", "taskId=" + other.taskId() + " attempts=2",
                "reason=Salesforce refused the request", "recent conflicts: 1", "field=SUBJECT kept=SALESFORCE");
        assertThat(ran.out()).doesNotContain(connection.encryptedRefreshToken(), "Secret", "Call Ada", "Mail Bob");
        stores.pendingPushes().forUser(UserId.of(USER)).forEach(stores.pendingPushes()::remove);
    }

    @Test
    @Order(2)
    void show_throughTheCommandLine_withAnEndpointOverride_andAnUnknownUser() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--endpoint", aws.endpoint().toString(), "--region",
                aws.region().id()));
        args.addAll(List.of(flags("show", USER)));
        int exit = Main.run(args.toArray(String[]::new), name -> null, new PrintStream(out, true,
                StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("user demo", "state=CONNECTED");

        assertThat(ops("show", "nobody").exit()).isEqualTo(1);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Main.run(new String[]{"--endpoint", aws.endpoint().toString(), "--region", aws.region().id(),
                "--sync-table", "NoSuchTable", "show", USER}, name -> null, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ops: AWS refused or could not be reached: ")
                .hasLineCount(1);
        assertThat(Main.run(new String[]{"show"}, name -> null, System.out, new PrintStream(
                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isEqualTo(2);
    }

    @Test
    @Order(3)
    void resync_isAFreshReconciliation_thatDuplicatesNothing_andSendsAnEditWhoseStreamRecordWasLost() {
        bus.take();
        Map<String, String> tasksBefore = live.state().tasksTable();

        Ran ran = ops("resync", USER);

        assertThat(ran.exit()).isZero();
        assertThat(ran.out()).contains("fresh reconciliation requested for " + USER);
        assertThat(stores.settings().get(UserId.of(USER)).orElseThrow().sweep().settling()).isTrue();
        List<List<String>> requests = sweepRequests();
        assertThat(requests).containsExactly(List.of(USER));
        for (int i = 0; i < 2; i++) {
            SweepResult result = live.components.sweepService().runForUser(UserId.of(requests.get(0).get(0)));
            assertThat(result.kind()).isNotIn(SweepResult.Kind.SKIPPED_DISABLED, SweepResult.Kind.INCOMPLETE);
        }
        assertThat(stores.settings().get(UserId.of(USER)).orElseThrow().sweep().settling()).isFalse();
        assertThat(live.state().tasksTable()).isEqualTo(tasksBefore);

        // An edit in Sales Connect whose stream record expired before task-stream-outbound read it, so no invocation
        // stored its pending push: a plain sweep does not send it, a fresh reconciliation does.
        TaskLink link = links().stream().filter(l -> l.state() == LinkState.LINKED).findFirst().orElseThrow();
        ScTask task = stores.tasks().get(UserId.of(USER), TaskId.of(link.taskId())).orElseThrow();
        live.advance(Duration.ofMinutes(1));
        stores.tasks().save(task.edited(task.fields().with(TaskFields.Field.SUBJECT, "Lost edit, sent by resync"),
                Origin.SALES_CONNECT, live.clock.instant()));
        live.components.sweepService().runForUser(UserId.of(USER));
        assertThat(sfSubject(link.sfId())).isNotEqualTo("Lost edit, sent by resync");

        assertThat(ops("resync", USER).exit()).isZero();
        assertThat(sweepRequests()).containsExactly(List.of(USER));
        live.components.sweepService().runForUser(UserId.of(USER));
        assertThat(sfSubject(link.sfId())).isEqualTo("Lost edit, sent by resync");

        assertThat(ops("resync", "nobody").exit()).isEqualTo(1);
        assertThat(sweepRequests()).isEmpty();
    }

    private String sfSubject(String sfId) {
        return String.valueOf(live.salesforce.org().task(sfId).orElseThrow().get("Subject"));
    }

    @Test
    @Order(4)
    void redriveSweepQueue_publishesTheFailedEventsAgain_theTickAsASweepOfEveryone_andKeepsWhatItCannotRead() {
        String queue = aws.created().get("SweepFailureQueue").ref();
        bus.take();
        aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(asyncRecord("""
                {"version":"0","id":"1","detail-type":"UserSweepRequested","source":"com.salesconnect.tasksync",
                 "time":"2026-11-24T09:00:00Z","detail":{"userIds":["demo"],"scheduledAt":"2026-11-24T09:00:00Z"}}""")));
        aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(asyncRecord("""
                {"version":"0","id":"2","detail-type":"Scheduled Event","source":"aws.events",
                 "time":"2026-11-24T09:05:00Z","detail":{}}""")));
        aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody("not an invocation record"));

        Ran ran = ops("redrive", "SweepFailureQueue");

        assertThat(ran.out()).contains("redriven=2 leftOnQueue=1");
        assertThat(ran.exit()).isEqualTo(1);
        assertThat(sweepRequests()).containsExactlyInAnyOrder(List.of(USER), List.of(USER));
    }

    @Test
    @Order(5)
    void redriveStreamQueue_readsTheBatchsUsersFromTheStream_andRequestsTheirSweeps_orEveryonesWhenItIsGone() {
        String streamArn = aws.created().get("TasksTable").attributes().get("StreamArn");
        String shardId = aws.dynamoDbStreams().describeStream(r -> r.streamArn(streamArn)).streamDescription()
                .shards().get(0).shardId();
        String iterator = aws.dynamoDbStreams().getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = aws.dynamoDbStreams().getRecords(r -> r.shardIterator(iterator)).records();
        assertThat(records).isNotEmpty();
        String queue = aws.created().get("StreamFailureQueue").ref();
        aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(streamRecord(streamArn, shardId,
                records.get(0).dynamodb().sequenceNumber(), records.get(records.size() - 1).dynamodb()
                        .sequenceNumber())));
        bus.take();

        Ran ran = ops("redrive", "stream");

        assertThat(ran.exit()).isZero();
        assertThat(ran.out()).contains("of users [demo] -> fresh reconciliation requested for [demo]",
                "redriven=1 leftOnQueue=0");
        assertThat(sweepRequests()).containsExactly(List.of(USER));

        aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(streamRecord(streamArn,
                "shardId-00000000000000000000-gone", "100", "200")));
        Ran gone = ops("redrive", "StreamFailureQueue");
        assertThat(gone.out()).contains("the stream no longer holds", "redriven=1 leftOnQueue=0");
        assertThat(sweepRequests()).containsExactly(List.of(USER));
    }

    @Test
    @Order(6)
    void pause_stopsEverySalesforceCallOfTheOrg_resume_makesTheWaitingPushesDueAndSweepsItsUsers() {
        String orgId = stores.connections().get(UserId.of(USER)).orElseThrow().orgId();
        bus.take();

        Ran paused = ops("pause", orgId);

        assertThat(paused.exit()).isZero();
        assertThat(stores.orgLimits().blockedUntil(OrgId.of(orgId))).contains(OrgPause.PAUSED_UNTIL);
        long calls = live.salesforceState().apiCalls();
        live.advance(Duration.ofMinutes(10));
        assertThat(live.components.sweepService().runForUser(UserId.of(USER)).kind())
                .isEqualTo(SweepResult.Kind.SKIPPED_ORG_BLOCKED);
        assertThat(live.salesforceState().apiCalls()).isEqualTo(calls);
        assertThat(ops("show", USER).out()).contains("PAUSED by an operator");
        // What the pusher stores for a change made while the org is blocked: due at the block's end.
        String taskId = links().stream().filter(l -> l.state() == LinkState.LINKED).findFirst().orElseThrow()
                .taskId();
        stores.pendingPushes().put(new PendingPush(USER, taskId, 1, live.clock.instant(), OrgPause.PAUSED_UNTIL,
                "Salesforce API limit reached"));

        Ran resumed = ops("resume", orgId);

        assertThat(resumed.exit()).isZero();
        assertThat(resumed.out()).contains("1 pending push(es) due now; sweep requested for 1 user(s)");
        assertThat(stores.orgLimits().blockedUntil(OrgId.of(orgId))).isEmpty();
        assertThat(stores.pendingPushes().forUser(UserId.of(USER))).singleElement()
                .satisfies(p -> assertThat(p.nextAttemptAt()).isBeforeOrEqualTo(live.clock.instant()));
        assertThat(sweepRequests()).containsExactly(List.of(USER));
        SweepResult swept = live.components.sweepService().runForUser(UserId.of(USER));
        assertThat(swept.kind()).isNotEqualTo(SweepResult.Kind.SKIPPED_ORG_BLOCKED);
        assertThat(swept.pushesRetried()).isEqualTo(1);
        assertThat(stores.pendingPushes().forUser(UserId.of(USER))).isEmpty();
    }

    @Test
    @Order(7)
    void resume_leavesAnApiLimitBlockAlone() {
        String orgId = stores.connections().get(UserId.of(USER)).orElseThrow().orgId();
        Instant until = live.clock.instant().plus(Duration.ofHours(1));
        stores.orgLimits().blockUntil(OrgId.of(orgId), until);

        Ran ran = ops("resume", orgId);

        assertThat(ran.exit()).isEqualTo(1);
        assertThat(ran.err()).contains("is not paused");
        assertThat(stores.orgLimits().blockedUntil(OrgId.of(orgId))).contains(until);
    }

    /**
     * ChangeEventFailureQueue holds EventBridge's dead letters (the event itself) and Lambda's records of failed
     * invocations (the event in requestPayload). Neither can go back to Event Relay's partner bus: the event's org is
     * marked as having missed changes (its sweeps at full pace) and its users' sweeps are requested.
     */
    @Test
    @Order(8)
    void redriveChangeEventQueue_marksTheOrgsGap_andRequestsItsUsersSweeps_keepsWhatItCannotRead() {
        String orgId = stores.connections().get(UserId.of(USER)).orElseThrow().orgId();
        String event = """
                {"version":"0","id":"ev-1","detail-type":"TaskChangeEvent",
                 "source":"aws.partner/salesforce.com/%s/0YL5g000000CdcEGAS","time":"2026-11-24T10:05:00Z",
                 "detail":{"payload":{"ChangeEventHeader":{"entityName":"Task","changeType":"DELETE",
                  "recordIds":["00T5g002DTs8PgtEYE"],"changedFields":[],"changeOrigin":"","transactionKey":"tx",
                  "sequenceNumber":1,"commitTimestamp":1795514700000,"commitUser":"0055g002Cw2BZVOAI4",
                  "commitNumber":1}},"id":"d-1"}}""".formatted(orgId);
        String queue = aws.created().get("ChangeEventFailureQueue").ref();
        stores.orgLimits().changeEventSeen(OrgId.of(orgId), live.clock.instant());
        aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(event));
        aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(asyncRecord(event)));
        aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(event.replace("\"Task\"", "\"Account\"")));
        bus.take();
        live.clock.advance(Duration.ofSeconds(1));

        Ran ran = ops("redrive", "events");

        assertThat(ran.out()).contains("DELETE of 1 task(s) in org " + orgId, "redriven=2 leftOnQueue=1");
        assertThat(ran.exit()).isEqualTo(1);
        assertThat(sweepRequests()).containsExactly(List.of(USER), List.of(USER));
        assertThat(stores.orgLimits().changeEvents(OrgId.of(orgId)).flowing(live.clock.instant(),
                Duration.ofHours(24))).as("a GAP: the org's sweeps run at full pace").isFalse();
    }

    /**
     * After a stack update that added an index: `backfill tasks` gives the tasks written before it their index keys
     * (here a live task without `liveUserId`, which `GET /tasks` cannot list until then), and a second run has
     * nothing to do.
     */
    @Test
    @Order(9)
    void backfillTasks_givesTasksOfBeforeTheirIndexKeys_once() {
        String user = "ops-backfill-user";
        ScTask task = stores.tasks().save(new ScTask(user, "written-before-12-04", TaskFields.todo("an old task"),
                live.clock.instant(), live.clock.instant(), 0, Origin.SALES_CONNECT, null, null));
        aws.dynamoDb().updateItem(u -> u.tableName(aws.tableName("TasksTable"))
                .key(Map.of("userId", AttributeValue.fromS(user), "taskId", AttributeValue.fromS(task.taskId())))
                .updateExpression("REMOVE liveUserId"));
        assertThat(stores.tasks().browse(UserId.of(user), null, 10).items()).isEmpty();

        Ran ran = ops("backfill", "tasks");

        assertThat(ran.exit()).isZero();
        assertThat(ran.out()).contains("updated=1", "savedMeanwhile=0", "unreadable=0");
        assertThat(stores.tasks().browse(UserId.of(user), null, 10).items()).containsExactly(task);
        assertThat(ops("backfill", "tasks").out()).contains("updated=0");
        assertThat(ops("backfill", "links").exit()).isEqualTo(2);
    }

    private static String asyncRecord(String event) {
        return """
                {"version":"1.0","timestamp":"2026-11-24T09:10:00.000Z",
                 "requestContext":{"requestId":"r-1","functionArn":"arn:aws:lambda:us-east-1:123456789012:function:sweep:$LATEST",
                  "condition":"RetriesExhausted","approximateInvokeCount":3},
                 "requestPayload":%s,
                 "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"}}"""
                .formatted(event);
    }

    private static String streamRecord(String streamArn, String shardId, String start, String end) {
        return """
                {"requestContext":{"requestId":"r-2","functionArn":"arn:aws:lambda:us-east-1:123456789012:function:out",
                  "condition":"RetryAttemptsExhausted","approximateInvokeCount":11},
                 "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
                 "version":"1.0","timestamp":"2026-11-24T09:10:00.000Z",
                 "DDBStreamBatchInfo":{"shardId":"%s","startSequenceNumber":"%s","endSequenceNumber":"%s",
                  "approximateArrivalOfFirstRecord":"2026-11-24T09:00:00Z","approximateArrivalOfLastRecord":"2026-11-24T09:00:01Z",
                  "batchSize":2,"streamArn":"%s"}}""".formatted(shardId, start, end, streamArn);
    }
}
