package com.salesconnect.tasksync.simulation;

import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.rules.CommandCenter;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.sync.InboundSync;
import com.salesconnect.tasksync.sync.OutboundSync;
import com.salesconnect.tasksync.sync.SettingsService;
import com.salesconnect.tasksync.sync.SweepService;
import com.salesconnect.tasksync.sync.SyncStores;
import com.salesconnect.tasksync.sync.TaskChange;
import com.salesconnect.tasksync.sync.TaskService;
import com.salesconnect.tasksync.task.TaskStatus;
import com.salesconnect.tasksync.task.TaskStatuses;
import com.salesconnect.tasksync.testing.FakeConflictLog;
import com.salesconnect.tasksync.testing.FakeConnectionStore;
import com.salesconnect.tasksync.testing.FakeLinkStore;
import com.salesconnect.tasksync.testing.FakeNotificationLog;
import com.salesconnect.tasksync.testing.FakeOrgLimitStore;
import com.salesconnect.tasksync.testing.FakeOrgProbeStore;
import com.salesconnect.tasksync.testing.FakePendingPushStore;
import com.salesconnect.tasksync.testing.FakeSettingsStore;
import com.salesconnect.tasksync.testing.FakeTaskStore;
import com.salesconnect.tasksync.testing.FakeTokenCipher;
import com.salesconnect.tasksync.testing.FakeWebhookStore;
import com.salesconnect.tasksync.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One simulated world: three Sales Connect users in three time zones, two Salesforce orgs with users who are not
 * connected to Sales Connect, the real core services wired the way the handlers wire them (one warm instance of
 * each function), in-memory stores behind fault-injecting decorators, the simulated Salesforce, the stream, the
 * EventBridge queue, and the ground truth and invariants that judge the run.
 */
final class World {

    /** A Sales Connect user of the simulation. */
    record User(String userId, ZoneId zone, String orgLetter, int sfUser) {
    }

    static final List<User> USERS = List.of(
            new User("user-ny", ZoneId.of("America/New_York"), "A", 1),
            new User("user-berlin", ZoneId.of("Europe/Berlin"), "A", 2),
            new User("user-auckland", ZoneId.of("Pacific/Auckland"), "B", 1));

    /** Moments shortly after which a DST change happens in one of the users' zones (the run starts up to 6 h before). */
    static final List<Instant> DST_CHANGES = List.of(
            Instant.parse("2026-03-08T07:00:00Z"),   // New York: clocks forward
            Instant.parse("2026-03-29T01:00:00Z"),   // Berlin: clocks forward
            Instant.parse("2026-04-04T14:00:00Z"),   // Auckland: clocks back
            Instant.parse("2026-09-26T14:00:00Z"),   // Auckland: clocks forward
            Instant.parse("2026-10-25T01:00:00Z"),   // Berlin: clocks back
            Instant.parse("2026-11-01T06:00:00Z"));  // New York: clocks back

    static final TaskStatuses ORG_B_STATUSES = new TaskStatuses(List.of(
            new TaskStatus("Open", false, true),
            new TaskStatus("Waiting", false, false),
            new TaskStatus("Done", true, false),
            new TaskStatus("Cancelled", true, false)));

    final StringBuilder log = new StringBuilder();
    boolean trace;
    final MutableClock clock;
    final FaultInjector faults = new FaultInjector(log);
    final InterceptedStores.Writes writes = new InterceptedStores.Writes();
    final FakeTaskStore rawTasks;
    final FakeLinkStore rawLinks;
    final FakeSettingsStore rawSettings = new FakeSettingsStore();
    final FakeConnectionStore rawConnections = new FakeConnectionStore();
    final FakePendingPushStore rawPendingPushes = new FakePendingPushStore();
    final FakeConflictLog rawConflicts = new FakeConflictLog();
    final FakeNotificationLog rawNotifications;
    final FakeOrgLimitStore rawOrgLimits;
    final FakeOrgProbeStore rawOrgProbes;
    final FakeWebhookStore webhooks = new FakeWebhookStore();
    final FakeTokenCipher cipher = new FakeTokenCipher();
    final SyncStores stores;
    final GroundTruth truth = new GroundTruth();
    final Invariants invariants;
    final SimulatedSalesforce salesforce;
    final EventBus events = new EventBus(faults);
    final StreamMapping stream = new StreamMapping(faults);
    final SettingsService settingsService;
    final TaskService taskService;
    final OutboundSync outbound;
    final InboundSync inbound;
    final com.salesconnect.tasksync.sync.ChangeEventSync changeEvents;
    final SweepService sweep;
    final CommandCenter commandCenter;
    /** How often the schedule runs the sweep (template.yaml). */
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(5);
    /** Sweeps that ended INCOMPLETE (Salesforce unavailable or refusing): quiescence waits for them to succeed. */
    long incompleteSweeps;
    /** The 5-minute slot of the latest scheduled sweep. */
    long lastTickSlot;
    private long taskIds;
    private long tokens;
    int step;

