package com.salesconnect.tasksync.simulation;

import com.salesconnect.tasksync.sync.TaskChange;
import com.salesconnect.tasksync.task.Origin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The tasks table's stream as Lambda's event source mapping delivers it (template.yaml): the filter (only Sales
 * Connect writes), {@value #LANES} lanes (ParallelizationFactor 2: records of one key stay in one lane, in order),
 * batches of up to {@value #MAX_BATCH}, ReportBatchItemFailures (the batch is retried from the lowest returned
 * record; the records before it are done), BisectBatchOnFunctionError (a crashed invocation's batch is split in
 * two), MaximumRetryAttempts {@value #MAX_RETRIES} (then the records go to the failure queue, which keeps no data:
 * they are gone) and MaximumRecordAgeInSeconds 86400.
 */
final class StreamMapping {

    static final int LANES = 2;
    static final int MAX_BATCH = 1000;
    static final int MAX_RETRIES = 10;
    static final Duration MAX_AGE = Duration.ofHours(24);

    private static final class Rec {
        final TaskChange change;
        final Instant writtenAt;
        int retries;

        Rec(TaskChange change, Instant writtenAt) {
            this.change = change;
            this.writtenAt = writtenAt;
        }
    }

    private static final class Lane {
        final LinkedList<Rec> waiting = new LinkedList<>();
        int nextBatchLimit = MAX_BATCH;
    }

    /** What one invocation did, for the trace. */
    record Invocation(int records, int retried, int dropped, boolean crashed) {
    }

    private final List<Lane> lanes = new ArrayList<>();
    private final FaultInjector faults;
    /**
     * The failure queue (template.yaml's StreamFailureQueue): the users of the records dropped, expired ones apart.
     * A message there holds only the batch's shard and sequence range; the ops tool's {@code redrive} reads the
     * records' users from the stream and asks for their reconciliation ({@code World#redriveStreamFailures}).
     */
    private final Set<String> expiredUsers = new LinkedHashSet<>();
    private final Set<String> exhaustedUsers = new LinkedHashSet<>();

    StreamMapping(FaultInjector faults) {
        this.faults = faults;
        for (int i = 0; i < LANES; i++) {
            lanes.add(new Lane());
        }
    }

    /**
     * Takes new stream records; the mapping's filter drops writes the sync made on behalf of Salesforce, except a live
     * task becoming a tombstone (template.yaml).
     */
    void add(List<TaskChange> changes, Instant at) {
        for (TaskChange c : changes) {
            if (c.newImage() == null
                    || (c.newImage().changeOrigin() != Origin.SALES_CONNECT && !removedForSalesforce(c))) {
                continue;
            }
            int lane = Math.floorMod((c.userId() + "/" + c.taskId()).hashCode(), LANES);
            lanes.get(lane).waiting.add(new Rec(c, at));
        }
    }

    private static boolean removedForSalesforce(TaskChange c) {
        return c.newImage().changeOrigin() == Origin.SALESFORCE && c.newImage().deletedAt() != null
                && c.oldImage() != null && c.oldImage().deletedAt() == null;
    }

    boolean idle() {
        return lanes.stream().allMatch(l -> l.waiting.isEmpty());
    }

    boolean idle(int lane) {
        return lanes.get(lane).waiting.isEmpty();
    }

    /**
     * Takes the failure queue's messages of expired records ({@code expiredOnly}) or all of them: the users whose
     * records they name, each once.
     */
    Set<String> takeFailures(boolean expiredOnly) {
        Set<String> users = new LinkedHashSet<>(expiredUsers);
        expiredUsers.clear();
        if (!expiredOnly) {
            users.addAll(exhaustedUsers);
            exhaustedUsers.clear();
        }
        return users;
    }

    /** Messages a redrive could not finish: back on the queue (as records that expired, the stricter kind). */
    void failedAgain(Set<String> users) {
        expiredUsers.addAll(users);
    }

    int waiting() {
        return lanes.stream().mapToInt(l -> l.waiting.size()).sum();
    }

    /**
     * One invocation of the function on {@code lane} with a batch of at most {@code size} records. The handler
     * returns the record ids to retry; a {@link SimulatedCrash} is a function error.
     */
    Invocation invoke(int laneIndex, int size, Instant now, Function<List<TaskChange>, List<String>> handler) {
        Lane lane = lanes.get(laneIndex);
        int dropped = 0;
        while (!lane.waiting.isEmpty() && !lane.waiting.getFirst().writtenAt.plus(MAX_AGE).isAfter(now)) {
            expiredUsers.add(lane.waiting.removeFirst().change.userId());
            faults.count(FaultKind.STREAM_RECORD_EXPIRED);
            dropped++;
        }
        int n = Math.min(Math.min(size, lane.nextBatchLimit), lane.waiting.size());
        if (n == 0) {
            return new Invocation(0, 0, dropped, false);
        }
        List<Rec> batch = new ArrayList<>(lane.waiting.subList(0, n));
        List<String> retry;
        try {
            retry = handler.apply(batch.stream().map(r -> r.change).toList());
        } catch (SimulatedCrash crash) {
            // Function error: bisect, and count a retry for every record of the batch.
            lane.nextBatchLimit = Math.max(1, n / 2);
            dropped += retried(lane, batch, 0);
            return new Invocation(n, n, dropped, true);
        }
        lane.nextBatchLimit = MAX_BATCH;
        if (retry.isEmpty()) {
            batch.forEach(r -> lane.waiting.removeFirst());
            return new Invocation(n, 0, dropped, false);
        }
        int from = n;
        for (int i = 0; i < n; i++) {
            if (retry.contains(batch.get(i).change.recordId())) {
                from = i;
                break;
            }
        }
        if (from == n) {
            from = 0; // an id that is not in the batch: Lambda treats the whole batch as failed
        }
        for (int i = 0; i < from; i++) {
            lane.waiting.removeFirst();
        }
        dropped += retried(lane, batch.subList(from, n), 0);
        return new Invocation(n, n - from, dropped, false);
    }

    /** Counts a retry of {@code recs} (at the head of the lane); drops them when their retries are used up. */
    private int retried(Lane lane, List<Rec> recs, int ignored) {
        boolean exhausted = false;
        for (Rec r : recs) {
            r.retries++;
            exhausted |= r.retries > MAX_RETRIES;
        }
        if (!exhausted) {
            return 0;
        }
        for (int i = 0; i < recs.size(); i++) {
            exhaustedUsers.add(lane.waiting.removeFirst().change.userId());
        }
        lane.nextBatchLimit = MAX_BATCH;
        faults.count(FaultKind.STREAM_RETRIES_EXHAUSTED);
        return recs.size();
    }
}
