package com.salesconnect.tasksync.function.outbound;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.salesconnect.tasksync.sync.TaskChange;
import com.salesconnect.tasksync.testing.SyncFixture;
import com.salesconnect.tasksync.wiring.EventFiles;
import com.salesconnect.tasksync.wiring.FixtureAdapters;
import com.salesconnect.tasksync.wiring.LiveSync;
import com.salesconnect.tasksync.wiring.TestLambdaContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler's decoding and batch answers over in-memory fakes, fed with events/task-stream-outbound. */
class TaskStreamOutboundHandlerTest {

    private static final String USER = LiveSync.USER;
    private static final String OTHER = "other";

    private final SyncFixture fx = new SyncFixture();
    private final TaskStreamOutboundHandler handler = new TaskStreamOutboundHandler(FixtureAdapters.components(fx));

    @BeforeEach
    void usersSyncSinceBeforeTheEvents() {
        fx.connect(USER, SyncFixture.ALICE_SF);
        fx.connect(OTHER, SyncFixture.BOB_SF);
        fx.enable(USER);
        fx.enable(OTHER);
    }

    private static DynamodbEvent event(String file) {
        return EventLoader.loadDynamoDbEvent(EventFiles.path("task-stream-outbound/" + file));
    }

    private StreamsEventResponse handle(DynamodbEvent event) {
        return handler.handleRequest(event, TestLambdaContext.of("req-1"));
    }

    /** Stores each record's latest image as the table would hold it after the batch. */
    private void storeLatestImages(DynamodbEvent event) throws Exception {
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            TaskChange change = StreamRecords.decode(record);
            if (change.newImage() != null) {
                fx.tasks.seed(change.newImage());
            }
        }
    }

    private static List<String> failed(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void theEventFiles_decodeAsTheLambdaRuntimeDeliversThem() throws Exception {
        DynamodbEvent event = event("mixed-batch.json");

        TaskChange insert = StreamRecords.decode(event.getRecords().get(0));
        assertThat(event.getRecords().get(0).getDynamodb().getApproximateCreationDateTime()).isNotNull();
        assertThat(insert.recordId()).isEqualTo(event.getRecords().get(0).getDynamodb().getSequenceNumber());
        assertThat(insert.userId()).isEqualTo(USER);
        assertThat(insert.oldImage()).isNull();
        assertThat(insert.newImage().fields().subject()).isEqualTo("Prepare the QBR deck");
        TaskChange ttl = StreamRecords.decode(event("ttl-expiry-remove.json").getRecords().get(0));
        assertThat(ttl.ttlExpiry()).isTrue();
        assertThat(ttl.oldImage().deleted()).isTrue();
        assertThat(StreamRecords.decode(event("remove.json").getRecords().get(0)).ttlExpiry())
                .as("a removal by Sales Connect itself").isFalse();
    }

    @Test
    void aTtlExpiryRemove_isIgnored_withoutAnySalesforceCall() {
        StreamsEventResponse response = handle(event("ttl-expiry-remove.json"));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(fx.salesforce.callCount()).isZero();
    }

    @Test
    void anInsert_isPushedToSalesforce() throws Exception {
        DynamodbEvent event = event("insert.json");
        storeLatestImages(event);

        StreamsEventResponse response = handle(event);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(fx.salesforce.liveTasksOf(SyncFixture.ALICE_SF))
                .extracting(t -> t.subject()).containsExactly("Send the proposal to Ada");
    }

    @Test
    void aPartialFailure_returnsExactlyTheFailedRecordsSequenceNumbers() throws Exception {
        DynamodbEvent demo = event("insert.json");
        DynamodbEvent.DynamodbStreamRecord demoRecord = demo.getRecords().get(0);
        DynamodbEvent.DynamodbStreamRecord otherRecord = copyFor(OTHER, event("insert.json").getRecords().get(0),
                "4421584500000000017450439999");
        DynamodbEvent batch = new DynamodbEvent();
        batch.setRecords(List.of(demoRecord, otherRecord));
        storeLatestImages(batch);
        // Demo's PENDING_CREATE link write fails in the store (in the batch save, then alone); the other user's
        // push goes through.
        fx.links.faults.failNext("save", 2,
                () -> new com.salesconnect.tasksync.store.StoreException("injected failure of save"));

        StreamsEventResponse response = handle(batch);

        assertThat(failed(response)).containsExactly(demoRecord.getDynamodb().getSequenceNumber());
        assertThat(fx.salesforce.liveTasksOf(SyncFixture.BOB_SF)).hasSize(1);
        assertThat(fx.salesforce.liveTasksOf(SyncFixture.ALICE_SF)).isEmpty();

        StreamsEventResponse retried = handle(demo);

        assertThat(retried.getBatchItemFailures()).isEmpty();
        assertThat(fx.salesforce.liveTasksOf(SyncFixture.ALICE_SF)).hasSize(1);
    }

    @Test
    void anUndecodableRecord_isSkippedAndNotReported_whileTheOthersArePushed() throws Exception {
        DynamodbEvent event = event("insert.json");
        storeLatestImages(event);
        DynamodbEvent.DynamodbStreamRecord poison = copyFor(USER, event("insert.json").getRecords().get(0),
                "4421584500000000017450430000");
        poison.getDynamodb().getNewImage().remove("createdAt");
        DynamodbEvent.DynamodbStreamRecord noKeys = copyFor(USER, event("insert.json").getRecords().get(0),
                "4421584500000000017450430001");
        noKeys.getDynamodb().setKeys(Map.of());
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>(List.of(poison, noKeys));
        records.addAll(event.getRecords());
        event.setRecords(records);

        StreamsEventResponse response = handle(event);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(fx.salesforce.liveTasksOf(SyncFixture.ALICE_SF)).hasSize(1);
    }

    @Test
    void aUserWhoseStateCannotBeRead_getsAllItsPushableRecordsReturned() throws Exception {
        DynamodbEvent event = event("mixed-batch.json");
        storeLatestImages(event);
        fx.settings.faults.failNext("get", 5, () -> new IllegalStateException("boom"));

        StreamsEventResponse response = handle(event);

        assertThat(failed(response)).as("records of the user whose settings could not be read")
                .containsExactlyElementsOf(event.getRecords().stream()
                        .filter(r -> !StreamRecords.ttlExpiry(r))
                        .filter(r -> !r.getDynamodb().getNewImage().get("changeOrigin").getS().equals("SALESFORCE"))
                        .map(r -> r.getDynamodb().getSequenceNumber()).toList());
    }

    @Test
    void snapStartPriming_decodesWithoutAnyCall() throws Exception {
        handler.entry.beforeCheckpoint(null);

        assertThat(fx.salesforce.callCount()).isZero();
    }

    /** A copy of {@code record} for another user, with its own sequence number. */
    private static DynamodbEvent.DynamodbStreamRecord copyFor(String userId, DynamodbEvent.DynamodbStreamRecord record,
                                                             String sequenceNumber) {
        DynamodbEvent.DynamodbStreamRecord copy = (DynamodbEvent.DynamodbStreamRecord) record.clone();
        copy.setDynamodb(record.getDynamodb().clone());
        Map<String, AttributeValue> keys = new HashMap<>(record.getDynamodb().getKeys());
        keys.put("userId", new AttributeValue(userId));
        copy.getDynamodb().setKeys(keys);
        Map<String, AttributeValue> image = new HashMap<>(record.getDynamodb().getNewImage());
        image.put("userId", new AttributeValue(userId));
        copy.getDynamodb().setNewImage(image);
        copy.getDynamodb().setSequenceNumber(sequenceNumber);
        return copy;
    }
}