    World(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Instant dst = DST_CHANGES.get(rng.nextInt(DST_CHANGES.size()));
        Instant start = dst.minusSeconds(rng.nextLong(6 * 3600)).minusMillis(rng.nextInt(1000));
        clock = new MutableClock(start);
        rawTasks = new FakeTaskStore(clock);
        rawLinks = new FakeLinkStore(clock);
        rawNotifications = new FakeNotificationLog(clock);
        rawOrgLimits = new FakeOrgLimitStore(clock);
        rawOrgProbes = new FakeOrgProbeStore(clock);
        writes.clock = clock::instant;
        InterceptedStores i = new InterceptedStores(faults, writes);
        stores = new SyncStores(i.tasks(rawTasks), i.links(rawLinks), i.settings(rawSettings),
                i.connections(rawConnections), i.pendingPushes(rawPendingPushes), i.conflicts(rawConflicts),
                i.notifications(rawNotifications), i.orgLimits(rawOrgLimits),
                i.orgProbes(rawOrgProbes), webhooks);
        invariants = new Invariants(this);
        salesforce = new SimulatedSalesforce(clock, faults, invariants);
        salesforce.addOrg("A", TaskStatuses.SALESFORCE_DEFAULTS, List.of(SimulatedSalesforce.userId("A", 1),
                SimulatedSalesforce.userId("A", 2), SimulatedSalesforce.userId("A", 3),
                SimulatedSalesforce.userId("A", 4)), 2_000, true);
        salesforce.addOrg("B", ORG_B_STATUSES, List.of(SimulatedSalesforce.userId("B", 1),
                SimulatedSalesforce.userId("B", 2), SimulatedSalesforce.userId("B", 3)), 3, false);
        settingsService = new SettingsService(stores.settings(), stores.connections(), events, clock);
        taskService = new TaskService(stores.tasks(), clock, () -> "task-" + (++taskIds));
        outbound = new OutboundSync(stores, salesforce, clock);
        inbound = new InboundSync(stores, salesforce, clock);
        changeEvents = new com.salesconnect.tasksync.sync.ChangeEventSync(stores, salesforce, clock);
        sweep = new SweepService(stores, salesforce, events, clock);
        commandCenter = new CommandCenter(rawTasks, rawSettings, clock);
        for (User u : USERS) {
            String org = SimulatedSalesforce.orgId(u.orgLetter());
            String sfUser = SimulatedSalesforce.userId(u.orgLetter(), u.sfUser());
            rawConnections.save(connection(u.userId(), org, sfUser, 0));
            truth.identity(u.userId(), new GroundTruth.Identity(org, sfUser), clock.instant());
        }
        seedOldTasks(rng);
        lastTickSlot = clock.instant().getEpochSecond() / SWEEP_INTERVAL.getSeconds();
    }

    /** Tasks that already exist in Salesforce when the run starts, some inside the first import's 24 hours. */
    private void seedOldTasks(SplittableRandom rng) {
        for (SimulatedSalesforce.Org org : salesforce.orgs()) {
            int n = 2 + rng.nextInt(4);
            for (int k = 0; k < n; k++) {
                String owner = org.users().get(rng.nextInt(org.users().size()));
                Duration age = Duration.ofMinutes(60 + rng.nextInt(60 * 60));
                Instant now = clock.instant();
                clock.set(now.minus(age));
                salesforce.userCreates(org, owner, Generators.sfFields(rng, org, zoneOfSfUser(owner), clock.instant()));
                clock.set(now);
            }
            org.outbound.clear();
        }
    }

