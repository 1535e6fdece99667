package com.salesconnect.tasksync.simulation;

import com.salesconnect.tasksync.events.PublishException;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.rules.CommandCenter;
import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.EnabledPeriod;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.sync.TaskNotFoundException;
import com.salesconnect.tasksync.task.InvalidTaskException;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The properties every run must keep, judged against the {@link GroundTruth} and Salesforce's own record of what
 * happened (never against what the sync believes). Safety properties are checked after every step (and at the
 * moment of each Salesforce write our integration makes); the rest once the world is quiescent. README.md gives each
 * definition in words; the names here are the ones a failure reports.
 */
final class Invariants implements SimulatedSalesforce.Observer {

    static final String PAIRS_EQUAL = "pairs-equal";
    static final String NO_INELIGIBLE_PUSH = "no-ineligible-push";
    static final String NO_RESURRECTION = "no-resurrection";
    static final String NO_DUPLICATES = "no-duplicates";
    static final String LINK_INTEGRITY = "link-integrity";
    static final String NOTHING_LOST = "nothing-lost";
    static final String NO_SPURIOUS_DELETION = "no-spurious-deletion";
    static final String QUIET = "quiet";
    static final String COMMAND_CENTER = "command-center";
    static final String NO_UNEXPECTED_EXCEPTION = "no-unexpected-exception";
    static final String USER_EDIT_TIME = "user-edit-time";

    static final Duration FIRST_IMPORT_WINDOW = Duration.ofHours(24);
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(5);
    /** A sweep sees changes up to the last whole minute Salesforce covers, read again with a 2-minute overlap. */
    static final Duration CATCH_UP = Duration.ofMinutes(2);
    /**
     * How old the org's probe may be when a user's sweep uses it instead of reading Salesforce's logs itself (core's
     * {@code OrgProbes.PROBE_FRESH}): such a sweep has caught up only to what the probe covered.
     */
    static final Duration PROBE_FRESH = Duration.ofMinutes(4);
    /**
     * A tick's sweep may use any probe made since the tick's scheduled time less this (core's
     * {@code OrgProbes.TICK_LEEWAY}), however late the sweep runs.
     */
    static final Duration TICK_LEEWAY = Duration.ofMinutes(1);
    static final Duration TOMBSTONE_TTL = Duration.ofDays(15);

    /** A broken property: which one, what exactly, the ids involved, and when. */
    record Violation(String invariant, String detail, int step, Instant at) {

        /** The kind of failure: the invariant and the wording of its detail without ids, times and values. */
        String signature() {
            String shape = detail.replaceAll("\\[.*", "")
                    .replaceAll("user-[a-z]+", "#")
                    .replaceAll("[A-Za-z0-9_./-]*[0-9][A-Za-z0-9_:./+-]*", "#")
                    .replaceAll("differ: .*", "differ")
                    .replaceAll("\\s+", " ");
            return invariant + ": " + (shape.length() > 90 ? shape.substring(0, 90) : shape).trim();
        }

        @Override
        public String toString() {
            return invariant + " (step " + step + ", " + at + "): " + detail;
        }
    }

    private final World w;
    private final List<Violation> violations = new ArrayList<>();

    Invariants(World world) {
        this.w = world;
    }

    List<Violation> violations() {
        return violations;
    }

    Optional<Violation> first() {
        return violations.isEmpty() ? Optional.empty() : Optional.of(violations.get(0));
    }

    void fail(String invariant, String detail) {
        Violation v = new Violation(invariant, detail.replace("\n", "\\n"), w.step, w.now());
        violations.add(v);
        w.trace(() -> "      VIOLATION " + v);
    }

    // ---------------------------------------------------------------- at Salesforce writes

    @Override
    public void apiCreated(SimulatedSalesforce.Org org, SimulatedSalesforce.Row row, SalesforceConnection caller) {
        String user = caller.userId();
        String ref = row.apiRef();
        w.truth.created(user, ref, row.id()).ifPresent(earlier -> {
            if (w.salesforce.rowEver(earlier).map(this::unrecognisable).orElse(false)) {
                return; // the earlier create's task was changed by a person before the sync could recognise it
            }
            boolean live = w.salesforce.rowEver(earlier).map(SimulatedSalesforce.Row::live).orElse(false);
            fail(live ? NO_DUPLICATES : NO_RESURRECTION, "Salesforce task " + row.id() + " created for Sales Connect"
                    + " task " + user + "/" + ref + ", which already had " + earlier + " (" + (live ? "live" : "deleted")
                    + ")");
        });
        GroundTruth.Identity caller18 = new GroundTruth.Identity(org.orgId(), caller.sfUserId());
        Optional<GroundTruth.ScTask> task = w.truth.find(user, ref);
        if (imported(ref) != null || task.isEmpty() || task.get().createdByUserAt == null) {
            fail(NO_INELIGIBLE_PUSH, "created " + row.id() + " in Salesforce for " + user + "/" + ref
                    + ", which no user created in Sales Connect");
            return;
        }
        if (task.get().formedUnder == null) {
            task.get().formedUnder = caller18;
            task.get().formedAt = row.task().createdDate();
        }
        Optional<SyncSettings> settings = w.rawSettings.get(UserId.of(user));
        Optional<Instant> enabledAt = settings.flatMap(SyncSettings::enabledAt);
        Instant createdAt = task.get().createdByUserAt;
        if (enabledAt.isEmpty()) {
            fail(NO_INELIGIBLE_PUSH, "created " + row.id() + " for " + user + "/" + ref + " while sync is off");
        } else if (createdAt.isBefore(enabledAt.get())) {
            fail(NO_INELIGIBLE_PUSH, "created " + row.id() + " for " + user + "/" + ref + ", created at "
                    + createdAt + ", before the current enabled period began at " + enabledAt.get());
        }
        Optional<SalesforceConnection> now = w.rawConnections.get(UserId.of(user));
        if (now.isEmpty() || !caller18.same(new GroundTruth.Identity(now.get().orgId(), now.get().sfUserId()))
                || !Ids.same(row.task().ownerId(), now.get().sfUserId())) {
            fail(NO_INELIGIBLE_PUSH, "created " + row.id() + " for " + user + "/" + ref + " as " + caller18
                    + " (owner " + row.task().ownerId() + "), not as the user's current connection "
                    + now.map(c -> c.orgId() + "/" + c.sfUserId()).orElse("none"));
        }
    }

    @Override
    public void apiDeleted(SimulatedSalesforce.Org org, SimulatedSalesforce.Row row, SalesforceConnection caller) {
        for (GroundTruth.ScTask t : counterparts(row)) {
            if (!t.userDeletes.isEmpty()) {
                return;
            }
        }
        // A create the sync could not be expected to recognise (a person changed it first) may still be recognised
        // (its values came back): deleting it for the deletion of the task it was made for is no spurious deletion.
        if (row.apiRef() != null && w.truth.find(row.apiScUser(), row.apiRef())
                .map(t -> !t.userDeletes.isEmpty()).orElse(false)) {
            return;
        }
        fail(NO_SPURIOUS_DELETION, "deleted Salesforce task " + row.id() + " (as " + caller.userId() + "), but no"
                + " user deleted a Sales Connect task of it" + describe(row));
    }

