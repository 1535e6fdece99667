package com.salesconnect.tasksync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.salesforce.ChangeEvent;
import com.salesconnect.tasksync.salesforce.ChangeEventCodec;
import com.salesconnect.tasksync.salesforce.MalformedMessageException;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.OrgLimitStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code redrive <queue>}: the records Lambda left on the template's failure queues, sent back to where they came
 * from. A sweep invocation's record ({@code requestPayload}: the EventBridge event) is published again on the sync's
 * bus (SyncEnabled, UserSweepRequested), or for the scheduled tick, a sweep of every enabled user is requested. A
 * stream batch's record holds only the shard and sequence range ({@code DDBStreamBatchInfo}): the tool reads those
 * records from the stream (kept 24 hours) for their users and requests a fresh reconciliation of each
 * ({@link SweepRequests#reconcile}): their sweeps push every pending push and settle every linked pair, so an edit
 * whose record expired before any invocation stored its pending push reaches Salesforce too; when the stream no
 * longer has them, every enabled user is reconciled. A Salesforce change
 * event (ChangeEventFailureQueue: EventBridge's dead letter, the event itself, or Lambda's record of a failed
 * invocation) cannot be put back on Event Relay's partner bus: its org is marked as having missed changes (a GAP: its
 * sweeps run at full pace again) and the sweeps of its users are requested, which read every change since their
 * watermark. A message is deleted only after what replaces it was published; one the tool cannot read stays on the
 * queue.
 */
final class Redrive {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_READS_PER_BATCH = 1_000;
    private static final int MAX_EMPTY_PAGES = 3;
    /** Event Relay's events come from partner event sources named {@code aws.partner/salesforce.com/<org>/<relay>}. */
    private static final String SALESFORCE_PARTNER_SOURCE = "aws.partner/salesforce.com/";

    private final SqsClient sqs;
    private final DynamoDbStreamsClient streams;
    private final SyncEventPublisher events;
    private final SweepRequests sweeps;
    private final OrgCatchUp orgs;
    private final PrintStream out;

    /** What a lost change event of an org needs: its users, and the GAP that brings its sweeps to full pace. */
    record OrgCatchUp(ConnectionStore connections, OrgLimitStore limits, Clock clock) {
        /** Every user connected to the org (the routing query's one page holds about 10,000). */
        static final int ALL_USERS = 100_000;
    }

    Redrive(SqsClient sqs, DynamoDbStreamsClient streams, SyncEventPublisher events, SweepRequests sweeps,
            OrgCatchUp orgs, PrintStream out) {
        this.sqs = sqs;
        this.streams = streams;
        this.events = events;
        this.sweeps = sweeps;
        this.orgs = orgs;
        this.out = out;
    }

    record Outcome(int redriven, int leftOnQueue) {
    }

    Outcome redrive(String queueUrl) {
        int redriven = 0;
        int left = 0;
        Set<String> seen = new LinkedHashSet<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(120)).messages();
            List<Message> fresh = batch.stream().filter(m -> seen.add(m.messageId())).toList();
            if (fresh.isEmpty()) {
                break;
            }
            for (Message message : fresh) {
                if (redrive(message)) {
                    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    redriven++;
                } else {
                    left++;
                }
            }
        }
        return new Outcome(redriven, left);
    }

    private boolean redrive(Message message) {
        JsonNode record;
        try {
            record = JSON.readTree(message.body());
        } catch (IOException e) {
            out.println("  left on the queue: message " + message.messageId() + " is not JSON");
            return false;
        }
        if (record.has("DDBStreamBatchInfo")) {
            return streamBatch(message.messageId(), record.get("DDBStreamBatchInfo"));
        }
        JsonNode event = record.has("requestPayload") ? record.get("requestPayload") : record;
        if (event.path("source").asText().startsWith(SALESFORCE_PARTNER_SOURCE)) {
            return changeEvent(message.messageId(), event);
        }
        if (record.has("requestPayload")) {
            return sweepInvocation(message.messageId(), record.get("requestPayload"));
        }
        out.println("  left on the queue: message " + message.messageId()
                + " is neither a stream batch nor an asynchronous invocation record");
        return false;
    }

    private boolean sweepInvocation(String messageId, JsonNode event) {
        String source = event.path("source").asText();
        String type = event.path("detail-type").asText();
        JsonNode detail = event.path("detail");
        if (source.equals("aws.events")) {
            int users = sweeps.request(sweeps.enabledUsers());
            out.println("  " + messageId + ": scheduled tick of " + event.path("time").asText()
                    + " -> sweep requested for every enabled user (" + users + ")");
            return true;
        }
        if (source.equals(SyncEventPublisher.SOURCE) && type.equals(SyncEventPublisher.USER_SWEEP_REQUESTED)) {
            List<String> users = new ArrayList<>();
            detail.path("userIds").forEach(u -> users.add(u.asText()));
            Instant at = instant(detail.path("scheduledAt").asText()).orElseGet(Instant::now);
            events.sweepRequested(users, at);
            out.println("  " + messageId + ": " + type + " published again for " + users);
            return true;
        }
        if (source.equals(SyncEventPublisher.SOURCE) && type.equals(SyncEventPublisher.SYNC_ENABLED)) {
            String user = detail.path("userId").asText();
            Optional<Instant> at = instant(detail.path("enabledAt").asText());
            if (user.isEmpty() || at.isEmpty()) {
                out.println("  left on the queue: " + messageId + " is a SyncEnabled event without userId/enabledAt");
                return false;
            }
            events.syncEnabled(user, at.get());
            out.println("  " + messageId + ": " + type + " published again for " + user);
            return true;
        }
        out.println("  left on the queue: " + messageId + " holds an event the sweep does not take (" + source
                + " / " + type + ")");
        return false;
    }

    private boolean changeEvent(String messageId, JsonNode event) {
        ChangeEvent decoded;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.convertValue(event, Map.class);
            decoded = ChangeEventCodec.decode(map);
        } catch (MalformedMessageException | IllegalArgumentException e) {
            out.println("  left on the queue: " + messageId + " is not a Salesforce Task change event we can read ("
                    + e.getMessage() + ")");
            return false;
        }
        OrgId org = OrgId.of(SalesforceIds.to18(decoded.orgId()));
        orgs.limits().changeEventGap(org, orgs.clock().instant());
        List<String> users = sweeps.enabledAmong(new LinkedHashSet<>(orgs.connections().usersInOrg(org,
                OrgCatchUp.ALL_USERS)));
        sweeps.request(users);
        out.println("  " + messageId + ": " + decoded.changeType() + " of " + decoded.recordIds().size()
                + " task(s) in org " + org.value() + " -> its sweeps at full pace, sweep requested for " + users);
        return true;
    }

    private boolean streamBatch(String messageId, JsonNode info) {
        String streamArn = info.path("streamArn").asText();
        String shardId = info.path("shardId").asText();
        String start = info.path("startSequenceNumber").asText();
        String end = info.path("endSequenceNumber").asText();
        Optional<Set<String>> users = usersOf(streamArn, shardId, start, end);
        if (users.isEmpty()) {
            int all = sweeps.reconcile(sweeps.enabledUsers());
            out.println("  " + messageId + ": the stream no longer holds " + shardId + " " + start + ".." + end
                    + " -> fresh reconciliation requested for every enabled user (" + all + ")");
            return true;
        }
        List<String> enabled = sweeps.enabledAmong(users.get());
        sweeps.reconcile(enabled);
        out.println("  " + messageId + ": batch " + shardId + " " + start + ".." + end + " of users " + users.get()
                + " -> fresh reconciliation requested for " + enabled);
        return true;
    }

    /** The users (TasksTable's partition key) of the batch's records; empty when the stream cannot give them. */
    private Optional<Set<String>> usersOf(String streamArn, String shardId, String start, String end) {
        if (streamArn.isEmpty() || shardId.isEmpty() || start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        BigInteger last = new BigInteger(end);
        Set<String> users = new LinkedHashSet<>();
        try {
            String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(start)).shardIterator();
            int empty = 0;
            for (int reads = 0; iterator != null && reads < MAX_READS_PER_BATCH; reads++) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(current).limit(1000));
                for (Record record : page.records()) {
                    if (new BigInteger(record.dynamodb().sequenceNumber()).compareTo(last) > 0) {
                        return Optional.of(users);
                    }
                    AttributeValue user = record.dynamodb().keys().get("userId");
                    if (user != null && user.s() != null) {
                        users.add(user.s());
                    }
                }
                // An open shard answers empty pages at its end (the batch's last record is behind us); a few in a
                // row are allowed, as a page may come back empty before records that follow.
                empty = page.records().isEmpty() ? empty + 1 : 0;
                if (empty == MAX_EMPTY_PAGES) {
                    break;
                }
                iterator = page.nextShardIterator();
            }
        } catch (SdkException e) {
            // Trimmed (older than 24 hours), or a shard or stream that no longer exists.
            return Optional.empty();
        }
        return users.isEmpty() ? Optional.empty() : Optional.of(users);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