    ZoneId zoneOfSfUser(String sfUserId) {
        return USERS.stream().filter(u -> SimulatedSalesforce.userId(u.orgLetter(), u.sfUser()).equals(sfUserId))
                .map(User::zone).findFirst().orElse(ZoneId.of("UTC"));
    }

    SalesforceConnection connection(String userId, String orgId, String sfUserId, long version) {
        return new SalesforceConnection(userId, orgId, sfUserId, "https://sim.my.salesforce.com",
                cipher.encrypt("refresh-" + (++tokens), TokenContext.refreshToken(userId)), ConnectionState.CONNECTED, clock.instant(), null,
                version);
    }

    Instant now() {
        return clock.instant();
    }

    /** The id TaskService will give the next task it creates. */
    String nextTaskId() {
        return "task-" + (taskIds + 1);
    }

    /** Appends a line to the trace; the line is only built when tracing. */
    void trace(java.util.function.Supplier<String> line) {
        if (trace) {
            log.append(line.get()).append('\n');
        }
    }

    // ---------------------------------------------------------------- invocations

    /** How an invocation ended. */
    enum Ending {
        OK, CRASHED, FAILED
    }

    /**
     * Runs one invocation with {@code fault} armed; a crash (or a time-out kill) ends it where it is. Afterwards the
     * stream takes the invocation's writes.
     */
    Ending invoke(Fault fault, Runnable concurrent, Runnable body) {
        faults.arm(fault, concurrent);
        try {
            body.run();
            return Ending.OK;
        } catch (SimulatedCrash crash) {
            trace(() -> "      crashed: " + crash.getMessage());
            return Ending.CRASHED;
        } catch (RuntimeException e) {
            trace(() -> "      failed: " + e.getClass().getSimpleName() + " " + e.getMessage());
            invariants.unexpected(e);
            return Ending.FAILED;
        } finally {
            faults.disarm();
            collectStream();
        }
    }

    /** An invocation inside the current one (no faults in it); its failure is its own business. */
    void nested(Runnable body) {
        faults.nested(() -> {
            try {
                body.run();
            } catch (SimulatedCrash e) {
                trace(() -> "      concurrent invocation died: " + e.getMessage());
            } catch (RuntimeException e) {
                trace(() -> "      concurrent invocation failed: " + e.getClass().getSimpleName());
                invariants.unexpected(e);
            }
        });
    }

    void collectStream() {
        List<TaskChange> changes = rawTasks.takeStream();
        if (!changes.isEmpty()) {
            stream.add(changes, clock.instant());
        }
    }

    // ---------------------------------------------------------------- the functions' handlers

    /** The task-stream-outbound handler: a batch failure returns every record (TaskStreamOutboundHandler). */
    List<String> streamHandler(List<TaskChange> batch) {
        try {
            return outbound.process(batch);
        } catch (RuntimeException e) {
            invariants.unexpected(e);
            return batch.stream().map(TaskChange::recordId).toList();
        }
    }

    /** One invocation of the stream function on {@code lane}. */
    StreamMapping.Invocation streamInvocation(int lane, int size, Fault fault, Runnable concurrent) {
        StreamMapping.Invocation[] out = new StreamMapping.Invocation[1];
        faults.arm(fault, concurrent);
        try {
            out[0] = stream.invoke(lane, size, clock.instant(), this::streamHandler);
        } finally {
            faults.disarm();
            collectStream();
        }
        return out[0];
    }

    /**
     * Salesforce sends one Outbound Message of {@code org} with the queued notifications at {@code order}; on a
     * failure (no Ack) they stay queued and Salesforce retries them later. Returns the message sent, if any.
     */
    Optional<OutboundMessage> deliverMessage(SimulatedSalesforce.Org org, List<Integer> order, Fault fault,
                                             Runnable concurrent) {
        List<SimulatedSalesforce.Pending> pending = salesforce.takeForMessage(org, order);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        OutboundMessage message = org.message(pending.stream().map(org::capture).toList());
        Ending ending = invoke(fault, concurrent, () -> {
            com.salesconnect.tasksync.sync.InboundResult r = inbound.apply(OrgId.of(org.orgId()), message);
            trace(() -> "      inbound: " + r);
        });
        if (ending == Ending.OK) {
            org.outbound.removeAll(pending);
            org.sent.add(new SimulatedSalesforce.Sent(message, clock.instant()));
        } else {
            pending.forEach(p -> p.attempts++);
        }
        trace(() -> "      message of " + pending.size() + " notification(s): " + ending);
        return Optional.of(message);
    }