    /** Every Sales Connect task that is the other half of {@code row}: ours by create, or its import. */
    private List<GroundTruth.ScTask> counterparts(SimulatedSalesforce.Row row) {
        List<GroundTruth.ScTask> out = new ArrayList<>();
        if (row.apiRef() != null && !unrecognisable(row)) {
            w.truth.find(row.apiScUser(), row.apiRef()).ifPresent(out::add);
        }
        String imported = SalesforceIds.importedTaskId(row.id());
        for (World.User u : World.USERS) {
            w.truth.find(u.userId(), imported).ifPresent(out::add);
        }
        return out;
    }

    /**
     * A task the sync created that a person changed in Salesforce before the link of the task it was made for held it
     * (the create's outcome was lost, or its echo came first): the sync recognises its own creates by the values it sent
     * (Task has no external id it could set), so this one looks like the person's own task. Documented limitation: the
     * create is made again, and the changed task syncs as the person's. The same holds for a task a person hard deleted
     * before the link held it, or that the recycle bin purged (15 days after its deletion, while the sync could not
     * look: a connection broken that long, sync off): a purged record leaves no trace in queryAll or getDeleted, so
     * the sync cannot learn that its create committed, and makes it again (no loss rather than a guess).
     */
    private boolean unrecognisable(SimulatedSalesforce.Row row) {
        if (row.apiRef() == null) {
            return false;
        }
        Instant linked = w.writes.firstLinked.get(row.apiScUser() + " " + row.apiRef() + " " + Ids.to18(row.id()));
        Instant before = linked == null ? null : linked.truncatedTo(ChronoUnit.SECONDS);
        Instant purged = purgedByTheBin(row);
        if (purged != null && (before == null || purged.isBefore(before))) {
            return true;
        }
        if (linked != null && row.events().stream().noneMatch(e -> !e.byApi()
                && e.kind() == SimulatedSalesforce.EventKind.HARD_DELETED)) {
            return false; // the sync did recognise it: the task it was made for holds it (its values came back)
        }
        // A change of its values hides it, and so does a hard delete; deleted or undeleted (or saved unchanged), it
        // still has the values the create sent.
        return row.events().stream().anyMatch(e -> !e.byApi()
                && (e.valuesChanged() && (e.kind() == SimulatedSalesforce.EventKind.EDITED
                || e.kind() == SimulatedSalesforce.EventKind.OWNER_CHANGED)
                || e.kind() == SimulatedSalesforce.EventKind.HARD_DELETED)
                && (before == null || e.at().isBefore(before)));
    }

    /**
     * When the recycle bin purged {@code row} (15 days after the deletion it holds), or null: a row gone without a
     * hard delete (a person's or the sync's own) went by the bin's expiry, which records no event.
     */
    private static Instant purgedByTheBin(SimulatedSalesforce.Row row) {
        if (!row.hardDeleted() || row.events().stream()
                .anyMatch(e -> e.kind() == SimulatedSalesforce.EventKind.HARD_DELETED)) {
            return null;
        }
        return row.task().systemModstamp().plus(SimulatedSalesforce.RECYCLE_BIN);
    }

    // ---------------------------------------------------------------- after every step

    /** Exceptions that escape an invocation and are not one of the documented failures are bugs. */
    void unexpected(RuntimeException e) {
        if (e instanceof SalesforceException || e instanceof StoreException || e instanceof WriteConflictException
                || e instanceof PublishException || e instanceof TaskNotFoundException
                || e instanceof InvalidTaskException) {
            return;
        }
        StackTraceElement top = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        fail(NO_UNEXPECTED_EXCEPTION, e.getClass().getName() + ": " + e.getMessage() + (top == null ? "" : " at "
                + top));
    }

    /** What afterStep last saw: nothing to check again while no write happened and no day changed. */
    private long lastWrites = -1;
    private long lastListWrites = -1;
    private long lastDay = Long.MIN_VALUE;

