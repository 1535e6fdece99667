package com.salesconnect.tasksync.simulation;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.ChangeEvent;
import com.salesconnect.tasksync.salesforce.ChangeOrigins;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/** Carries out one {@link Step} in a {@link World}: every choice comes from the step's own seed. */
final class StepRunner {

    private final World w;

    StepRunner(World world) {
        this.w = world;
    }

    void run(Step step) {
        SplittableRandom rng = new SplittableRandom(step.seed());
        if (!step.kind().name().startsWith("CLOCK_")) {
            advanceALittle(rng);
        }
        scheduleTick();
        w.trace(() -> String.format("#%d %s %s%s", w.step, w.now(), step.kind(),
                step.fault() == null ? "" : " [" + step.fault() + "]"));
        Runnable concurrent = () -> concurrent(new SplittableRandom(step.seed() * 31 + 17), -1);
        execute(step, rng, concurrent);
        w.collectStream();
        w.invariants.afterStep();
        w.step++;
    }

    /**
     * The schedule (EventBridge rule, every 5 minutes) runs the sweep whatever the steps do: when the clock crossed a
     * 5-minute mark since the last tick, the fan-out and its sweeps run (without faults; SWEEP_TICK steps add ticks
     * with faults).
     */
    private void scheduleTick() {
        long slot = w.now().getEpochSecond() / World.SWEEP_INTERVAL.getSeconds();
        if (slot != w.lastTickSlot) {
            w.lastTickSlot = slot;
            w.trace(() -> String.format("#%d %s scheduled sweep", w.step, w.now()));
            w.scheduledSweep();
            w.collectStream();
            w.invariants.afterStep();
        }
    }

    private void advanceALittle(SplittableRandom rng) {
        int roll = rng.nextInt(100);
        if (roll < 40) {
            advance(Duration.ofMillis(rng.nextInt(300)));
        } else if (roll < 90) {
            advance(Duration.ofMillis(1_000 + rng.nextInt(59_000)));
        } else {
            advance(Duration.ofSeconds(60 + rng.nextInt(540)));
        }
    }

    /** Moves the clock on; held messages whose time is up on the way arrive at their moment. */
    private void advance(Duration by) {
        Instant to = w.now().plus(by);
        w.releaseHeldUntil(to);
        w.clock.set(to);
    }

