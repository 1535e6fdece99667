package com.salesconnect.tasksync.function.outbound;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.sync.TaskChange;
import com.salesconnect.tasksync.wiring.EventFiles;
import com.salesconnect.tasksync.wiring.LiveSync;
import com.salesconnect.tasksync.wiring.TestLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file of events/task-stream-outbound through the handler, against moto and the Salesforce emulator, twice.
 * What a file presupposes is derived from the file itself: a task whose first record is a MODIFY or a (user)
 * REMOVE existed before, as its OldImage, and was already synced; after the batch the table holds each task's last
 * NewImage (or nothing after a REMOVE). Demo has synced since 09:00, so tasks created before are not eligible.
 */
@AwsEngineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskStreamOutboundEventsIT {

    private LiveSync live;
    private TaskStreamOutboundHandler handler;

    @BeforeAll
    void start(AwsResources aws) {
        live = LiveSync.start(aws, Instant.parse("2026-11-24T09:00:00Z"));
        live.demoSyncing();
        handler = new TaskStreamOutboundHandler(live.components);
    }

    @AfterAll
    void stop() {
        live.close();
    }

    private static DynamodbEvent event(String file) {
        return EventLoader.loadDynamoDbEvent(EventFiles.path("task-stream-outbound/" + file));
    }

    /** Delivers the file twice; checks the second delivery changed nothing anywhere. Returns the first answer. */
    private StreamsEventResponse deliverTwice(String file) {
        DynamodbEvent event = event(file);
        StreamsEventResponse first = handler.handleRequest(event, TestLambdaContext.of("it-1"));
        LiveSync.State after = live.state();
        long calls = live.salesforceState().apiCalls();
        live.advance(Duration.ofSeconds(1));

        StreamsEventResponse second = handler.handleRequest(event(file), TestLambdaContext.of("it-2"));

        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(live.state()).as("a redelivery of " + file + " changes nothing").isEqualTo(after);
        assertThat(live.salesforceState().apiCalls()).as("nor calls Salesforce").isEqualTo(calls);
        return first;
    }

    @Test
    void insert_createsTheTaskInSalesforce() {
        presuppose(event("insert.json"));

        StreamsEventResponse response = deliverTwice("insert.json");

        assertThat(response.getBatchItemFailures()).isEmpty();
        SObjectRecord sf = salesforceTaskOf("sc-task-insert-0001").orElseThrow();
        assertThat(sf.string("Subject")).isEqualTo("Send the proposal to Ada");
        assertThat(sf.string("Description")).isEqualTo("Pricing for 40 seats, annual billing.");
        assertThat(sf.date("ActivityDate")).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(sf.string("Priority")).isEqualTo("High");
        assertThat(sf.string("TaskSubtype")).isEqualTo("Email");
        assertThat(sf.instant("ReminderDateTime")).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(sf.bool("IsReminderSet")).isTrue();
        assertThat(sf.string("OwnerId")).isEqualTo(live.sfUserId(LiveSync.SF_USERNAME));
    }

    @Test
    void modify_completesTheTaskInSalesforce() {
        presuppose(event("modify.json"));
        assertThat(salesforceTaskOf("sc-task-modify-0001").orElseThrow().bool("IsClosed")).isFalse();

        StreamsEventResponse response = deliverTwice("modify.json");

        assertThat(response.getBatchItemFailures()).isEmpty();
        SObjectRecord sf = salesforceTaskOf("sc-task-modify-0001").orElseThrow();
        assertThat(sf.bool("IsClosed")).isTrue();
        assertThat(sf.string("Status")).isEqualTo("Completed");
        assertThat(sf.string("Description")).isEqualTo("Pilot confirmed for December.");
    }

    @Test
    void remove_byTheUser_deletesTheTaskInSalesforce_andLeavesTombstones() {
        presuppose(event("remove.json"));
        String sfId = link("sc-task-remove-0001").orElseThrow().sfId();

        StreamsEventResponse response = deliverTwice("remove.json");

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(live.salesforce.org().task(sfId).orElseThrow().isDeleted()).isTrue();
        assertThat(link("sc-task-remove-0001").orElseThrow().state()).isEqualTo(LinkState.DELETED);
    }

    @Test
    void ttlExpiryRemove_isIgnored_onBothSides() {
        presuppose(event("ttl-expiry-remove.json"));
        LiveSync.State before = live.state();
        long calls = live.salesforceState().apiCalls();

        StreamsEventResponse response = deliverTwice("ttl-expiry-remove.json");

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(live.state()).isEqualTo(before);
        assertThat(live.salesforceState().apiCalls()).isEqualTo(calls);
    }

    @Test
    void mixedBatch_pushesOnlyEligibleChanges_oncePerTask() {
        presuppose(event("mixed-batch.json"));
        int salesforceTasksBefore = live.salesforce.org().allTasks().size();

        StreamsEventResponse response = deliverTwice("mixed-batch.json");

        assertThat(response.getBatchItemFailures()).isEmpty();
        SObjectRecord created = salesforceTaskOf("sc-task-batch-0001").orElseThrow();
        assertThat(created.string("Subject")).as("INSERT and MODIFY of one task: one create of its latest state")
                .isEqualTo("Prepare the QBR deck for Acme");
        assertThat(created.string("Priority")).isEqualTo("High");
        SObjectRecord edited = salesforceTaskOf("sc-task-batch-0002").orElseThrow();
        assertThat(edited.string("Subject")).isEqualTo("Email the signed contract");
        assertThat(edited.date("ActivityDate")).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(link("sc-task-before-0001")).as("created before sync was enabled: no back-fill").isEmpty();
        assertThat(link("sf-00T5g002DTs8PgtEYE")).as("an echo is not pushed back").isEmpty();
        assertThat(live.salesforce.org().allTasks()).as("one new Salesforce task only")
                .hasSize(salesforceTasksBefore + 1);
    }

    // ---- what the files presuppose ----

    /** Puts the tables (and Salesforce) into the state the file's records describe; see the class comment. */
    private void presuppose(DynamodbEvent event) {
        Map<String, DynamodbEvent.DynamodbStreamRecord> first = new LinkedHashMap<>();
        Map<String, DynamodbEvent.DynamodbStreamRecord> last = new LinkedHashMap<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            String taskId = record.getDynamodb().getKeys().get("taskId").getS();
            first.putIfAbsent(taskId, record);
            last.put(taskId, record);
        }
        live.advance(Duration.ofMinutes(5));
        first.forEach((taskId, record) -> {
            boolean existedBefore = record.getDynamodb().getOldImage() != null && !StreamRecords.ttlExpiry(record);
            if (existedBefore) {
                put(record.getDynamodb().getOldImage());
                TaskChange synced = decode(record);
                live.components.outboundSync().process(List.of(new TaskChange("seed-" + taskId, synced.userId(),
                        taskId, null, synced.oldImage(), false)));
            }
        });
        live.advance(Duration.ofMinutes(5));
        last.forEach((taskId, record) -> {
            if (record.getDynamodb().getNewImage() != null) {
                put(record.getDynamodb().getNewImage());
            } else if (!StreamRecords.ttlExpiry(record)) {
                live.aws.dynamoDb().deleteItem(r -> r.tableName(live.environment.get("TASKS_TABLE"))
                        .key(AttributeValues.toSdk(record.getDynamodb().getKeys())));
            }
        });
        live.advance(Duration.ofMinutes(1));
    }

    private void put(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        live.aws.dynamoDb().putItem(r -> r.tableName(live.environment.get("TASKS_TABLE"))
                .item(AttributeValues.toSdk(image)));
    }

    private static TaskChange decode(DynamodbEvent.DynamodbStreamRecord record) {
        try {
            return StreamRecords.decode(record);
        } catch (StreamRecords.Undecodable e) {
            throw new IllegalStateException("the event files decode", e);
        }
    }

    private Optional<TaskLink> link(String taskId) {
        return live.components.stores().links().get(UserId.of(LiveSync.USER), TaskId.of(taskId));
    }

    private Optional<SObjectRecord> salesforceTaskOf(String taskId) {
        return link(taskId).filter(l -> l.sfId() != null).flatMap(l -> live.salesforce.org().task(l.sfId()));
    }
}