    /**
     * How long a message Salesforce sent can take to be applied: the inbound function's time-out (template.yaml), so
     * a held message arrives within it (or its invocation would be dead and Salesforce would send it again).
     */
    static final Duration HELD_AT_MOST = Duration.ofSeconds(30);

    /**
     * Salesforce sends a message of the queued notifications at {@code order} (the data as it is now) and the message
     * is held on the way: it arrives at a later step ({@link #releaseHeld}), after messages sent after it, at the
     * latest {@link #HELD_AT_MOST} after it was sent ({@link #releaseHeldUntil}).
     */
    void holdMessage(SimulatedSalesforce.Org org, List<Integer> order) {
        List<SimulatedSalesforce.Pending> pending = salesforce.takeForMessage(org, order);
        if (pending.isEmpty()) {
            return;
        }
        OutboundMessage message = org.message(pending.stream().map(org::capture).toList());
        org.outbound.removeAll(pending);
        org.held.add(new SimulatedSalesforce.Held(pending, message, clock.instant()));
        faults.count(FaultKind.MESSAGE_DELAYED);
        trace(() -> "      message of " + pending.size() + " notification(s) held on the way: "
                + message.notifications().stream().map(n -> n.task().id() + "@" + n.task().systemModstamp()).toList());
    }

    /**
     * The held message at {@code index} arrives now. Acknowledged, it counts as delivered (and may be delivered again
     * later); otherwise Salesforce, which never saw an Ack, queues its notifications again (their data is read anew
     * when they are sent).
     */
    Ending releaseHeld(SimulatedSalesforce.Org org, int index, Fault fault, Runnable concurrent) {
        SimulatedSalesforce.Held h = org.held.remove(index);
        Ending ending = invoke(fault, concurrent, () -> {
            com.salesconnect.tasksync.sync.InboundResult r = inbound.apply(OrgId.of(org.orgId()), h.message());
            trace(() -> "      inbound (late): " + r);
        });
        if (ending == Ending.OK) {
            org.sent.add(new SimulatedSalesforce.Sent(h.message(), clock.instant()));
        } else {
            for (SimulatedSalesforce.Pending p : h.pending()) {
                p.attempts++;
                if (org.outbound.stream().noneMatch(q -> q.recordId.equals(p.recordId))) {
                    org.outbound.add(p);
                }
            }
        }
        trace(() -> "      held message of " + h.pending().size() + " notification(s) sent at " + h.sentAt()
                + " arrives: " + ending);
        return ending;
    }

    /**
     * Held messages whose time is up before {@code until} arrive (without faults) when it is up, in that order: the
     * clock is moved to each one's moment (never back).
     */
    void releaseHeldUntil(Instant until) {
        while (true) {
            SimulatedSalesforce.Org first = null;
            for (SimulatedSalesforce.Org org : salesforce.orgs()) {
                if (!org.held.isEmpty() && (first == null
                        || org.held.get(0).sentAt().isBefore(first.held.get(0).sentAt()))) {
                    first = org;
                }
            }
            if (first == null) {
                return;
            }
            Instant due = first.held.get(0).sentAt().plus(HELD_AT_MOST);
            if (due.isAfter(until)) {
                return;
            }
            if (due.isAfter(clock.instant())) {
                clock.set(due);
            }
            releaseHeld(first, 0, null, null);
        }
    }

    /** Delivers a Salesforce change event to the inbound function, as EventBridge would. */
    Ending deliverChangeEvent(com.salesconnect.tasksync.salesforce.ChangeEvent event, Fault fault,
                              Runnable concurrent) {
        return invoke(fault, concurrent, () -> {
            com.salesconnect.tasksync.sync.ChangeEventResult r = changeEvents.apply(event);
            trace(() -> "      change event: " + r);
        });
    }