    private void execute(Step step, SplittableRandom rng, Runnable concurrent) {
        Fault f = step.fault();
        switch (step.kind()) {
            case SC_CREATE -> scCreate(rng, f, concurrent);
            case SC_EDIT -> scChange(rng, f, concurrent, t -> true, (u, t) -> w.taskService.edit(UserId.of(u.userId()),
                    TaskId.of(t.taskId()), Generators.scEdit(rng, t.fields(), u.zone(), w.now())));
            case SC_COMPLETE -> scChange(rng, f, concurrent, t -> !t.fields().completed(),
                    (u, t) -> w.taskService.complete(UserId.of(u.userId()), TaskId.of(t.taskId())));
            case SC_REOPEN -> scChange(rng, f, concurrent, t -> t.fields().completed(),
                    (u, t) -> w.taskService.reopen(UserId.of(u.userId()), TaskId.of(t.taskId())));
            case SC_DELETE -> scDelete(rng, f, concurrent);
            case SF_CREATE -> sfCreate(rng);
            case SF_EDIT -> sfRow(rng, SimulatedSalesforce.Row::live).ifPresent(x -> edit(x, Generators.sfEdit(rng,
                    x.org(), w.zoneOfSfUser(x.row().task().ownerId()), w.now())));
            case SF_COMPLETE -> sfRow(rng, r -> r.live() && !Boolean.TRUE.equals(r.task().isClosed()))
                    .ifPresent(x -> edit(x, Map.of("Status", Generators.status(rng, x.org(), true))));
            case SF_REOPEN -> sfRow(rng, r -> r.live() && Boolean.TRUE.equals(r.task().isClosed()))
                    .ifPresent(x -> edit(x, Map.of("Status", Generators.status(rng, x.org(), false))));
            case SF_DELETE -> sfRow(rng, SimulatedSalesforce.Row::live).ifPresent(x -> {
                w.trace(() -> "    person deletes " + x.row().id());
                w.salesforce.userDeletes(x.org(), x.row());
            });
            case SF_UNDELETE -> sfRow(rng, SimulatedSalesforce.Row::inRecycleBin).ifPresent(x -> {
                w.trace(() -> "    person undeletes " + x.row().id());
                w.salesforce.undelete(x.org(), x.row());
            });
            case SF_HARD_DELETE -> sfRow(rng, rng.nextBoolean() ? SimulatedSalesforce.Row::inRecycleBin
                    : SimulatedSalesforce.Row::live).ifPresent(x -> {
                        w.trace(() -> "    hard delete of " + x.row().id());
                        w.salesforce.hardDelete(x.org(), x.row());
                    });
            case SF_CHANGE_OWNER -> sfRow(rng, SimulatedSalesforce.Row::live).ifPresent(x -> {
                List<String> others = x.org().users().stream().filter(u -> !u.equals(x.row().task().ownerId()))
                        .toList();
                edit(x, Map.of("OwnerId", others.get(rng.nextInt(others.size()))));
            });
            case SF_SYSTEM_TOUCH -> sfRow(rng, SimulatedSalesforce.Row::live).ifPresent(x -> {
                w.trace(() -> "    system touch of " + x.row().id());
                w.salesforce.systemTouch(x.org(), x.row());
            });
            case SF_OUTAGE, SF_SLOW -> {
                SimulatedSalesforce.Org org = w.salesforce.orgs().get(rng.nextInt(w.salesforce.orgs().size()));
                Instant until = w.now().plus(Duration.ofMinutes(5 + rng.nextInt(56)));
                w.trace(() -> "    " + org.name() + (step.kind() == StepKind.SF_OUTAGE ? " is down" : " is very slow")
                        + " until " + until);
                if (step.kind() == StepKind.SF_OUTAGE) {
                    w.salesforce.outage(org, until);
                } else {
                    w.salesforce.slow(org, until);
                }
            }
            case ENABLE -> enable(user(rng), f, concurrent);
            case ENABLE_AT_WINDOW_EDGE -> enableAtWindowEdge(rng, f, concurrent);
            case DISABLE -> {
                World.User u = user(rng);
                w.trace(() -> "    " + u.userId() + " turns sync off");
                w.invoke(f, concurrent, () -> w.settingsService.disable(UserId.of(u.userId())));
            }
            case RECONNECT_SAME, RECONNECT_OTHER_USER, RECONNECT_OTHER_ORG -> reconnect(step.kind(), rng, f,
                    concurrent);
            case REVOKE_TOKEN -> {
                World.User u = user(rng);
                w.rawConnections.get(UserId.of(u.userId())).ifPresent(c -> {
                    w.trace(() -> "    " + u.userId() + "'s refresh token is revoked in Salesforce");
                    w.salesforce.revoke(c.encryptedRefreshToken());
                });
            }
            case SWEEP_TICK -> {
                w.trace(() -> "    scheduled sweep fan-out");
                w.sweepTick(f, concurrent);
            }
            case SWEEP_USER -> {
                World.User u = user(rng);
                w.trace(() -> "    sweep of " + u.userId());
                w.invoke(f, concurrent, () -> w.sweepUser(u.userId()));
            }
            case DELIVER_EVENT -> deliverEvent(rng, f, concurrent);
            case STREAM_BATCH -> stream(rng, f);
            case STREAM_STALL -> {
                Duration by = Duration.ofHours(24).plusMinutes(1 + rng.nextInt(6 * 60));
                w.trace(() -> "    the stream's event source mapping stalls for " + by + " (sweeps and messages go on)");
                w.stallStream(by, rng);
            }
            case OPERATOR_REDRIVE -> w.redriveStreamFailures(false, f, concurrent);
            case DELIVER_MESSAGE -> deliverMessage(rng, f, concurrent);
            case DROP_NOTIFICATION -> dropNotification(rng);
            case DUPLICATE_MESSAGE -> duplicateMessage(rng, f, concurrent);
            case DELAY_MESSAGE -> delayMessage(rng);
            case DELIVER_CHANGE_EVENT -> deliverChangeEvent(rng, f, concurrent);
            case CLOCK_MINUTES -> jump(Duration.ofSeconds(60 + rng.nextInt(59 * 60)), rng, false);
            case CLOCK_HOURS -> jump(Duration.ofMinutes(60 + rng.nextInt(11 * 60)), rng, true);
            case CLOCK_DAY -> jump(Duration.ofHours(24).plusSeconds(rng.nextInt(3600) - 1800), rng, true);
            case CLOCK_WEEKS -> jump(Duration.ofDays(15).plusMinutes(rng.nextInt(3 * 24 * 60)), rng, true);
        }
    }

