package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.rules.Eligibility;
import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.SalesforceUnavailableException;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.salesforce.SfWrite;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A push's creates: a PENDING_CREATE link is written before the call (for many tasks together), so a retry or an
 * echo knows a create is, or was, in flight. A retried create first looks in Salesforce for the task an interrupted
 * attempt made and adopts it instead of creating a second one.
 */
final class PushCreates {

    private static final Logger LOG = LoggerFactory.getLogger(PushCreates.class);

    /**
     * The time a push keeps, before a later chunk's call, for the links of the chunks it sent: below it they are
     * written first. A chunk's links are two conditional writes a create (about 1 s for 200 on DynamoDB), so a
     * push of five chunks needs about 5 s after its last call; Salesforce's own calls keep
     * {@link com.salesconnect.tasksync.salesforce.SalesforceHttp#RESERVE} on top.
     */
    static final Duration LINKING_RESERVE = Duration.ofSeconds(20);

    private record Prepared(ScTask task, TaskLink link, TaskMapper.Create body) {
    }

    private final LinkStore links;
    private final ConflictRecorder conflicts;
    private final Deletions deletions;
    private final InterruptedCreates interrupted;

    PushCreates(LinkStore links, ConflictRecorder conflicts, Deletions deletions, InterruptedCreates interrupted) {
        this.links = links;
        this.conflicts = conflicts;
        this.deletions = deletions;
        this.interrupted = interrupted;
    }

    /** A fresh create and its PENDING_CREATE link (once stored: its write-ahead intent). */
    record Intent(ScTask task, TaskLink link) {
    }

    /**
     * Writes the PENDING_CREATE links of the fresh creates (for many tasks together), before any Salesforce call of
     * the push, the org's task statuses included (the link records the values the create sends in Sales Connect's
     * terms, which need none): each is the create's write-ahead intent. A push that dies after it leaves the link for
     * its retry (or, if no retry comes, for the sweep: {@link PendingPushRetry}), so a fresh create needs no pending
     * push of its own.
     *
     * @return the fresh creates whose link is stored, for {@link #run}
     */
    List<Intent> prepare(PushRun run, List<PushAction> actions) {
        List<Intent> fresh = new ArrayList<>();
        for (PushAction a : actions) {
            if (a instanceof PushAction.Create c) {
                run.guarded(c.taskId(), () -> fresh.add(new Intent(c.task(), TaskLink.pendingCreate(
                        run.user.userId(), c.taskId(), run.user.identity(), run.now,
                        TaskMapper.normalize(c.task().fields()).fields()))));
            }
        }
        // Written before the call: a retry or an echo then knows a create is (or was) in flight.
        Map<String, TaskLink> pending = saveAll(run, fresh.stream().map(Intent::link).toList());
        List<Intent> stored = new ArrayList<>();
        for (Intent i : fresh) {
            run.guarded(i.task().taskId(), () -> {
                TaskLink saved = pending.get(i.task().taskId());
                stored.add(new Intent(i.task(), saved != null ? saved : links.save(i.link())));
            });
        }
        return stored;
    }

    /** The creates: the retried ones (adopted, or claimed again), then {@code fresh} from {@link #prepare}. */
    void run(PushRun run, List<PushAction> actions, List<Intent> fresh) {
        List<Prepared> prepared = new ArrayList<>();
        for (PushAction a : actions) {
            if (a instanceof PushAction.RetryCreate r) {
                run.guarded(r.taskId(), () -> retry(run, r).ifPresent(prepared::add));
            }
        }
        for (Intent i : fresh) {
            run.guarded(i.task().taskId(), () -> prepared.add(new Prepared(i.task(), i.link(),
                    TaskMapper.forCreate(i.task().fields(), run.user.sfUserId(), run.user::statuses))));
        }
        // Every chunk's call first, then the links of all of them: the last chunk reaches Salesforce without waiting
        // for the earlier chunks' link writes (a burst of 1,000 creates: two chunks' worth of writes sooner). A chunk
        // sent is linked whatever stops a later one; should the invocation die before its links are written, they
        // stay PENDING_CREATE and marked as sent, which is how a lost response leaves them: the retry adopts what
        // was made (InterruptedCreates), never creating twice.
        List<Sent> sent = new ArrayList<>();
        RuntimeException stopped = null;
        for (int from = 0; from < prepared.size(); from += TaskPusher.BATCH) {
            List<Prepared> chunk = prepared.subList(from, Math.min(prepared.size(), from + TaskPusher.BATCH));
            if (!sent.isEmpty() && !run.user.deadline().allows(LINKING_RESERVE)) {
                // Little time left: what was made is linked before another call, so the end of the invocation
                // cannot leave many creates to be adopted by their retry's query.
                sent.forEach(s -> link(run, s));
                sent.clear();
            }
            try {
                sent.add(new Sent(chunk, send(run, chunk)));
            } catch (RuntimeException e) {
                stopped = e;
                break;
            }
        }
        sent.forEach(s -> link(run, s));
        if (stopped != null) {
            throw stopped;
        }
    }