    void afterStep() {
        Instant now = w.now();
        long writes = w.writes.count() + w.salesforce.apiRecordWrites() + w.salesforce.personWrites();
        long day = now.getEpochSecond() / 3600;
        if (writes == lastWrites && day == lastDay) {
            return;
        }
        boolean listsMayDiffer = w.writes.listWrites() != lastListWrites || day != lastDay;
        lastListWrites = w.writes.listWrites();
        lastWrites = writes;
        lastDay = day;
        Map<String, List<String>> liveBySfRecord = new TreeMap<>();
        Map<String, TaskLink> linkOf = new TreeMap<>();
        for (TaskLink l : w.rawLinks.all()) {
            if (!l.expiredAt(now)) {
                linkOf.put(l.userId() + '\u0000' + l.taskId(), l);
            }
        }
        Map<String, List<SimulatedSalesforce.Row>> createdFor = createdFor();
        for (ScTask t : w.rawTasks.all()) {
            boolean live = !t.deleted() && !t.expiredAt(now);
            GroundTruth.ScTask gt = w.truth.task(t.userId(), t.taskId());
            if (!gt.seen) {
                gt.seen = true;
                String sfId = imported(t.taskId());
                if (gt.formedUnder == null && sfId != null) {
                    // Imported for the Salesforce user who owns the task: that owner and org are the pair's identity.
                    Instant importedAt = t.createdAt();
                    gt.formedUnder = w.salesforce.orgOf(sfId).flatMap(o -> o.row(sfId)
                            .map(r -> new GroundTruth.Identity(o.orgId(), importedOwner(r, o.orgId(), t.userId(),
                                    importedAt)))).orElse(null);
                    gt.formedAt = importedAt;
                }
            }
            TaskLink link = linkOf.get(t.userId() + '\u0000' + t.taskId());
            reattached(gt, link).ifPresent(identity -> gt.formedUnder = identity);
            List<SimulatedSalesforce.Row> others = otherHalves(t.userId(), t.taskId(), link, createdFor);
            if (gt.live && !live && t.deleted() && t.changeOrigin() == Origin.SALESFORCE
                    && !justifiedRemoval(gt, others) && !copyOfOurOwnCreate(t, linkOf)) {
                fail(NO_SPURIOUS_DELETION, "the sync deleted Sales Connect task " + t.userId() + "/" + t.taskId()
                        + " though its Salesforce task was neither deleted nor given to another owner"
                        + others.stream().map(this::describe).toList());
            }
            if (!gt.live && live && gt.deletedAt != null && !justifiedRevival(gt, others)
                    && !changedSinceTheDeletionOfItsDetachedCopy(gt, others) && !revivedByNewIdentity(gt, others) && !revivedByALaterIdentity(gt, others, link)
                    && !forgottenDeletionOfADetachedPair(gt, now)
                    && !forgottenDeletionOfAnUnlinkedTask(gt, now)) {
                fail(NO_RESURRECTION, "Sales Connect task " + t.userId() + "/" + t.taskId() + " deleted at "
                        + gt.deletedAt + " is live again without an undelete or owner change in Salesforce"
                        + others.stream().map(this::describe).toList());
            }
            if (live && gt.live && t.changeOrigin() == Origin.SALESFORCE
                    && !t.updatedAt().equals(gt.observedUpdatedAt) && !gt.userEdits.contains(t.updatedAt())) {
                // Merges compare updatedAt with Salesforce's LastModifiedDate (SPEC §3): the sync's own write of a
                // change from Salesforce must leave it at the time of the user's last edit.
                fail(USER_EDIT_TIME, "the sync's write of Sales Connect task " + t.userId() + "/" + t.taskId()
                        + " moved its updatedAt from " + gt.observedUpdatedAt + " to " + t.updatedAt()
                        + ", no edit of a user's: a conflict would weigh the sync's write as the user's edit");
            }
            gt.observedUpdatedAt = t.updatedAt();
            if (!live && t.deleted() && !t.deletedAt().equals(gt.deletedAt)) {
                gt.deletedAt = t.deletedAt();
                gt.removedForSalesforce = t.changeOrigin() == Origin.SALESFORCE;
                gt.deletedDetached = !attached(gt);
                gt.deletedUnlinked = link == null;
            }
            gt.live = live;
            if (live && attached(gt)) {
                Set<String> halves = new TreeSet<>();
                others.stream().filter(SimulatedSalesforce.Row::live).forEach(r -> halves.add(r.id()));
                for (String sfId : halves) {
                    liveBySfRecord.computeIfAbsent(t.userId() + " " + sfId, k -> new ArrayList<>()).add(t.taskId());
                }
                List<SimulatedSalesforce.Row> liveCreated = createdFor.getOrDefault(t.userId() + '\u0000'
                        + t.taskId(), List.of()).stream().filter(SimulatedSalesforce.Row::live).toList();
                if (liveCreated.size() > 1) {
                    fail(NO_DUPLICATES, "Sales Connect task " + t.userId() + "/" + t.taskId() + " has "
                            + liveCreated.size() + " live Salesforce tasks: "
                            + liveCreated.stream().map(SimulatedSalesforce.Row::id).toList());
                }
            }
        }
        liveBySfRecord.forEach((key, taskIds) -> {
            if (taskIds.size() > 1) {
                fail(NO_DUPLICATES, "Salesforce task " + key.substring(key.indexOf(' ') + 1) + " has "
                        + taskIds.size() + " live Sales Connect tasks of " + key.substring(0, key.indexOf(' '))
                        + ": " + taskIds);
            }
        });
        for (TaskLink l : linkOf.values()) {
            if (l.state() == LinkState.LINKED && l.sfId() != null && !trueHalf(l.userId(), l.taskId(), l.sfId())
                    && !takenForACreateInDoubt(l)) {
                fail(LINK_INTEGRITY, "link " + l.userId() + "/" + l.taskId() + " -> " + l.sfId() + " joins tasks that"
                        + " are not two halves of one task" + w.salesforce.rowEver(l.sfId()).map(this::describe)
                        .orElse(" (no such Salesforce task)"));
            }
        }
        if (listsMayDiffer) {
            checkCommandCenter();
        }
    }

    /**
     * The identity a LINKED pair was taken over by: its Salesforce task was given to the Salesforce user its Sales
     * Connect user was connected as then (the sync's reattach, e.g. after the user reconnected as that task's new
     * owner). From then on the pair is that identity's: attached while the user is connected as it, detached after.
     * (Events carry Salesforce's seconds: the user's identity is taken as of the end of the event's second.)
     */
    private Optional<GroundTruth.Identity> reattached(GroundTruth.ScTask gt, TaskLink link) {
        if (link == null || link.state() != LinkState.LINKED || link.sfUserId() == null || link.sfId() == null) {
            return Optional.empty();
        }
        GroundTruth.Identity linkedAs = new GroundTruth.Identity(link.orgId(), link.sfUserId());
        if (linkedAs.same(gt.formedUnder)) {
            return Optional.empty();
        }
        return w.salesforce.rowEver(link.sfId()).filter(r -> r.events().stream().anyMatch(e ->
                e.kind() == SimulatedSalesforce.EventKind.OWNER_CHANGED && Ids.same(e.ownerAfter(), link.sfUserId())
                        && (w.truth.identityAt(gt.userId, e.at().plusMillis(999)).map(linkedAs::same).orElse(false)
                        || withinAFirstImportOf(gt.userId, linkedAs, e.at()))))
                .map(r -> linkedAs);
    }

    /**
     * True when a change made at {@code at} falls within the 24 hours a first import of {@code identity} reaches back
     * (an enabled period of the user that began under it): a task given to that identity just before the user
     * connected as it is seen by the first sync, which takes a detached copy of it over rather than importing a twin.
     */
    private boolean withinAFirstImportOf(String userId, GroundTruth.Identity identity, Instant at) {
        Instant changed = at.truncatedTo(ChronoUnit.SECONDS); // SystemModstamp's resolution
        return w.rawSettings.get(UserId.of(userId)).map(s -> s.periods().stream().anyMatch(p ->
                !changed.isAfter(p.start()) && !changed.isBefore(p.start().minus(FIRST_IMPORT_WINDOW))
                        && w.truth.identityAt(userId, p.start()).map(identity::same).orElse(false)))
                .orElse(false);
    }

    /**
     * True when the task's pair was made under the user's current Salesforce identity (or has none yet): a copy left
     * behind by a previous connection is detached (SPEC §3), and a new identity importing its twin is no duplicate.
     */
    private boolean attached(GroundTruth.ScTask gt) {
        if (gt.formedUnder == null) {
            return true;
        }
        return w.truth.identity(gt.userId).map(i -> i.identity().same(gt.formedUnder)).orElse(true);
    }

    /**
     * The owner in the version an import took: the row's owner when the task was imported, except when a late
     * Outbound Message (sent at most {@link World#HELD_AT_MOST} before) carried an earlier version: then the owner the
     * row had meanwhile that the importing user was connected as (imports go to the user connected as the owner).
     */
    private String importedOwner(SimulatedSalesforce.Row r, String orgId, String userId, Instant importedAt) {
        String now = ownerAt(r, importedAt);
        Optional<GroundTruth.Identity> user = w.truth.identityAt(userId, importedAt);
        if (user.isEmpty() || !Ids.same(user.get().orgId(), orgId) || Ids.same(now, user.get().sfUserId())) {
            return now;
        }
        // Events have whole seconds: the owner before the second the message was sent in counts too.
        Instant from = importedAt.minus(World.HELD_AT_MOST);
        if (Ids.same(ownerAt(r, from.minusSeconds(1)), user.get().sfUserId())) {
            return user.get().sfUserId();
        }
        for (SimulatedSalesforce.Event e : r.events()) {
            if (!e.at().isBefore(from.truncatedTo(ChronoUnit.SECONDS)) && !e.at().isAfter(importedAt)
                    && Ids.same(e.ownerAfter(), user.get().sfUserId())) {
                return user.get().sfUserId();
            }
        }
        return now;
    }

