package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.store.ClaimLease;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh imports of one piece of work (a page of a first sync, an outbound message) whose task and link writes wait
 * to go together in BatchWriteItems (25 items a request) instead of two conditional writes each. Each one's Salesforce id is claimed
 * first under this work's {@link ClaimLease}, which keeps every other invocation from claiming, completing or
 * releasing it until the work is surely over; {@link SalesforceImports#flushImports} checks again that no task
 * or link of those ids appeared meanwhile and writes them. Work that dies before the flush leaves claims that end
 * with their lease: an abandoned import, completed or released like any other.
 */
final class ImportBatch {

    /**
     * Imports written together: two BatchGetItems (BatchGetItem's largest) read their tasks and links again, four
     * BatchWriteItems write the tasks and four the links.
     */
    static final int SIZE = 100;
    /** How long past the invocation's own end a lease lasts (clock skew between invocations). */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    /** A deferred import: the row it came from (to import it the usual way after all), its task and its link. */
    record Entry(SyncUser user, SfTask row, ScTask task, TaskLink link) {
    }

    private final String claimant = UUID.randomUUID().toString();
    private final Deadline deadline;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private int depth;

    ImportBatch(Deadline deadline) {
        this.deadline = deadline;
    }

    /** Whether imports are being deferred (inside {@link SalesforceImports#importsBatched}). */
    boolean open() {
        return depth > 0;
    }

    void enter() {
        depth++;
    }

    /** @return true when the outermost scope closed (the caller flushes) */
    boolean leave() {
        depth--;
        return depth == 0;
    }

    /** This work's lease from {@code now}: as long as the invocation can live (at most a first sync's), plus a margin. */
    ClaimLease lease(Instant now) {
        Duration left = deadline.remaining();
        Duration hold = left.compareTo(FirstSyncRun.MAX_LEASE) < 0 ? left : FirstSyncRun.MAX_LEASE;
        return new ClaimLease(claimant, now.plus(hold).plus(LEASE_MARGIN));
    }

    /** A lease of this work that ends {@code now}: its claims stay, held by nobody. */
    ClaimLease ended(Instant now) {
        return new ClaimLease(claimant, now);
    }

    String claimant() {
        return claimant;
    }

    void add(Entry entry) {
        entries.put(entry.link().sfId(), entry);
    }

    /** Whether an import of {@code sfId18} waits here (of any org: a false match only costs an early flush). */
    boolean holds(String sfId18) {
        return entries.containsKey(sfId18);
    }

    boolean full() {
        return entries.size() >= SIZE;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The waiting imports, in the order they came. */
    List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** These imports are written: they wait no more. */
    void written(List<Entry> done) {
        done.forEach(e -> entries.remove(e.link().sfId()));
    }
}