    /** Delivers an already delivered message again (Salesforce's at-least-once delivery). */
    Ending redeliver(OutboundMessage message, Fault fault, Runnable concurrent) {
        return invoke(fault, concurrent, () -> inbound.apply(OrgId.of(message.organizationId()), message));
    }

    /**
     * A successful sweep (caught up with Salesforce): when it ended, and how far it surely looked, which is less when
     * it may have used the org's probe ({@link Invariants#PROBE_FRESH} before it, or, for a tick's sweep, as early as
     * the tick's scheduled time less {@link Invariants#TICK_LEEWAY}).
     */
    record CatchUp(Instant at, Instant lookedThrough) {
    }

    /** Users' successful sweeps: the oracle's "the sync had a chance". */
    final Map<String, List<CatchUp>> caughtUp = new HashMap<>();

    /** One user's sweep of no tick; a sweep that caught up (incremental or a finished first sync) is remembered. */
    com.salesconnect.tasksync.sync.SweepResult sweepUser(String userId) {
        return sweepUser(userId, null);
    }

    /** One user's sweep, for the tick scheduled at {@code tickAt} (null: of no tick). */
    com.salesconnect.tasksync.sync.SweepResult sweepUser(String userId, Instant tickAt) {
        com.salesconnect.tasksync.sync.SweepResult r = sweep.runForUser(UserId.of(userId),
                com.salesconnect.tasksync.runtime.Deadline.NONE, tickAt);
        if (r.kind() == com.salesconnect.tasksync.sync.SweepResult.Kind.INCREMENTAL
                || r.kind() == com.salesconnect.tasksync.sync.SweepResult.Kind.FIRST_SYNC_DONE) {
            Instant now = now();
            Instant looked = now.minus(Invariants.PROBE_FRESH);
            if (tickAt != null && tickAt.minus(Invariants.TICK_LEEWAY).isBefore(looked)) {
                looked = tickAt.minus(Invariants.TICK_LEEWAY);
            }
            caughtUp.computeIfAbsent(userId, k -> new ArrayList<>()).add(new CatchUp(now, looked));
        }
        return r;
    }

    /** The sweep function on one event: every user of it, one after the other; a failure retries the event. */
    Ending deliverEvent(EventBus.Event e, Fault fault, Runnable concurrent) {
        Ending ending = invoke(fault, concurrent, () -> e.userIds.forEach(u -> {
            com.salesconnect.tasksync.sync.SweepResult r = sweepUser(u, e.scheduledAt);
            if (r.kind() == com.salesconnect.tasksync.sync.SweepResult.Kind.INCOMPLETE) {
                incompleteSweeps++;
            }
            trace(() -> "      sweep " + u + ": " + r);
        }));
        if (ending != Ending.OK) {
            e.failures++;
            if (e.failures <= EventBus.ASYNC_RETRIES) {
                events.putBack(e);
            }
        }
        return ending;
    }

    /** The schedule's tick: the sweep function's fan-out. */
    Ending sweepTick(Fault fault, Runnable concurrent) {
        return invoke(fault, concurrent, () -> sweep.fanOut(clock.instant()));
    }

    /**
     * Connects {@code userId} as {@code sfUserId} of {@code orgId} the way the OAuth callback does (ConnectService):
     * a Salesforce user already connected to another account is refused; otherwise the connection goes through
     * {@link SettingsService#connect}, which settles the user's identity.
     */
    boolean connect(String userId, String orgId, String sfUserId) {
        Optional<String> owner = stores.connections().userForOwner(OrgId.of(orgId), SalesforceId.of(sfUserId));
        if (owner.isPresent() && !owner.get().equals(userId)) {
            return false;
        }
        settingsService.connect(connection(userId, orgId, sfUserId, 0));
        return true;
    }

    /** Records the identity each user is connected as now (after a connect step). */
    void observeIdentities() {
        for (User u : USERS) {
            rawConnections.get(UserId.of(u.userId())).ifPresent(c -> truth.identity(u.userId(),
                    new GroundTruth.Identity(c.orgId(), c.sfUserId()), clock.instant()));
        }
    }

    // ---------------------------------------------------------------- time passing with the platform running