    /** The owner of {@code r} at {@code at} (its history is kept to the second). */
    static String ownerAt(SimulatedSalesforce.Row r, Instant at) {
        String owner = r.task().ownerId();
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        for (SimulatedSalesforce.Event e : r.events()) {
            if (!e.at().isAfter(second)) {
                owner = e.ownerAfter();
            }
        }
        return owner;
    }

    /** The Salesforce id of an imported task ({@code sf-<18-char id>}), or null. */
    static String imported(String taskId) {
        return taskId.length() == 21 && taskId.startsWith(SalesforceIds.IMPORTED_PREFIX) ? taskId.substring(3) : null;
    }

    /** Rows our integration created, by (Sales Connect user, task id). */
    private Map<String, List<SimulatedSalesforce.Row>> createdFor() {
        Map<String, List<SimulatedSalesforce.Row>> out = new TreeMap<>();
        for (SimulatedSalesforce.Org org : w.salesforce.orgs()) {
            for (SimulatedSalesforce.Row r : org.allRowsEver()) {
                if (r.apiRef() != null && !unrecognisable(r)) {
                    out.computeIfAbsent(r.apiScUser() + '\u0000' + r.apiRef(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        return out;
    }

    /** The Salesforce rows that are (or claim to be) the other half of a Sales Connect task. */
    private List<SimulatedSalesforce.Row> otherHalves(String userId, String taskId, TaskLink link,
                                                      Map<String, List<SimulatedSalesforce.Row>> createdFor) {
        List<SimulatedSalesforce.Row> out = new ArrayList<>(createdFor.getOrDefault(userId + '\u0000' + taskId,
                List.of()));
        String imported = imported(taskId);
        if (imported != null) {
            w.salesforce.rowEver(imported).filter(r -> !out.contains(r)).ifPresent(out::add);
        }
        if (link != null && link.state() == LinkState.LINKED && link.sfId() != null) {
            w.salesforce.rowEver(link.sfId()).filter(r -> !out.contains(r)).ifPresent(out::add);
        }
        // A tombstone of the pair still names its row: the sync's own create, recognised although a person changed
        // it before its echo (createdFor leaves such rows out, as the sync need not recognise them).
        if (link != null && link.state() == LinkState.DELETED && link.sfId() != null
                && trueHalf(userId, taskId, link.sfId())) {
            w.salesforce.rowEver(link.sfId()).filter(r -> !out.contains(r)).ifPresent(out::add);
        }
        return out;
    }

    /**
     * A person's task linked to a Sales Connect task whose create was marked as being sent and never reached
     * Salesforce (the invocation died between the mark and the call): past that mark the sync cannot tell the call
     * went out or not, and Task has no external id, so a task the connected user made for itself with the create's
     * values, in the create's window, is taken for the create's (InterruptedCreates.find checks creator, owner, values
     * and window). Before the mark the sync knows the create was never sent and takes nothing.
     */
    private boolean takenForACreateInDoubt(TaskLink l) {
        List<Instant> marks = w.writes.sendingMarked.getOrDefault(l.userId() + " " + l.taskId(), List.of());
        if (marks.isEmpty()) {
            return false;
        }
        for (SimulatedSalesforce.Org org : w.salesforce.orgs()) {
            for (SimulatedSalesforce.Row r : org.allRowsEver()) {
                if (l.userId().equals(r.apiScUser()) && l.taskId().equals(r.apiRef())) {
                    return false; // the create did reach Salesforce: that row is the task's half
                }
            }
        }
        return w.salesforce.rowEver(l.sfId()).map(r -> r.apiRef() == null && !r.events().isEmpty()
                && Ids.same(r.events().get(0).ownerAfter(), l.sfUserId()) && Ids.same(r.createdBy(), l.sfUserId())
                && marks.stream().anyMatch(mark -> inCreateWindow(r.events().get(0).at(), mark))).orElse(false);
    }

    /**
     * Whether a task made at {@code created} falls in the window in which the sync recognises the task of a create
     * attempt marked as being sent at {@code mark}: from a minute before the attempt began (clock skew) to two minutes
     * after it (InterruptedCreates), the attempt having begun at most a minute before its mark.
     */
    private static boolean inCreateWindow(Instant created, Instant mark) {
        Instant createdSecond = created.truncatedTo(ChronoUnit.SECONDS);
        return !createdSecond.isBefore(mark.minus(Duration.ofMinutes(3))) && !createdSecond.isAfter(mark.plus(
                Duration.ofMinutes(2)));
    }

    private boolean trueHalf(String userId, String taskId, String sfId) {
        if (Ids.same(imported(taskId), sfId)) {
            return true;
        }
        return w.salesforce.rowEver(sfId).map(r -> userId.equals(r.apiScUser()) && taskId.equals(r.apiRef()))
                .orElse(false);
    }

    /**
     * An imported task whose Salesforce task our integration created for another task of the same user, which is live
     * and whose link is that create's (pending, or holding the row): the import was the create's echo, taken for a
     * person's task while the create's outcome was unknown, and dropping it in favour of the task the create was made
     * for leaves one task per Salesforce task.
     */
    private boolean copyOfOurOwnCreate(ScTask copy, Map<String, TaskLink> linkOf) {
        String sfId = imported(copy.taskId());
        SimulatedSalesforce.Row row = sfId == null ? null : w.salesforce.rowEver(sfId).orElse(null);
        if (row == null || row.apiRef() == null || !copy.userId().equals(row.apiScUser())) {
            return false;
        }
        boolean ownLive = w.rawTasks.get(UserId.of(copy.userId()), TaskId.of(row.apiRef()))
                .filter(t -> !t.deleted() && !t.expiredAt(w.now())).isPresent();
        TaskLink own = linkOf.get(copy.userId() + '\u0000' + row.apiRef());
        return ownLive && own != null && (own.state() == LinkState.PENDING_CREATE
                || own.state() == LinkState.LINKED && Ids.same(own.sfId(), row.id()));
    }

    /** Salesforce deleted the task (bin or hard) or gave it to an owner other than {@code formedAs} (null: any). */
    private static boolean goneOrMoved(SimulatedSalesforce.Event e, String formedAs) {
        return e.kind() == SimulatedSalesforce.EventKind.DELETED
                || e.kind() == SimulatedSalesforce.EventKind.HARD_DELETED
                || e.kind() == SimulatedSalesforce.EventKind.OWNER_CHANGED
                && (formedAs == null || !Ids.same(e.ownerAfter(), formedAs));
    }

    /** The sync may remove a task from a user's list when Salesforce deleted it or gave it to another owner. */
    private boolean justifiedRemoval(GroundTruth.ScTask gt, List<SimulatedSalesforce.Row> others) {
        String formedAs = gt.formedUnder != null ? gt.formedUnder.sfUserId() : null;
        for (SimulatedSalesforce.Row r : others) {
            for (SimulatedSalesforce.Event e : r.events()) {
                if (goneOrMoved(e, formedAs)) {
                    return true;
                }
            }
            if (r.hardDeleted()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A deleted task comes back only when Salesforce undeleted it, or gave it back to the user, afterwards: after the
     * deletion in Sales Connect, or, for a removal the sync made for a change in Salesforce, after the change it
     * applied (a deletion, or an owner change away from the pair's owner: a late message may carry it after a newer
     * change that gives the task back, which the sync then applies too).
     */
    private boolean justifiedRevival(GroundTruth.ScTask gt, List<SimulatedSalesforce.Row> others) {
        Instant since = gt.deletedAt.truncatedTo(ChronoUnit.SECONDS);
        String formedAs = gt.formedUnder != null ? gt.formedUnder.sfUserId() : null;
        for (SimulatedSalesforce.Row r : others) {
            List<SimulatedSalesforce.Event> events = r.events();
            int from = 0;
            while (from < events.size() && events.get(from).at().isBefore(since)) {
                from++;
            }
            if (gt.removedForSalesforce) {
                for (int i = from - 1; i >= 0; i--) {
                    if (goneOrMoved(events.get(i), formedAs)) {
                        from = i + 1;
                        break;
                    }
                }
            }
            for (int i = from; i < events.size(); i++) {
                SimulatedSalesforce.EventKind kind = events.get(i).kind();
                if (kind == SimulatedSalesforce.EventKind.UNDELETED
                        || kind == SimulatedSalesforce.EventKind.OWNER_CHANGED) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The user deleted a detached copy (deleting nothing in Salesforce, SPEC §3), and its Salesforce task, owned by
     * the user's current identity now, changed in Salesforce after that deletion: the newer change is the news, and
     * the task is the user's again (a change older than the deletion leaves it deleted).
     */
    private boolean changedSinceTheDeletionOfItsDetachedCopy(GroundTruth.ScTask gt,
                                                             List<SimulatedSalesforce.Row> others) {
        if (!gt.deletedDetached) {
            return false;
        }
        Optional<GroundTruth.IdentitySince> identity = w.truth.identity(gt.userId);
        Instant since = gt.deletedAt.truncatedTo(ChronoUnit.SECONDS);
        return identity.isPresent() && others.stream().anyMatch(r -> r.live()
                && Ids.same(r.task().ownerId(), identity.get().identity().sfUserId())
                && r.events().stream().anyMatch(e -> e.at().isAfter(since)));
    }

    /**
     * The deletion of a detached pair (formed under a previous identity of the user) never goes to Salesforce (SPEC
     * §3), and the sync remembers a deletion only as long as its tombstone lives (15 days): after that, a change of
     * the Salesforce task, now owned by the user's identity, may import it again.
     */
    private static boolean forgottenDeletionOfADetachedPair(GroundTruth.ScTask gt, Instant now) {
        return gt.deletedDetached && !now.isBefore(gt.deletedAt.plus(TOMBSTONE_TTL));
    }

    /**
     * A task deleted while it had no link (an import that died after writing the task, before its link), with sync
     * off from then until its tombstone expired: nothing but the tombstone remembered the deletion (no stream record
     * of it was pushed, no link holds the pair), and after it a change of the Salesforce task may import it again, as
     * for any task the sync never linked (SPEC §3: a tombstone keeps a task from coming back for 15 days).
     */
    private boolean forgottenDeletionOfAnUnlinkedTask(GroundTruth.ScTask gt, Instant now) {
        return forgottenDeletionOfAnUnlinkedTask(gt, gt.deletedAt, now);
    }

    /** {@link #forgottenDeletionOfAnUnlinkedTask(GroundTruth.ScTask, Instant)} of the deletion made at {@code at}. */
    private boolean forgottenDeletionOfAnUnlinkedTask(GroundTruth.ScTask gt, Instant at, Instant now) {
        Instant forgotten = at.plus(TOMBSTONE_TTL);
        if (!gt.deletedUnlinked || !at.equals(gt.deletedAt) || now.isBefore(forgotten)) {
            return false;
        }
        return w.rawSettings.get(UserId.of(gt.userId)).map(s -> s.periods().stream().noneMatch(p ->
                p.start().isBefore(forgotten) && (p.end() == null || p.end().isAfter(at))))
                .orElse(true);
    }

    /**
     * A task that left the list (its owner moved away) comes back when the user connects as its new owner: the new
     * identity's first sync imports it under the same deterministic id.
     */
    private boolean revivedByNewIdentity(GroundTruth.ScTask gt, List<SimulatedSalesforce.Row> others) {
        Optional<GroundTruth.IdentitySince> since = w.truth.identity(gt.userId);
        if (since.isEmpty() || since.get().since().isBefore(gt.deletedAt)) {
            return false;
        }
        String identity = since.get().identity().sfUserId();
        // Live and the identity's now, or when the identity began: a version of that time (a message held on the way)
        // imports it rightly; a deletion after it is the sweep's to apply, which quiescence checks.
        return others.stream().anyMatch(r -> r.live() && Ids.same(r.task().ownerId(), identity)
                || liveAndOwnedAt(r, identity, since.get().since()));
    }

    /**
     * As {@link #revivedByNewIdentity}, under an identity the user has left again since: the task came back under the
     * identity its link names, which the user connected as after the task left the list, when the Salesforce task was
     * live and that identity's (e.g. a sweep running the identity's first sync while the user reconnects as yet
     * another); a switch since left it detached, in the list (SPEC §3). An identity held across the deletion revives
     * nothing this way.
     */
    private boolean revivedByALaterIdentity(GroundTruth.ScTask gt, List<SimulatedSalesforce.Row> others,
                                            TaskLink link) {
        if (link == null || link.sfUserId() == null) {
            return false;
        }
        GroundTruth.Identity importedAs = new GroundTruth.Identity(link.orgId(), link.sfUserId());
        Optional<Instant> connected = w.truth.connectedAfter(gt.userId, importedAs, gt.deletedAt);
        return connected.isPresent() && others.stream().anyMatch(r -> Ids.same(r.id(), link.sfId())
                && liveAndOwnedAt(r, link.sfUserId(), connected.get()));
    }

    /** Whether the record was live and {@code sfUserId}'s at {@code at}, from its events up to then. */
    private static boolean liveAndOwnedAt(SimulatedSalesforce.Row r, String sfUserId, Instant at) {
        boolean live = false;
        String owner = null;
        for (SimulatedSalesforce.Event e : r.events()) {
            if (e.at().isAfter(at)) {
                break;
            }
            switch (e.kind()) {
                case CREATED, UNDELETED -> live = true;
                case DELETED, HARD_DELETED -> live = false;
                default -> {
                }
            }
            if (e.ownerAfter() != null) {
                owner = e.ownerAfter();
            }
        }
        return live && owner != null && Ids.same(owner, sfUserId);
    }

    void checkCommandCenter() {
        Instant now = w.now();
        for (World.User u : World.USERS) {
            Optional<SyncSettings> s = w.rawSettings.get(UserId.of(u.userId()));
            if (s.isEmpty()) {
                continue;
            }
            CommandCenter.DueWindow window = new CommandCenter.DueWindow(
                    java.time.LocalDate.ofInstant(now, u.zone()), java.time.LocalDate.ofInstant(now, u.zone())
                    .plusDays(1));
            Set<String> expected = new TreeSet<>();
            for (ScTask t : w.rawTasks.live(u.userId())) {
                if (!t.fields().completed() && t.fields().dueDate() != null
                        && !t.fields().dueDate().isBefore(window.today())
                        && !t.fields().dueDate().isAfter(window.tomorrow())) {
                    expected.add(t.taskId());
                }
            }
            Set<String> listed = new TreeSet<>();
            w.commandCenter.tasksFor(u.userId()).forEach(t -> listed.add(t.taskId()));
            if (!expected.equals(listed)) {
                fail(COMMAND_CENTER, u.userId() + " (" + u.zone() + ", today " + window.today() + "): listed "
                        + listed + ", expected " + expected);
            }
        }
    }

    // ---------------------------------------------------------------- at quiescence

    void atQuiescence() {
        for (World.User u : World.USERS) {
            Optional<SyncSettings> s = w.rawSettings.get(UserId.of(u.userId()));
            Optional<SalesforceConnection> c = w.rawConnections.get(UserId.of(u.userId()));
            if (s.isEmpty() || !s.get().enabled() || s.get().enabledAt().isEmpty() || c.isEmpty()
                    || c.get().state() != ConnectionState.CONNECTED) {
                continue;
            }
            GroundTruth.IdentitySince since = w.truth.identity(u.userId()).orElseThrow();
            GroundTruth.Identity identity = since.identity();
            Instant start = later(s.get().enabledAt().get(), since.since());
            checkSalesforceSide(u, s.get(), identity, since.since(), start);
            checkSalesConnectSide(u, identity, start);
        }
    }

    /** Every live Salesforce task the user's sync is about has exactly one equal Sales Connect task. */
    private void checkSalesforceSide(World.User u, SyncSettings s, GroundTruth.Identity identity, Instant identitySince,
                                     Instant start) {
        SimulatedSalesforce.Org org = w.salesforce.org(identity.orgId());
        Instant now = w.now();
        for (SimulatedSalesforce.Row r : org.rows()) {
            if (!r.live() || !Ids.same(r.task().ownerId(), identity.sfUserId())) {
                continue;
            }
            List<GroundTruth.ScTask> halves = counterparts(r).stream().filter(t -> t.userId.equals(u.userId()))
                    .toList();
            // A task that left the identity (owner changed to someone else) and came back is a new arrival: the pair
            // formed before says nothing any more (its tombstone may have expired); its return must be one the
            // sync could see (while enabled, or within the first import's 24 hours).
            // Events are kept in the order they happened (several may share a second): positions, not times, say
            // what came after the task left.
            List<SimulatedSalesforce.Event> events = r.events();
            int left = -1;
            for (int i = 0; i < events.size(); i++) {
                SimulatedSalesforce.Event e = events.get(i);
                if (e.kind() == SimulatedSalesforce.EventKind.OWNER_CHANGED
                        && !Ids.same(e.ownerAfter(), identity.sfUserId())) {
                    left = i;
                }
            }
            boolean everFormedHere = halves.stream().anyMatch(t -> identity.same(t.formedUnder));
            if (!everFormedHere) {
                // Never paired under this identity: an undelete is an arrival like a create (no tombstone of a pair
                // remembers it), seen only if it happened while the sync watched or within the first import's window.
                for (int i = 0; i < events.size(); i++) {
                    if (events.get(i).kind() == SimulatedSalesforce.EventKind.UNDELETED) {
                        left = Math.max(left, i);
                    }
                }
            }
            int scanFrom = Math.max(left, 0);
            Instant forgotten = everFormedHere ? forgottenAt(u, s, identity, identitySince, r, halves) : null;
            if (forgotten != null) {
                // The sync forgot the pair: from then on the row is one it never paired, whose undeletes are arrivals.
                int i = 0;
                while (i < events.size() && !events.get(i).at().isAfter(forgotten)) {
                    i++;
                }
                scanFrom = Math.max(scanFrom, i);
                for (int j = i; j < events.size(); j++) {
                    if (events.get(j).kind() == SimulatedSalesforce.EventKind.UNDELETED) {
                        scanFrom = Math.max(scanFrom, j);
                    }
                }
            }
            boolean formedHere = left < 0 && everFormedHere && forgotten == null;
            boolean recent = !r.task().lastModifiedDate().isBefore(start.minus(FIRST_IMPORT_WINDOW));
            boolean whileEnabled = false;
            for (int i = scanFrom; i < events.size() && !whileEnabled; i++) {
                SimulatedSalesforce.Event e = events.get(i);
                whileEnabled = e.kind() != SimulatedSalesforce.EventKind.TOUCHED
                        && e.kind() != SimulatedSalesforce.EventKind.DELETED
                        && Ids.same(e.ownerAfter(), identity.sfUserId())
                        && enabledAt(s, e.at(), identitySince)
                        && caughtUpAfter(u, s, e.at());
            }
            if (!(formedHere || recent || whileEnabled)) {
                continue;
            }
            Instant lastKill = null;
            boolean deletedWhileDetached = false;
            for (GroundTruth.ScTask t : halves) {
                Instant d = t.lastUserDelete();
                if (d != null && (!identity.same(w.truth.identityAt(u.userId(), d).orElse(null))
                        || forgottenDeletionOfAnUnlinkedTask(t, d, now))) {
                    // Deleted while the user was connected as someone else (the pair was detached, not synced):
                    // SPEC says nothing of what reconnecting as this identity again must do with it. Or deleted
                    // while it had no link, and only its tombstone, gone since, remembered it.
                    deletedWhileDetached = true;
                } else if (d != null && (lastKill == null || d.isAfter(lastKill))) {
                    lastKill = d;
                }
            }
            if (deletedWhileDetached && lastKill == null || changedWhileDetached(u, identity, r, halves)) {
                continue;
            }
            Instant lastRevival = null;
            Instant sfDeletionBeforeRevival = null;
            Instant lastSfDeletion = null;
            for (SimulatedSalesforce.Event e : r.events()) {
                if (e.kind() == SimulatedSalesforce.EventKind.DELETED) {
                    lastSfDeletion = e.at();
                }
                if (e.kind() == SimulatedSalesforce.EventKind.UNDELETED
                        || (e.kind() == SimulatedSalesforce.EventKind.OWNER_CHANGED
                        && Ids.same(e.ownerAfter(), identity.sfUserId()))) {
                    lastRevival = e.at();
                    sfDeletionBeforeRevival = lastSfDeletion;
                }
            }
            // The pair's memory is the tombstone of the last deletion the sync may have seen (made while it was on,
            // whether or not a sweep caught up after it: one that was not seen left the pair linked, and then
            // nothing is lost) or made itself (a push of the user's deletion writes its tombstone then), else of
            // the last deletion.
            Instant remembered = sfDeletionBeforeRevival;
            for (SimulatedSalesforce.Event e : r.events()) {
                if (e.kind() == SimulatedSalesforce.EventKind.DELETED && lastRevival != null
                        && e.at().isBefore(lastRevival) && (e.byApi() && !e.at().isBefore(identitySince)
                        || enabledAt(s, e.at(), identitySince))) {
                    remembered = e.at();
                }
            }
            if (lastRevival != null && remembered != null && !caughtUpAfter(u, s, lastRevival)
                    && reconciledAt(s, start).isAfter(remembered.plus(TOMBSTONE_TTL))) {
                // Undeleted where the sync could not see it (sync off), and the re-enable's reconciliation could run
                // (sync on and connected) only after the 15-day tombstone of the deletion it saw was gone: no memory
                // of the pair remains, and the first import's 24 hours do not reach the undelete.
                continue;
            }
            if (lastKill != null && lastRevival != null
                    && (lastRevival.equals(lastKill.truncatedTo(ChronoUnit.SECONDS))
                    || sfDeletionBeforeRevival != null
                    && lastRevival.equals(sfDeletionBeforeRevival.truncatedTo(ChronoUnit.SECONDS)))) {
                // Undeleted within the second of the deletion (the user's, or the one the sync made in Salesforce):
                // SystemModstamp cannot order them (SPEC §3).
                continue;
            }
            if (lastKill != null && (lastRevival == null || !lastRevival.isAfter(lastKill.truncatedTo(
                    ChronoUnit.SECONDS)))) {
                fail(NO_RESURRECTION, "Salesforce task " + r.id() + " is live, but " + u.userId() + " deleted its"
                        + " Sales Connect task at " + lastKill + describe(r));
                continue;
            }
            List<ScTask> live = new ArrayList<>();
            List<ScTask> detached = new ArrayList<>();
            for (GroundTruth.ScTask t : halves) {
                boolean formedElsewhere = t.formedUnder != null && !identity.same(t.formedUnder);
                w.rawTasks.get(UserId.of(t.userId), TaskId.of(t.taskId)).filter(x -> !x.deleted() && !x.expiredAt(now))
                        .ifPresent((formedElsewhere ? detached : live)::add);
            }
            if (live.isEmpty() && detached.isEmpty()) {
                fail(NOTHING_LOST, "Salesforce task " + r.id() + " of " + identity.sfUserId() + " is not in "
                        + u.userId() + "'s Sales Connect list" + describe(r));
            } else if (!live.isEmpty()) {
                // A copy made under another identity stays as it was when that identity was left (SPEC §3: detached,
                // no longer synced); the one formed under this identity is the synced one.
                for (ScTask t : live) {
                    equal(u, t, r, org);
                }
            } else if (detached.stream().noneMatch(t -> same(t, r, org))) {
                // Only copies of another identity: the sync took one of them back (the task came to this identity),
                // and that one is synced.
                equal(u, detached.get(0), r, org);
            }
        }
    }

    /**
     * When the sync forgot the pair of {@code r}, or null: Salesforce undeleted the task, and the first time the sync
     * looked after that (a sweep that caught up, or an enable of this identity) came only after the 15-day tombstone
     * of the deletion the sync remembered was gone, and a sweep that looked found the row deleted again (one that
     * found it live imports it); no import paired the task again since. The tombstone was the
     * pair's only memory (SPEC §1.2), so from then on the sync knows nothing of it, and only what the first import's
     * 24 hours or a watching sync see afterwards brings the task in. The latest such forgetting counts.
     */
    private Instant forgottenAt(World.User u, SyncSettings s, GroundTruth.Identity identity, Instant identitySince,
                                SimulatedSalesforce.Row r, List<GroundTruth.ScTask> halves) {
        Instant forgotten = null;
        Instant lastDeletion = null;
        Instant seeable = null;
        for (SimulatedSalesforce.Event e : r.events()) {
            if (e.kind() == SimulatedSalesforce.EventKind.DELETED) {
                lastDeletion = e.at();
                if (e.byApi() && !e.at().isBefore(identitySince) || enabledAt(s, e.at(), identitySince)) {
                    seeable = e.at();
                }
            } else if (e.kind() == SimulatedSalesforce.EventKind.UNDELETED && lastDeletion != null) {
                Instant memory = seeable != null ? seeable : lastDeletion;
                Instant sweep = firstCatchUpAfter(u, s, e.at());
                Instant enable = firstEnableAfter(u, s, identity, e.at());
                boolean sweepFirst = sweep != null && (enable == null || sweep.isBefore(enable));
                Instant look = sweepFirst ? sweep : enable;
                if (look != null && look.isAfter(memory.plus(TOMBSTONE_TTL)) && !(sweepFirst && liveAt(r, look))) {
                    forgotten = look;
                }
            }
        }
        Instant at = forgotten;
        return at == null || halves.stream().anyMatch(t -> t.formedAt != null && t.formedAt.isAfter(at))
                ? null : at;
    }

    /** True when the row was live (not in the recycle bin) at {@code at}, going by its deletions and undeletes. */
    private static boolean liveAt(SimulatedSalesforce.Row r, Instant at) {
        boolean live = true;
        for (SimulatedSalesforce.Event e : r.events()) {
            if (e.at().isAfter(at)) {
                break;
            }
            if (e.kind() == SimulatedSalesforce.EventKind.DELETED) {
                live = false;
            } else if (e.kind() == SimulatedSalesforce.EventKind.UNDELETED) {
                live = true;
            }
        }
        return live;
    }

    /** The start of the first enabled period after {@code at} under {@code identity}, or null. */
    private Instant firstEnableAfter(World.User u, SyncSettings s, GroundTruth.Identity identity, Instant at) {
        for (EnabledPeriod p : s.periods()) {
            if (p.start().isAfter(at) && identity.same(w.truth.identityAt(u.userId(), p.start()).orElse(null))) {
                return p.start();
            }
        }
        return null;
    }

    /**
     * True when either half changed while the user was connected as another identity: the pair was detached then
     * (not synced), and SPEC §3 does not say what connecting as its identity again must do with such changes.
     */
    private boolean changedWhileDetached(World.User u, GroundTruth.Identity identity, SimulatedSalesforce.Row r,
                                         List<GroundTruth.ScTask> halves) {
        for (GroundTruth.ScTask t : halves) {
            List<Instant> changes = new ArrayList<>(t.userEdits);
            changes.addAll(t.userDeletes);
            for (Instant at : changes) {
                GroundTruth.Identity then = w.truth.identityAt(u.userId(), at).orElse(null);
                if (!identity.same(then) || (t.formedUnder != null && !t.formedUnder.same(then))) {
                    return true;
                }
            }
            if (t.formedUnder != null && t.formedAt != null && identity.same(t.formedUnder)
                    && w.truth.awaySince(u.userId(), identity, t.formedAt)) {
                return true; // connected as someone else for a while since: the pair was detached in between
            }
        }
        Instant formed = halves.stream().filter(t -> identity.same(t.formedUnder) && t.formedAt != null)
                .map(t -> t.formedAt).min(Instant::compareTo).orElse(null);
        if (formed == null) {
            return false;
        }
        for (SimulatedSalesforce.Event e : r.events()) {
            if (e.kind() != SimulatedSalesforce.EventKind.CREATED && !e.byApi()
                    && !e.at().isBefore(formed.truncatedTo(ChronoUnit.SECONDS))
                    && !identity.same(w.truth.identityAt(u.userId(), e.at()).orElse(null))) {
                return true;
            }
        }
        return false;
    }

    /** Every live Sales Connect task the sync is about has a live Salesforce task of the user's identity. */
    private void checkSalesConnectSide(World.User u, GroundTruth.Identity identity, Instant start) {
        Map<String, List<SimulatedSalesforce.Row>> createdFor = createdFor();
        for (ScTask t : w.rawTasks.live(u.userId())) {
            GroundTruth.ScTask gt = w.truth.task(u.userId(), t.taskId());
            List<SimulatedSalesforce.Row> halves = otherHalves(u.userId(), t.taskId(), null, createdFor);
            if (halves.isEmpty()) {
                // One made in the very instant sync was turned on is eligible (SPEC: "at or after"), but the
                // stream may have seen it before the enable, while off, and only its next edit pushes it: pushed
                // or not, both allowed (catching it would take a scan of the user's tasks at every enable).
                if (gt.createdByUserAt != null && gt.createdByUserAt.isAfter(start)) {
                    fail(NOTHING_LOST, "Sales Connect task " + u.userId() + "/" + t.taskId() + " created at "
                            + gt.createdByUserAt + " (sync on since " + start + ") never reached Salesforce");
                }
                continue;
            }
            if (!identity.same(gt.formedUnder)) {
                continue; // made under another connection: detached, no longer synced
            }
            if (gt.formedAt != null && w.truth.awaySince(u.userId(), identity, gt.formedAt)) {
                continue; // detached for a while since it was formed: SPEC §3 says nothing of what follows
            }
            for (SimulatedSalesforce.Row r : halves) {
                if (!r.live()) {
                    fail(NO_RESURRECTION, "Sales Connect task " + u.userId() + "/" + t.taskId() + " is live, but its"
                            + " Salesforce task was deleted" + describe(r));
                } else if (!Ids.same(r.task().ownerId(), identity.sfUserId())) {
                    fail(PAIRS_EQUAL, "Sales Connect task " + u.userId() + "/" + t.taskId() + " is still listed,"
                            + " but its Salesforce task now belongs to " + r.task().ownerId() + describe(r));
                }
            }
        }
    }

    private static boolean same(ScTask t, SimulatedSalesforce.Row r, SimulatedSalesforce.Org org) {
        TaskFields sc;
        try {
            sc = TaskMapper.normalize(t.fields()).fields();
        } catch (InvalidTaskException e) {
            sc = t.fields();
        }
        return sc.equals(TaskMapper.fromSalesforce(r.task(), org::statuses));
    }

    private void equal(World.User u, ScTask t, SimulatedSalesforce.Row r, SimulatedSalesforce.Org org) {
        TaskFields sc;
        try {
            sc = TaskMapper.normalize(t.fields()).fields();
        } catch (InvalidTaskException e) {
            sc = t.fields();
        }
        TaskFields sf = TaskMapper.fromSalesforce(r.task(), org::statuses);
        if (!sc.equals(sf)) {
            List<String> diff = new ArrayList<>();
            for (TaskFields.Field f : TaskFields.Field.values()) {
                if (!java.util.Objects.equals(sc.get(f), sf.get(f))) {
                    diff.add(f + ": Sales Connect " + sc.get(f) + " / Salesforce " + sf.get(f));
                }
            }
            fail(PAIRS_EQUAL, u.userId() + "/" + t.taskId() + " <-> " + r.id() + " differ: " + diff);
        }
    }

    /**
     * True when a Salesforce change at {@code at} happened while sync was on, early enough in the period for the
     * sync to see it: SPEC §3 allows one sweep interval when a message is lost, so changes made in the last
     * {@link #SWEEP_INTERVAL} before sync was turned off may be missed.
     */
    private static boolean enabledAt(SyncSettings s, Instant at, Instant identitySince) {
        if (at.isBefore(identitySince)) {
            return false;
        }
        for (EnabledPeriod p : s.periods()) {
            if (!at.isBefore(p.start()) && (p.end() == null || at.isBefore(p.end().minus(SWEEP_INTERVAL)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a sweep of the user caught up with Salesforce (a successful incremental sweep) whose look reached
     * at least {@link #CATCH_UP} after {@code at} ({@link World.CatchUp#lookedThrough}: the sweep may have used the
     * org's probe), within the enabled period {@code at} falls in: a change the sync never had a chance to see before
     * the user turned sync off (messages lost, Salesforce failing) is not expected after a later re-enable, unless
     * the first import's 24 hours cover it.
     */
    private boolean caughtUpAfter(World.User u, SyncSettings s, Instant at) {
        return firstCatchUpAfter(u, s, at) != null;
    }

    /** The first sweep that {@link #caughtUpAfter caught up} after {@code at}, or null. */
    private Instant firstCatchUpAfter(World.User u, SyncSettings s, Instant at) {
        Instant periodEnd = null;
        boolean inPeriod = false;
        for (EnabledPeriod p : s.periods()) {
            if (!at.isBefore(p.start()) && (p.end() == null || at.isBefore(p.end()))) {
                periodEnd = p.end();
                inPeriod = true;
            }
        }
        if (!inPeriod) {
            return null; // sync was off: no sweep saw it then
        }
        Instant until = periodEnd;
        return w.caughtUp.getOrDefault(u.userId(), List.of()).stream()
                .filter(c -> !c.lookedThrough().isBefore(at.plus(CATCH_UP)) && (until == null || c.at().isBefore(until)))
                .map(World.CatchUp::at)
                .min(Instant::compareTo).orElse(null);
    }

    /**
     * When the current period's first sync settled the remembered pairs: it ends DONE only after that, and it may run
     * long after the enable (a connection broken meanwhile).
     */
    private static Instant reconciledAt(SyncSettings s, Instant start) {
        Instant done = s.firstSync().state() == com.salesconnect.tasksync.settings.FirstSyncState.DONE
                ? s.firstSync().finishedAt() : null;
        return done != null ? later(done, start) : start;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    String describe(SimulatedSalesforce.Row r) {
        StringBuilder b = new StringBuilder(" [").append(r.id()).append(": ");
        b.append(r.apiRef() != null ? "created by the sync for " + r.apiScUser() + "/" + r.apiRef()
                : "created by " + r.createdBy());
        for (SimulatedSalesforce.Event e : r.events()) {
            b.append("; ").append(e.kind()).append(' ').append(e.at()).append(e.byApi() ? " by sync" : "")
                    .append(e.kind() == SimulatedSalesforce.EventKind.OWNER_CHANGED ? " to " + e.ownerAfter() : "");
        }
        return b.append(']').toString();
    }
}