    // ---------------------------------------------------------------- Sales Connect users

    World.User user(SplittableRandom rng) {
        return World.USERS.get(rng.nextInt(World.USERS.size()));
    }

    private void scCreate(SplittableRandom rng, Fault f, Runnable concurrent) {
        World.User u = user(rng);
        TaskFields fields = Generators.scFields(rng, u.zone(), w.now());
        String id = w.nextTaskId();
        w.trace(() -> "    " + u.userId() + " creates " + id + " \"" + fields.subject() + "\"");
        w.invoke(f, concurrent, () -> w.taskService.create(UserId.of(u.userId()), fields));
        w.rawTasks.get(UserId.of(u.userId()), TaskId.of(id))
                .ifPresent(t -> w.truth.task(u.userId(), id).createdByUserAt = t.createdAt());
    }

    private interface Change {
        void apply(World.User user, ScTask task);
    }

    private void scChange(SplittableRandom rng, Fault f, Runnable concurrent, Predicate<ScTask> which, Change change) {
        World.User u = user(rng);
        Optional<ScTask> task = pick(rng, w.rawTasks.live(u.userId()).stream().filter(which).toList());
        if (task.isEmpty()) {
            return;
        }
        w.trace(() -> "    " + u.userId() + " changes " + task.get().taskId());
        Instant at = w.now();
        long before = task.get().version();
        w.invoke(f, concurrent, () -> change.apply(u, task.get()));
        // The edit happened when its write landed, even if the request died after it (the user saw an error); a
        // concurrent write of the sync may have followed it (its updatedAt still the edit's).
        w.rawTasks.get(UserId.of(u.userId()), TaskId.of(task.get().taskId()))
                .filter(t -> t.version() > before && !t.deleted()
                        && (t.changeOrigin() == Origin.SALES_CONNECT || t.updatedAt().equals(at)))
                .ifPresent(t -> w.truth.task(u.userId(), t.taskId()).userEdits.add(at));
    }

    private void scDelete(SplittableRandom rng, Fault f, Runnable concurrent) {
        World.User u = user(rng);
        Optional<ScTask> task = pick(rng, w.rawTasks.live(u.userId()));
        if (task.isEmpty()) {
            return;
        }
        String id = task.get().taskId();
        w.trace(() -> "    " + u.userId() + " deletes " + id);
        w.invoke(f, concurrent, () -> w.taskService.delete(UserId.of(u.userId()), TaskId.of(id)));
        w.rawTasks.get(UserId.of(u.userId()), TaskId.of(id))
                .filter(t -> t.deleted() && t.changeOrigin() == Origin.SALES_CONNECT)
                .ifPresent(t -> w.truth.task(u.userId(), id).userDeletes.add(t.deletedAt()));
    }

    // ---------------------------------------------------------------- people in Salesforce

    record Picked(SimulatedSalesforce.Org org, SimulatedSalesforce.Row row) {
    }

    private Optional<Picked> sfRow(SplittableRandom rng, Predicate<SimulatedSalesforce.Row> which) {
        SimulatedSalesforce.Org org = w.salesforce.orgs().get(rng.nextInt(w.salesforce.orgs().size()));
        List<SimulatedSalesforce.Row> rows = org.rows().stream().filter(which).toList();
        if (rng.nextInt(5) != 0) {
            List<SimulatedSalesforce.Row> connected = rows.stream().filter(r -> connectedOwner(r.task().ownerId()))
                    .toList();
            if (!connected.isEmpty()) {
                rows = connected;
            }
        }
        return pick(rng, rows).map(r -> new Picked(org, r));
    }