    /** A chunk of creates sent, with Salesforce's results in its order. */
    private record Sent(List<Prepared> chunk, List<SaveResult> results) {
    }

    /** One collection call of up to {@value TaskPusher#BATCH} creates, its links marked as sending first. */
    private List<SaveResult> send(PushRun run, List<Prepared> chunk) {
        // Noted right before the call: an attempt never marked was never sent, so a person's task in Salesforce
        // with the same values is never taken for it (InterruptedCreates#find).
        links.markSending(chunk.stream().map(Prepared::link).toList());
        chunk.forEach(p -> run.createsSent.add(p.task().taskId()));
        try {
            return run.user.api().create(chunk.stream()
                    .map(p -> new SfWrite(p.task().taskId(), null, p.body().fields())).toList());
        } catch (SalesforceException e) {
            if (!(e instanceof SalesforceUnavailableException u) || !u.mayHaveWritten()) {
                // Refused outright (the org's limit, the session, a rejected request, a 500 or 503 on every
                // attempt) or never started: nothing was made, so these creates are not in doubt, and their links
                // go like those never sent (a person's task with the same values is then never taken for this
                // create's echo). Only a time-out or a gateway's answer leaves them in doubt.
                chunk.forEach(p -> run.createsSent.remove(p.task().taskId()));
            }
            throw e;
        }
    }

