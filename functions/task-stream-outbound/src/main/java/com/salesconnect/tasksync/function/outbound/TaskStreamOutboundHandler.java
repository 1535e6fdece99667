package com.salesconnect.tasksync.function.outbound;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.salesconnect.tasksync.runtime.Failures;
import com.salesconnect.tasksync.runtime.LambdaJson;
import com.salesconnect.tasksync.runtime.StreamEvents;
import com.salesconnect.tasksync.runtime.TaskRootEntry;
import com.salesconnect.tasksync.sync.OutboundSync;
import com.salesconnect.tasksync.sync.TaskChange;
import com.salesconnect.tasksync.wiring.SnapStartEntry;
import com.salesconnect.tasksync.wiring.SyncComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pushes Sales Connect task changes from the tasks table's stream to Salesforce, answering with partial batch
 * failures: exactly the records whose push must be tried again. An undecodable record is logged and skipped, never
 * reported; the function's README says why that loses no change.
 */
public final class TaskStreamOutboundHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    static {
        // Before the logger below: building the AWS clients' HTTP client then overlaps the start of logging.
        SyncComponents.prebuildAwsHttpClient();
    }

    private static final Logger LOG = LoggerFactory.getLogger(TaskStreamOutboundHandler.class);

    /** Each invocation's log fields and metrics, and the SnapStart priming ({@link #prime}). */
    final SnapStartEntry entry = new SnapStartEntry("task-stream-outbound", this::prime);

    private final OutboundSync outbound;

    /** Lambda's entry: the deployed wiring, primed for SnapStart before the snapshot is taken. */
    public TaskStreamOutboundHandler() {
        this(SnapStartEntry.deployedComponents());
        entry.registerForSnapStart();
    }

    public TaskStreamOutboundHandler(SyncComponents components) {
        this.outbound = components.outboundSync();
    }

    /**
     * Lambda's entry (the runtime picks this overload of the template's {@code handleRequest}): the batch read and
     * the answer written by hand ({@link StreamEvents}), not by the runtime's reflective mapping.
     */
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaJson.write(StreamEvents.response(handleRequest(StreamEvents.event(LambdaJson.readObject(input)),
                context)), output);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return entry.invoke(context, () -> handleRequestLogged(event, context));
    }

    private StreamsEventResponse handleRequestLogged(DynamodbEvent event, Context context) {
        List<DynamodbEvent.DynamodbStreamRecord> records = event == null || event.getRecords() == null
                ? List.of() : event.getRecords();
        List<TaskChange> changes = new ArrayList<>(records.size());
        int poison = 0;
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            try {
                changes.add(StreamRecords.decode(record));
            } catch (StreamRecords.Undecodable e) {
                poison++;
                LOG.error("stream record skipped as undecodable: sequenceNumber={} eventID={} reason={}",
                        StreamRecords.id(record), record.getEventID(), e.getMessage());
            }
        }
        List<String> retry;
        try {
            retry = changes.isEmpty() ? List.of() : outbound.process(changes, SnapStartEntry.deadline(context));
        } catch (RuntimeException e) {
            // Nothing is known to be done: every decoded record is tried again.
            LOG.error("stream batch failed, all records returned for retry: records={} failure={}", changes.size(),
                    Failures.describe(e));
            retry = changes.stream().map(TaskChange::recordId).toList();
        }
        if (!retry.isEmpty() || poison > 0) {
            LOG.info("stream batch: records={} retry={} skippedUndecodable={}", records.size(), retry.size(), poison);
        }
        List<StreamsEventResponse.BatchItemFailure> failures = retry.stream()
                .map(StreamsEventResponse.BatchItemFailure::new)
                .toList();
        return new StreamsEventResponse(new ArrayList<>(failures));
    }

    /** SnapStart priming: decodes a sample record with the store's mapping; no I/O, nothing per instance. */
    private void prime() throws StreamRecords.Undecodable {
        DynamodbEvent.DynamodbStreamRecord sample = new DynamodbEvent.DynamodbStreamRecord();
        sample.setEventName("INSERT");
        StreamRecord stream = new StreamRecord();
        stream.setSequenceNumber("0");
        stream.setKeys(Map.of("userId", new AttributeValue("priming"), "taskId", new AttributeValue("priming")));
        stream.setNewImage(Map.of(
                "userId", new AttributeValue("priming"),
                "taskId", new AttributeValue("priming"),
                "subject", new AttributeValue("priming"),
                "completed", new AttributeValue().withBOOL(false),
                "priority", new AttributeValue("NORMAL"),
                "type", new AttributeValue("TODO"),
                "createdAt", new AttributeValue("2026-01-01T00:00:00.000000000Z"),
                "updatedAt", new AttributeValue("2026-01-01T00:00:00.000000000Z"),
                "version", new AttributeValue().withN("1"),
                "changeOrigin", new AttributeValue("SALES_CONNECT")));
        sample.setDynamodb(stream);
        StreamRecords.decode(sample);
        StreamEvents.event(Map.of("Records", List.of(Map.of("eventName", "INSERT", "dynamodb", Map.of(
                "ApproximateCreationDateTime", 1.7e9, "SequenceNumber", "0", "StreamViewType", "NEW_AND_OLD_IMAGES",
                "Keys", Map.of("taskId", Map.of("S", "priming")), "NewImage", Map.of("version", Map.of("N", "1"),
                        "completed", Map.of("BOOL", false), "notes", Map.of("NULL", true)))))));
        LambdaJson.toJson(StreamEvents.response(
                new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure("0")))));
    }

    /**
     * Lambda's entry, the class template.yaml names: this handler, loaded by a class loader of its own that loads
     * classes on several threads at once ({@link TaskRootEntry}).
     */
    public static final class Entry extends TaskRootEntry {
    }
}