    private boolean connectedOwner(String sfUserId) {
        for (World.User u : World.USERS) {
            Optional<SalesforceConnection> c = w.rawConnections.get(UserId.of(u.userId()));
            if (c.isPresent() && c.get().sfUserId().equals(sfUserId)) {
                return true;
            }
        }
        return false;
    }

    private void sfCreate(SplittableRandom rng) {
        SimulatedSalesforce.Org org = w.salesforce.orgs().get(rng.nextInt(w.salesforce.orgs().size()));
        List<String> connected = org.users().stream().filter(this::connectedOwner).toList();
        String owner = !connected.isEmpty() && rng.nextInt(5) != 0 ? connected.get(rng.nextInt(connected.size()))
                : org.users().get(rng.nextInt(org.users().size()));
        String actor = rng.nextInt(4) == 0 ? org.users().get(rng.nextInt(org.users().size())) : owner;
        Map<String, Object> fields = new java.util.LinkedHashMap<>(Generators.sfFields(rng, org,
                w.zoneOfSfUser(owner), w.now()));
        fields.put("OwnerId", owner);
        SimulatedSalesforce.Row row = w.salesforce.userCreates(org, actor, fields);
        w.trace(() -> "    person creates " + row.id() + " for " + owner + " \"" + row.task().subject() + "\"");
    }

    private void edit(Picked x, Map<String, Object> changes) {
        w.trace(() -> "    person edits " + x.row().id() + " " + changes.keySet());
        w.salesforce.userEdits(x.org(), x.row(), changes);
    }

    // ---------------------------------------------------------------- settings and connections

    private void enable(World.User u, Fault f, Runnable concurrent) {
        w.trace(() -> "    " + u.userId() + " turns sync on");
        w.invoke(f, concurrent, () -> w.settingsService.enable(UserId.of(u.userId()), u.zone()));
    }

    /** Turns sync on 24 hours (give or take 90 seconds) after a task of the user changed in Salesforce. */
    private void enableAtWindowEdge(SplittableRandom rng, Fault f, Runnable concurrent) {
        World.User u = user(rng);
        Optional<SalesforceConnection> c = w.rawConnections.get(UserId.of(u.userId()));
        if (c.isPresent()) {
            Instant now = w.now();
            List<Instant> edges = new ArrayList<>();
            for (SimulatedSalesforce.Row r : w.salesforce.org(c.get().orgId()).rows()) {
                Instant edge = r.task().lastModifiedDate().plus(Duration.ofHours(24));
                if (r.live() && r.task().ownerId().equals(c.get().sfUserId()) && edge.isAfter(now.plusSeconds(90))
                        && edge.isBefore(now.plus(Duration.ofDays(2)))) {
                    edges.add(edge);
                }
            }
            if (!edges.isEmpty()) {
                Instant target = edges.get(rng.nextInt(edges.size())).plusSeconds(rng.nextInt(181) - 90);
                w.settingsService.disable(UserId.of(u.userId()));
                jump(Duration.between(now, target), rng, true);
            }
        }
        enable(u, f, concurrent);
    }

    private void reconnect(StepKind kind, SplittableRandom rng, Fault f, Runnable concurrent) {
        World.User u = user(rng);
        Optional<SalesforceConnection> c = w.rawConnections.get(UserId.of(u.userId()));
        if (c.isEmpty()) {
            return;
        }
        String orgId = c.get().orgId();
        String current = c.get().sfUserId();
        String sfUser = current;
        if (kind == StepKind.RECONNECT_OTHER_USER) {
            List<String> others = w.salesforce.org(orgId).users().stream().filter(x -> !x.equals(current)).toList();
            sfUser = others.get(rng.nextInt(others.size()));
        } else if (kind == StepKind.RECONNECT_OTHER_ORG) {
            List<SimulatedSalesforce.Org> others = w.salesforce.orgs().stream()
                    .filter(o -> !o.orgId().equals(c.get().orgId())).toList();
            SimulatedSalesforce.Org other = others.get(rng.nextInt(others.size()));
            orgId = other.orgId();
            sfUser = other.users().get(rng.nextInt(other.users().size()));
        }
        String org = orgId;
        String as = sfUser;
        w.trace(() -> "    " + u.userId() + " connects as " + as + " of " + org);
        boolean[] refused = new boolean[1];
        World.Ending ending = w.invoke(f, concurrent, () -> refused[0] = !w.connect(u.userId(), org, as));
        if (refused[0]) {
            w.trace(() -> "      refused: that Salesforce user is connected to another account");
        }
        if (ending != World.Ending.OK) {
            w.trace(() -> "      connect " + ending);
        }
        w.observeIdentities();
    }