    /**
     * Moves the clock by {@code by} the way time passes in production: the stream is worked off, the scheduled
     * sweep runs, and Salesforce sends most queued messages, in a few rounds (no faults). Messages it does not send
     * may expire; records the stream cannot process run out of retries.
     */
    void passTime(Duration by, SplittableRandom rng) {
        Instant end = clock.instant().plus(by);
        List<Duration> hops = new ArrayList<>();
        Duration left = by;
        for (Duration hop : List.of(Duration.ofMinutes(16), Duration.ofMinutes(50), Duration.ofHours(2),
                Duration.ofHours(5))) {
            if (left.compareTo(hop) <= 0) {
                break;
            }
            hops.add(hop);
            left = left.minus(hop);
        }
        for (Duration hop : hops) {
            platformRound(rng, 0.7);
            clock.advance(hop);
        }
        platformRound(rng, 0.7);
        clock.set(end);
    }

    /**
     * Moves the clock by {@code by} with the stream's event source mapping stalled (the function throttled to zero,
     * a broken deployment): the sweeps and Salesforce's messages go on, the stream's records wait. Records older
     * than a day are dropped at the mapping's next poll, onto the failure queue.
     */
    void stallStream(Duration by, SplittableRandom rng) {
        Instant end = clock.instant().plus(by);
        Duration hop = Duration.ofHours(6);
        while (clock.instant().plus(hop).isBefore(end)) {
            platformRound(rng, 0.7, false);
            clock.advance(hop);
        }
        platformRound(rng, 0.7, false);
        clock.set(end);
    }

    /**
     * The operator's {@code redrive StreamFailureQueue} (infra/ops, README's runbook): for the users of the dropped
     * records, a fresh reconciliation ({@link SettingsService#requestReconciliation}), then a sweep of them asked
     * for on the bus. A message stays on the queue until its users' reconciliations are asked for: a failed run is
     * run again later.
     *
     * @param expiredOnly only the messages of records that expired unread (those no write-ahead intent covers)
     */
    void redriveStreamFailures(boolean expiredOnly, Fault fault, Runnable concurrent) {
        Set<String> users = stream.takeFailures(expiredOnly);
        if (users.isEmpty()) {
            return;
        }
        trace(() -> "    operator redrives the stream's failure queue: fresh reconciliation of " + users);
        Ending ending = invoke(fault, concurrent, () -> users.forEach(u -> settingsService.requestReconciliation(
                UserId.of(u))));
        if (ending != Ending.OK) {
            stream.failedAgain(users);
            return;
        }
        events.sweepRequested(List.copyOf(users), clock.instant());
    }

    /** One round of the platform doing its work without faults. */
    void platformRound(SplittableRandom rng, double sendShare) {
        platformRound(rng, sendShare, true);
    }

    private void platformRound(SplittableRandom rng, double sendShare, boolean streamRuns) {
        if (streamRuns) {
            drainStream();
        }
        for (SimulatedSalesforce.Org org : salesforce.orgs()) {
            salesforce.expireNotifications(org);
            while (!org.held.isEmpty()) {
                releaseHeld(org, 0, null, null);
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < org.outbound.size(); i++) {
                if (rng.nextDouble() < sendShare) {
                    order.add(i);
                }
            }
            for (int from = 0; from < order.size(); from += 100) {
                deliverMessage(org, order.subList(from, Math.min(order.size(), from + 100)).stream()
                        .map(x -> x).toList(), null, null);
            }
        }
        if (streamRuns) {
            drainStream();
        }
        scheduledSweep();
        if (streamRuns) {
            drainStream();
        }
    }

    /** The fan-out and every sweep event it sent (and any event still queued), without faults. */
    void scheduledSweep() {
        sweepTick(null, null);
        int guard = 0;
        while (!events.isEmpty() && guard++ < 100) {
            deliverEvent(events.take(0), null, null);
        }
    }

    /** Works the stream off: each lane is invoked until it is empty (retries run out eventually). */
    void drainStream() {
        for (int guard = 0; !stream.idle() && guard < 200; guard++) {
            for (int lane = 0; lane < StreamMapping.LANES; lane++) {
                if (!stream.idle(lane)) {
                    streamInvocation(lane, StreamMapping.MAX_BATCH, null, null);
                }
            }
        }
    }

    Optional<SyncSettings> settingsOf(String userId) {
        return rawSettings.get(UserId.of(userId));
    }
}