    /** A sent chunk's links: in the usual outcome, every create made, they leave PENDING_CREATE together. */
    private void link(PushRun run, Sent sent) {
        List<Prepared> chunk = sent.chunk();
        List<SaveResult> results = sent.results();
        List<TaskLink> made = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            if (i < results.size() && results.get(i) instanceof SaveResult.Saved saved) {
                made.add(chunk.get(i).link().relinked(SalesforceIds.to18(saved.id()),
                        chunk.get(i).body().salesforceAfter(), null));
            }
        }
        Map<String, TaskLink> linked = saveAll(run, made);
        for (int i = 0; i < chunk.size(); i++) {
            Prepared p = chunk.get(i);
            SaveResult result = i < results.size() ? results.get(i) : null;
            if (linked.containsKey(p.task().taskId()) && result instanceof SaveResult.Saved saved) {
                run.guarded(p.task().taskId(), () -> linked(run, p, SalesforceIds.to18(saved.id())));
            } else {
                run.guarded(p.task().taskId(), () -> created(run, p, result));
            }
        }
    }

    /**
     * After a push stopped before some fresh creates were sent (out of time, Salesforce unavailable or refusing), or
     * Salesforce refused their call outright: their PENDING_CREATE links go, since nothing was made, so the record's
     * retry (or the pending push the stop leaves) creates at once instead of waiting out
     * {@link InterruptedCreates#CREATE_WINDOW}. Best effort: a link left here (a store failure, the invocation
     * ending) is taken for an interrupted create, which is safe, only slower.
     */
    void withdrawUnsent(PushRun run, List<Intent> fresh) {
        for (Intent i : fresh) {
            if (run.createsSent.contains(i.task().taskId())) {
                continue;
            }
            try {
                links.delete(i.link());
            } catch (StoreException | WriteConflictException e) {
                LOG.info("unsent create's link left for its retry: userId={} taskId={} error={}", run.user.userId(),
                        i.task().taskId(), e.getClass().getSimpleName());
            }
        }
    }

    /**
     * {@link LinkStore#saveAll}, empty when it failed as a whole: each link is then saved alone (which settles any
     * the batch did save), so a store failure holds up only the tasks whose own save fails.
     */
    private Map<String, TaskLink> saveAll(PushRun run, List<TaskLink> batch) {
        if (batch.isEmpty()) {
            return Map.of();
        }
        try {
            return links.saveAll(batch);
        } catch (StoreException e) {
            LOG.info("batch link save failed, saving one by one: userId={} links={} error={}", run.user.userId(),
                    batch.size(), e.getClass().getSimpleName());
            return Map.of();
        }
    }

    /**
     * A create that may have reached Salesforce before (a lost response, a crash): adopt what it made, else create
     * again, claiming the link first so that two retries never create twice. A task of an earlier enabled period is
     * only adopted, never created now (no back-fill).
     */
    private Optional<Prepared> retry(PushRun run, PushAction.RetryCreate r) {
        if (r.link().sfId() != null && linkRecorded(run, r)) {
            return Optional.empty();
        }
        if (interrupted.inFlight(run, r.link())) {
            return Optional.empty();
        }
        Optional<SfTask> made = interrupted.find(run, r.task(), r.link());
        if (made.isPresent()) {
            adopt(run, r, made.get());
            return Optional.empty();
        }
        if (!Eligibility.pushable(run.user.settings(), r.task())) {
            links.delete(r.link());
            run.done(r.taskId());
            return Optional.empty();
        }
        TaskMapper.Create body = TaskMapper.forCreate(r.task().fields(), run.user.sfUserId(), run.user::statuses);
        // The claim: a concurrent retry of the same create loses this conditional write and does not create.
        TaskLink claimed = links.save(r.link().pendingAgain(run.now, body.salesforceAfter()));
        return Optional.of(new Prepared(r.task(), claimed, body));
    }

    /**
     * A create that made its task and recorded it ({@link TaskLink#recording}) before the invocation died: that task
     * is linked now, the copy its message imported dropped if it is still there, and the pair goes to the update phase,
     * which merges the person's change in Salesforce with Sales Connect's since the create (and applies a deletion
     * made in Salesforce meanwhile). False, and the create is retried as one whose task is unknown, when the id is
     * held by another task (given to another owner meanwhile).
     */
    private boolean linkRecorded(PushRun run, PushAction.RetryCreate r) {
        String sfId = r.link().sfId();
        interrupted.dropImportedCopy(run, sfId);
        TaskLink linked;
        try {
            linked = links.save(r.link().relinked(sfId, r.link().base(), null));
        } catch (WriteConflictException e) {
            if (links.get(run.user.id(), r.task().id()).filter(l -> l.version() == r.link().version()).isEmpty()) {
                throw e; // the link moved on meanwhile: the next push plans again
            }
            LOG.info("recorded create's task held by another task: userId={} taskId={}", run.user.userId(),
                    r.taskId());
            return false;
        }
        LOG.info("linked the recorded task of an interrupted create: userId={} taskId={}", run.user.userId(),
                r.taskId());
        run.adopted.add(new PushAction.Update(r.task(), linked));
        return true;
    }

    /** The task an interrupted create made, linked now; Sales Connect edits made since go to the update phase. */
    private void adopt(PushRun run, PushAction.RetryCreate r, SfTask row) {
        TaskLink adopted = links.save(r.link().relinked(SalesforceIds.to18(row.id()), run.fromSalesforce(row),
                row.systemModstamp()));
        LOG.info("adopted an interrupted create: userId={} taskId={}", run.user.userId(), r.taskId());
        if (row.deleted()) {
            // Deleted in Salesforce since: that deletion wins; the task is not made again.
            deletions.goneInSalesforce(adopted, false, run.now, row.systemModstamp());
            run.done(r.taskId());
        } else if (PushPlanner.hasLocalChanges(r.task(), adopted)) {
            run.adopted.add(new PushAction.Update(r.task(), adopted));
        } else {
            run.done(r.taskId());
        }
    }

    /** A create Salesforce made, its link LINKED now: the values Salesforce adjusted recorded, the task done. */
    private void linked(PushRun run, Prepared p, String sfId) {
        run.accepted = true;
        conflicts.adjusted(run.user.userId(), p.task().taskId(), sfId, p.body().adjustments(), run.now);
        run.done(p.task().taskId());
    }

    private void created(PushRun run, Prepared p, SaveResult result) {
        String userId = run.user.userId();
        String taskId = p.task().taskId();
        if (result instanceof SaveResult.Saved saved) {
            String sfId = SalesforceIds.to18(saved.id());
            try {
                links.save(p.link().relinked(sfId, p.body().salesforceAfter(), null));
            } catch (WriteConflictException e) {
                // The echo of this create may have adopted the link first: same task, same Salesforce id is fine.
                TaskLink now = links.get(run.user.id(), p.task().id()).orElseThrow(() -> e);
                if (now.state() != LinkState.LINKED || !SalesforceIds.same(now.sfId(), sfId)) {
                    TaskLink copy = interrupted.importedCopy(run, sfId).orElseThrow(() -> e);
                    // The task made is recorded before its copy goes: should the invocation die in between, the
                    // retry links it by id (a person changed its values, so nothing else recognises it).
                    TaskLink recorded = now.state() == LinkState.PENDING_CREATE ? links.save(now.recording(sfId)) : now;
                    interrupted.drop(run, copy);
                    links.save(recorded.relinked(sfId, p.body().salesforceAfter(), null));
                }
            }
            linked(run, p, sfId);
        } else if (result instanceof SaveResult.Failed f) {
            if (SalesforceFailures.isTransient(f)) {
                run.retry(taskId, "Salesforce busy");
                return;
            }
            // Refused for good: no PENDING_CREATE stays behind (nothing was made); the next edit tries again.
            conflicts.rejected(userId, taskId, null, f.errors(), run.now);
            links.delete(p.link());
            run.done(taskId);
        } else {
            run.retry(taskId, "no result from Salesforce");
        }
    }
}