    // ---------------------------------------------------------------- the platform

    private void deliverEvent(SplittableRandom rng, Fault f, Runnable concurrent) {
        if (w.events.isEmpty()) {
            return;
        }
        EventBus.Event e = w.events.take(rng.nextInt(w.events.size()));
        if (rng.nextInt(10) == 0) {
            w.events.duplicate(e);
            w.faults.count(FaultKind.EVENT_DUPLICATED);
        }
        w.trace(() -> "    event " + e);
        w.deliverEvent(e, f, concurrent);
    }

    /**
     * Salesforce's change event of some past change of some record (Event Relay delivers at least once, in any order,
     * and may lose events: picking any past change of any record covers duplicates, reordering and drops).
     */
    private void deliverChangeEvent(SplittableRandom rng, Fault f, Runnable concurrent) {
        List<SimulatedSalesforce.Org> orgs = w.salesforce.orgs();
        SimulatedSalesforce.Org org = orgs.get(rng.nextInt(orgs.size()));
        List<SimulatedSalesforce.Row> rows = org.allRowsEver().stream()
                .filter(r -> r.events().stream().anyMatch(StepRunner::hasChangeEvent)).toList();
        if (rows.isEmpty()) {
            return;
        }
        SimulatedSalesforce.Row row = rows.get(rng.nextInt(rows.size()));
        List<SimulatedSalesforce.Event> events = row.events().stream().filter(StepRunner::hasChangeEvent).toList();
        // Mostly the latest change (the usual case), else any earlier one (late, duplicated).
        SimulatedSalesforce.Event e = rng.nextInt(3) > 0 ? events.get(events.size() - 1)
                : events.get(rng.nextInt(events.size()));
        ChangeEvent.ChangeType type = switch (e.kind()) {
            case CREATED -> ChangeEvent.ChangeType.CREATE;
            case DELETED, HARD_DELETED -> ChangeEvent.ChangeType.DELETE;
            case UNDELETED -> ChangeEvent.ChangeType.UNDELETE;
            default -> ChangeEvent.ChangeType.UPDATE;
        };
        int gap = rng.nextInt(50);
        if (gap == 0) {
            type = ChangeEvent.ChangeType.GAP_OVERFLOW;
        } else if (gap < 5) {
            type = ChangeEvent.ChangeType.valueOf("GAP_" + type.name());
        }
        if (type.gap()) {
            w.faults.count(FaultKind.CHANGE_EVENT_GAP);
        }
        boolean ownerKnown = e.kind() == SimulatedSalesforce.EventKind.CREATED
                || e.kind() == SimulatedSalesforce.EventKind.UNDELETED
                || e.kind() == SimulatedSalesforce.EventKind.OWNER_CHANGED;
        ChangeEvent event = new ChangeEvent(org.orgId(), "0YLsimulated", null, type,
                type == ChangeEvent.ChangeType.GAP_OVERFLOW ? List.of() : List.of(row.id()), false, List.of(),
                e.at(), 0, "tx", 1, e.byApi() ? "com/salesforce/api/rest/62.0;client=" + ChangeOrigins.CLIENT_ID : "",
                null, ownerKnown && !type.gap() ? e.ownerAfter() : null);
        ChangeEvent.ChangeType shown = type;
        w.trace(() -> "    change event " + shown + " of " + row.id() + " at " + e.at() + (e.byApi() ? " (ours)" : ""));
        w.deliverChangeEvent(event, f, concurrent);
    }

    /** Salesforce publishes a change event for these changes (not for a stamp-only touch, nor a bin emptied). */
    private static boolean hasChangeEvent(SimulatedSalesforce.Event e) {
        return e.kind() != SimulatedSalesforce.EventKind.TOUCHED;
    }

    private void stream(SplittableRandom rng, Fault f) {
        int lane = rng.nextInt(StreamMapping.LANES);
        if (w.stream.idle(lane)) {
            lane = 1 - lane;
        }
        if (w.stream.idle(lane)) {
            return;
        }
        int size = rng.nextInt(4) == 0 ? StreamMapping.MAX_BATCH : 1 + rng.nextInt(6);
        int l = lane;
        StreamMapping.Invocation inv = w.streamInvocation(lane, size, f,
                () -> concurrent(new SplittableRandom(rng.nextLong()), l));
        w.trace(() -> "    stream lane " + l + ": " + inv);
    }

    private void deliverMessage(SplittableRandom rng, Fault f, Runnable concurrent) {
        List<SimulatedSalesforce.Org> orgs = w.salesforce.orgs().stream()
                .filter(o -> o.queuedNotifications() > 0 || o.heldMessages() > 0).toList();
        if (orgs.isEmpty()) {
            return;
        }
        SimulatedSalesforce.Org org = orgs.get(rng.nextInt(orgs.size()));
        w.salesforce.expireNotifications(org);
        if (org.heldMessages() > 0 && (org.queuedNotifications() == 0 || rng.nextBoolean())) {
            // The most recently held message arrives first: out of order, with its data as it was when sent.
            w.releaseHeld(org, org.heldMessages() - 1, f, concurrent);
            return;
        }
        int n = org.queuedNotifications();
        if (n == 0) {
            return;
        }
        List<Integer> order = shuffledPositions(rng, n);
        int take = Math.min(100, rng.nextInt(3) == 0 ? n : 1 + rng.nextInt(Math.min(n, 3)));
        w.trace(() -> "    Salesforce sends a message of " + take + " of " + n + " queued notification(s) of " + org.name());
        w.deliverMessage(org, order.subList(0, take), f, concurrent);
    }

    /** 0..n-1 in an order the PRNG chooses (Fisher-Yates): which queued notifications a message takes. */
    private static List<Integer> shuffledPositions(SplittableRandom rng, int n) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Integer tmp = order.get(i);
            order.set(i, order.get(j));
            order.set(j, tmp);
        }
        return order;
    }

    /** Salesforce sends 1-3 queued notifications of an org in a message that is held on the way. */
    private void delayMessage(SplittableRandom rng) {
        List<SimulatedSalesforce.Org> orgs = w.salesforce.orgs().stream()
                .filter(o -> o.queuedNotifications() > 0).toList();
        if (orgs.isEmpty()) {
            return;
        }
        SimulatedSalesforce.Org org = orgs.get(rng.nextInt(orgs.size()));
        w.salesforce.expireNotifications(org);
        int n = org.queuedNotifications();
        if (n == 0) {
            return;
        }
        List<Integer> order = shuffledPositions(rng, n);
        int take = 1 + rng.nextInt(Math.min(n, 3));
        w.trace(() -> "    Salesforce sends a message of " + take + " of " + n + " queued notification(s) of "
                + org.name() + "; it is held on the way");
        w.holdMessage(org, order.subList(0, take));
    }

    private void dropNotification(SplittableRandom rng) {
        List<SimulatedSalesforce.Org> orgs = w.salesforce.orgs().stream()
                .filter(o -> o.queuedNotifications() > 0).toList();
        if (orgs.isEmpty()) {
            return;
        }
        SimulatedSalesforce.Org org = orgs.get(rng.nextInt(orgs.size()));
        SimulatedSalesforce.Pending p = org.outbound.remove(rng.nextInt(org.outbound.size()));
        w.faults.count(FaultKind.MESSAGE_DROPPED);
        w.trace(() -> "    notification for " + p.recordId + " lost");
    }

    private void duplicateMessage(SplittableRandom rng, Fault f, Runnable concurrent) {
        List<SimulatedSalesforce.Org> orgs = w.salesforce.orgs().stream().filter(o -> {
            w.salesforce.expireNotifications(o);
            return o.sentMessages() > 0;
        }).toList();
        if (orgs.isEmpty()) {
            return;
        }
        SimulatedSalesforce.Org org = orgs.get(rng.nextInt(orgs.size()));
        OutboundMessage m = org.sent.get(rng.nextInt(org.sent.size())).message();
        w.faults.count(FaultKind.MESSAGE_DUPLICATED);
        w.trace(() -> "    Salesforce sends an earlier message again (" + m.notifications().size() + " notification(s))");
        w.redeliver(m, f, concurrent);
    }

    private void jump(Duration by, SplittableRandom rng, boolean platformRuns) {
        w.trace(() -> String.format("#%d %s time passes: %s", w.step, w.now(), by));
        if (platformRuns) {
            w.passTime(by, rng);
        } else {
            advance(by);
        }
    }

    /**
     * Another invocation that runs while the current one is between two store calls: a user edit, a person's edit in
     * Salesforce and its message, a sweep, a queued message, or a stream batch of another lane.
     */
    private void concurrent(SplittableRandom rng, int busyLane) {
        w.nested(() -> {
            switch (rng.nextInt(5)) {
                case 0 -> {
                    World.User u = user(rng);
                    pick(rng, w.rawTasks.live(u.userId())).ifPresent(t -> {
                        w.trace(() -> "      concurrently: " + u.userId() + " edits " + t.taskId());
                        w.taskService.edit(UserId.of(u.userId()), TaskId.of(t.taskId()),
                                Generators.scEdit(rng, t.fields(), u.zone(),
                                w.now()));
                        w.truth.task(u.userId(), t.taskId()).userEdits.add(w.now()); // a user's edit like any other
                    });
                }
                case 1 -> sfRow(rng, SimulatedSalesforce.Row::live).ifPresent(x -> {
                    w.trace(() -> "      concurrently: a person edits " + x.row().id() + " and its message arrives");
                    w.salesforce.userEdits(x.org(), x.row(), Generators.sfEdit(rng, x.org(),
                            w.zoneOfSfUser(x.row().task().ownerId()), w.now()));
                    int i = x.org().outbound.size() - 1;
                    for (int k = 0; k < x.org().outbound.size(); k++) {
                        if (x.org().outbound.get(k).recordId.equals(x.row().id())) {
                            i = k;
                        }
                    }
                    deliverNested(x.org(), i);
                });
                case 2 -> {
                    World.User u = user(rng);
                    w.trace(() -> "      concurrently: sweep of " + u.userId());
                    w.sweepUser(u.userId());
                }
                case 3 -> {
                    List<SimulatedSalesforce.Org> orgs = w.salesforce.orgs().stream()
                            .filter(o -> o.queuedNotifications() > 0).toList();
                    if (!orgs.isEmpty()) {
                        SimulatedSalesforce.Org org = orgs.get(rng.nextInt(orgs.size()));
                        w.trace(() -> "      concurrently: a queued message arrives");
                        deliverNested(org, rng.nextInt(org.outbound.size()));
                    }
                }
                default -> {
                    int lane = busyLane < 0 ? rng.nextInt(StreamMapping.LANES) : 1 - busyLane;
                    if (!w.stream.idle(lane)) {
                        w.trace(() -> "      concurrently: stream batch on lane " + lane);
                        w.collectStream();
                        w.stream.invoke(lane, 1 + rng.nextInt(5), w.now(), w::streamHandler);
                    }
                }
            }
        });
    }

    private void deliverNested(SimulatedSalesforce.Org org, int index) {
        List<SimulatedSalesforce.Pending> pending = w.salesforce.takeForMessage(org, List.of(index));
        if (pending.isEmpty()) {
            return;
        }
        OutboundMessage message = org.message(pending.stream().map(org::capture).toList());
        w.inbound.apply(OrgId.of(org.orgId()), message);
        org.outbound.removeAll(pending);
        org.sent.add(new SimulatedSalesforce.Sent(message, w.now()));
    }

    static <T> Optional<T> pick(SplittableRandom rng, List<T> items) {
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(rng.nextInt(items.size())));
    }
}
