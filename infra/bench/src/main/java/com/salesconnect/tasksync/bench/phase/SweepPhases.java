package com.salesconnect.tasksync.bench.phase;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.bench.Bench;
import com.salesconnect.tasksync.bench.Mark;
import com.salesconnect.tasksync.bench.Span;
import com.salesconnect.tasksync.bench.World;
import com.salesconnect.tasksync.bench.drive.Http;
import com.salesconnect.tasksync.bench.meter.Tally;
import com.salesconnect.tasksync.bench.report.Figure;
import com.salesconnect.tasksync.bench.report.Target;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.local.lambda.LocalFunction;
import com.salesconnect.tasksync.local.seed.DemoConnection;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.SyncSettings;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The sweep's scheduled tick, fired by the benchmark ({@code POST /_local/sweep}, the payload the schedule sends)
 * after moving the shared clock one sweep interval (5 minutes) on, as the schedule would: idle ticks with 1, 50 and
 * 500 enabled users in one org (the third tick after their first syncs, so nothing is left to do), and one tick
 * over 10,000 enabled users in 20 orgs (the third likewise).
 */
public final class SweepPhases {

    static final Duration INTERVAL = Duration.ofMinutes(5);
    /** The sweep's function, as the local runtime names it (template.yaml's logical id). */
    static final String SWEEP_FUNCTION = "ReconciliationSweepFunction";

    private final Bench bench;
    /** Users connected and enabled so far, by Sales Connect id. */
    private final Map<String, Boolean> enabled = new ConcurrentHashMap<>();
    /** Orgs whose outbound endpoint is set. */
    private final Map<String, URI> webhooks = new ConcurrentHashMap<>();

    public SweepPhases(Bench bench) {
        this.bench = bench;
    }

    /**
     * Idle ticks, one per step of {@code Sizes.idleUsers}; each step's figures go to {@code results} as soon as it is
     * measured, so a later step's failure does not lose them.
     */
    public void idle(ObjectNode details, Consumer<List<Figure>> results) throws IOException, InterruptedException {
        String org = bench.orgId(World.IDLE_ORG);
        for (int users : bench.sizes().idleUsers()) {
            List<Figure> out = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= users; i++) {
                ids.add(World.idleUser(i));
            }
            enableAll(ids, World.IDLE_ORG);
            bench.progress().say("idle: " + users + " users enabled; two ticks to settle, then the measured one");
            // The admin's first sync nominated the org's prober (it asked whether it sees every task), so the
            // first tick starts the org's chain of probes; two ticks settle whatever the enables left, the third is
            // the one measured.
            tick();
            tick();
            Tick tick = tick(List.of(org), bench.waitLimit());
            Span span = tick.span();
            Tally t = span.system();
            String label = String.format(Locale.ROOT, "%,d enabled user%s in one org", users, users == 1 ? "" : "s");
            out.add(Figure.of("idle", label + ": Salesforce calls per org per tick", span.apiCalls(), "calls", 0,
                    Target.atMost(1)).withNote(span.topSalesforce(3)));
            out.add(Figure.info("idle", label + ": DynamoDB requests per idle user", (double) t.requests() / users,
                    "req/user", 1).withNote(span.topDynamo(3)));
            out.add(Figure.info("idle", label + ": DynamoDB read units per idle user", t.readUnits() / users,
                    "RCU/user", 2).withNote(String.format(Locale.ROOT, "write %.2f WCU/user (estimated)",
                    t.writeUnits() / users)));
            out.add(Figure.info("idle", label + ": tick wall time", span.seconds(), "s", 1).withNote(tick.note()));
            details.set(Integer.toString(users), span.json());
            results.accept(out);
        }
    }

    /** Ticks in one hour of the 5-minute schedule. */
    static final int TICKS_PER_HOUR = (int) (Duration.ofHours(1).toMinutes() / INTERVAL.toMinutes());

    /**
     * Issue 10: with change events flowing, the idle sweep's Salesforce calls per hour drop at least tenfold. The CDC
     * org (its admin the prober, {@link World#CDC_USERS} users) and the idle org (its admin alone, unless the idle
     * phase enabled more) are enabled and settled; a person's create in the CDC org sends a change event (and an
     * outbound message), which marks the org's events as flowing; then two hours of ticks (12 an hour, five minutes
     * of shared clock apart), each org's calls counted by the emulator. The first hour's safety net reads the change
     * that started the flow once more (each user of the org asks for its own changed tasks); the second hour is the
     * idle one the target is about.
     */
    public List<Figure> changeEvents(ObjectNode details) throws IOException, InterruptedException {
        String cdcOrg = bench.orgId(World.CDC_ORG);
        String idleOrg = bench.orgId(World.IDLE_ORG);
        List<String> cdcUsers = new ArrayList<>();
        for (int i = 1; i <= World.CDC_USERS; i++) {
            cdcUsers.add(World.cdcUser(i));
        }
        enableAll(cdcUsers, World.CDC_ORG);
        enableAll(List.of(World.idleUser(1)), World.IDLE_ORG);
        bench.progress().say("cdc: " + cdcUsers.size() + " users of the CDC org and the idle org's admin enabled;"
                + " two ticks to settle, a change event, then two hours of ticks");
        tick();
        tick();
        bench.admin().createTaskAs(cdcOrg, World.sfUsername(World.cdcUser(2)),
                java.util.Map.of("Subject", "bench cdc: a person's create", "ActivityDate", "TODAY+1"));
        bench.emulator().changeEvents().awaitIdle(bench.waitLimit());
        bench.awaitQuiet(bench.waitLimit());
        boolean flowing = bench.stores().orgLimits().changeEvents(OrgId.of(cdcOrg))
                .flowing(bench.now(), Duration.ofHours(24));
        List<Figure> out = new ArrayList<>();
        for (int hour = 1; hour <= 2; hour++) {
            Mark mark = bench.mark(List.of(cdcOrg, idleOrg));
            for (int i = 0; i < TICKS_PER_HOUR; i++) {
                tick();
            }
            Span span = mark.end(System.nanoTime());
            long withEvents = span.apiUsage().getOrDefault(cdcOrg, 0L);
            long without = span.apiUsage().getOrDefault(idleOrg, 0L);
            bench.progress().say(String.format(Locale.ROOT, "cdc: hour %d: %d calls in the CDC org, %d in the idle"
                    + " org", hour, withEvents, without));
            String which = hour == 1 ? "first hour (re-reads the change that started the flow)" : "an idle hour";
            out.add(Figure.info("cdc", "org with change events, " + which + ": sweep Salesforce calls", withEvents,
                    "calls/h", 0).withNote((flowing ? "change events flowing; " : "change events NOT flowing; ")
                    + World.CDC_USERS + " users; both orgs' calls: " + span.topSalesforce(3)));
            out.add(Figure.info("cdc", "org without change events, same hour: sweep Salesforce calls", without,
                    "calls/h", 0).withNote("the idle org, same ticks"));
            if (hour == 2) {
                String name = "idle hour: calls with change events / without (a 10x drop: <= 0.10)";
                out.add(without == 0 ? Figure.notMeasured("cdc", name, "ratio", Target.atMost(0.10),
                        "the org without change events made no call") : Figure.of("cdc", name,
                        (double) withEvents / without, "ratio", 3, Target.atMost(0.10))
                        .withNote(String.format(Locale.ROOT, "%d / %d calls over %d ticks", withEvents, without,
                                TICKS_PER_HOUR)));
            }
            details.set("hour" + hour, span.json().put("ticks", TICKS_PER_HOUR).put("flowing", flowing)
                    .put("callsWithEvents", withEvents).put("callsWithout", without));
        }
        return out;
    }

    /** One tick over {@code Sizes.fanOutUsers} enabled users: the idle org's and as many more in orgs of its size. */
    public List<Figure> fanOut(ObjectNode details) throws IOException, InterruptedException {
        int total = bench.sizes().fanOutUsers();
        List<String> orgs = new ArrayList<>();
        Map<String, List<String>> byOrg = new LinkedHashMap<>();
        int counted = 0;
        List<String> idle = new ArrayList<>();
        for (int i = 1; i <= bench.sizes().idleOrgUsers() && counted < total; i++, counted++) {
            idle.add(World.idleUser(i));
        }
        byOrg.put(World.IDLE_ORG, idle);
        for (int o = 1; o <= bench.sizes().fanOutOrgs() && counted < total; o++) {
            List<String> users = new ArrayList<>();
            for (int i = 1; i <= bench.sizes().usersPerOrg() && counted < total; i++, counted++) {
                users.add(World.fanOutUser(o, i));
            }
            byOrg.put(World.fanOutOrg(o), users);
        }
        // Each org's admin (its prober) and its second user go through the whole flow; the second user is the
        // template the org's other users are copied from (CopiedUsers: connected through the OAuth flow, first sync
        // not run, its outcome copied). Users an earlier phase enabled stay as they are.
        CopiedUsers copies = new CopiedUsers(bench);
        Mark setupMark = bench.mark(List.of());
        int flowUsers = 0;
        int copiedUsers = 0;
        double copySeconds = 0;
        Map<String, String> templates = new LinkedHashMap<>();
        Map<String, List<String>> copiedByOrg = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : byOrg.entrySet()) {
            List<String> users = e.getValue();
            List<String> flow = users.subList(0, Math.min(FLOW_USERS_PER_ORG, users.size()));
            flowUsers += enableAll(flow, e.getKey());
            List<String> copy = users.subList(flow.size(), users.size()).stream()
                    .filter(u -> !enabled.containsKey(u)).toList();
            if (!copy.isEmpty()) {
                String template = flow.get(flow.size() - 1);
                long start = System.nanoTime();
                copiedUsers += copies.copy(template, copy);
                copySeconds += (System.nanoTime() - start) / 1e9;
                copy.forEach(u -> enabled.put(u, true));
                templates.put(e.getKey(), template);
                copiedByOrg.put(e.getKey(), copy);
            }
            orgs.add(bench.orgId(e.getKey()));
            bench.progress().say(String.format(Locale.ROOT, "fanout: %s: %d users enabled (%,d through the flow,"
                    + " %,d copied so far)", e.getKey(), users.size(), flowUsers, copiedUsers));
        }
        bench.awaitQuiet(bench.waitLimit());
        Span setup = setupMark.end(System.nanoTime());
        int newUsers = flowUsers + copiedUsers;
        bench.progress().say(String.format(Locale.ROOT, "fanout: %,d users enabled in %d orgs (set-up %.0f s);"
                + " two ticks to settle, then the measured one", counted, byOrg.size(), setup.seconds()));
        // Each org's admin, enabled through the flow, was nominated its prober by its first sync, so the first tick
        // is each org's first probe (reaching back over the enables): reported, as what a team's first tick costs.
        // The second settles whatever is left, the third is the one measured. Sweeping 10,000 users may take longer
        // than one wait; each tick gets four.
        Duration wait = bench.waitLimit().multipliedBy(4);
        Tick first = tick(orgs, wait);
        tick(orgs, wait);
        String copyCheck = copyCheck(copies, templates, copiedByOrg);
        bench.progress().say("fanout: " + copyCheck);
        Tick tick = tick(orgs, wait);
        Span span = tick.span();
        Tally t = span.system();
        String label = String.format(Locale.ROOT, "%,d enabled users in %d orgs", counted, byOrg.size());
        List<Figure> out = new ArrayList<>();
        if (newUsers > 0) {
            out.add(Figure.info("fanout", "set-up: users enabled, seconds per user", setup.seconds() / newUsers,
                    "s/user", 3).withNote(String.format(Locale.ROOT, "%,d users in %.0f s, %d at a time: %,d through"
                    + " the flow (OAuth flow, PUT /settings/task-sync, first sync), %,d copied in %.0f s (OAuth"
                    + " flow, a template's finished first sync)", newUsers, setup.seconds(), Bench.CLIENT_THREADS,
                    flowUsers, copiedUsers, copySeconds)));
            out.add(Figure.info("fanout", "set-up: DynamoDB requests per user", (double) setup.system().requests()
                    / newUsers, "req/user", 1).withNote(setup.topDynamo(3)));
            details.set("setup", setup.json().put("users", newUsers).put("flowUsers", flowUsers)
                    .put("copiedUsers", copiedUsers).put("copySeconds", copySeconds));
        }
        Figure firstWall = Figure.info("fanout", label + ": first tick after the enables, wall time",
                first.span().seconds(), "s", 1).withNote(first.note());
        out.add(first.finished() ? firstWall : firstWall.atLeast());
        out.add(Figure.info("fanout", label + ": first tick after the enables, Salesforce calls per org",
                (double) first.span().apiCalls() / byOrg.size(), "calls", 1).withNote(first.span().topSalesforce(3)));
        details.set("firstTick", first.span().json());
        Figure wall = Figure.info("fanout", label + ": tick wall time", span.seconds(), "s", 1).withNote(tick.note());
        out.add(tick.finished() ? wall : wall.atLeast());
        out.add(Figure.info("fanout", label + ": DynamoDB requests", t.requests(), "req", 0)
                .withNote(span.topDynamo(3)));
        out.add(Figure.info("fanout", label + ": DynamoDB requests per user", (double) t.requests() / counted,
                "req/user", 1).withNote(String.format(Locale.ROOT, "%.2f RCU + %.2f WCU per user (estimated)",
                t.readUnits() / counted, t.writeUnits() / counted)));
        out.add(Figure.info("fanout", label + ": Salesforce calls per org per tick",
                (double) span.apiCalls() / byOrg.size(), "calls", 1).withNote(span.topSalesforce(3)));
        details.set("tick", span.json().put("users", counted).put("orgs", byOrg.size()).put("copyCheck", copyCheck));
        return out;
    }

    /** Each org's admin and second user are enabled through the whole flow (the org's prober and its template). */
    static final int FLOW_USERS_PER_ORG = 2;

    /**
     * After the settle ticks: whether the copied users are stored as their templates (item by item, attribute
     * names) and still enabled since their template's enable with their first sync DONE (nothing restarted it).
     */
    private String copyCheck(CopiedUsers copies, Map<String, String> templates,
                             Map<String, List<String>> copiedByOrg) {
        if (templates.isEmpty()) {
            return "no user copied";
        }
        List<String> differences = new ArrayList<>();
        int checked = 0;
        int diverged = 0;
        for (Map.Entry<String, String> e : templates.entrySet()) {
            List<String> copied = copiedByOrg.get(e.getKey());
            SyncSettings template = bench.stores().settings().get(UserId.of(e.getValue())).orElseThrow();
            for (String user : copied) {
                checked++;
                SyncSettings s = bench.stores().settings().get(UserId.of(user)).orElse(null);
                if (s == null || !s.enabled() || s.firstSync().state() != FirstSyncState.DONE
                        || !s.enabledAt().equals(template.enabledAt())) {
                    diverged++;
                }
            }
            if (copied.isEmpty()) {
                continue;
            }
            // The items of the org's first and last copy (one when it has one), against its template's.
            for (String user : new LinkedHashSet<>(List.of(copied.get(0), copied.get(copied.size() - 1)))) {
                copies.differences(e.getValue(), user).forEach(d -> differences.add(user + ": " + d));
            }
        }
        return String.format(Locale.ROOT, "copied users after the settle ticks: %,d of %,d enabled with their first"
                + " sync DONE since their template's enable; items against the template's: %s", checked - diverged,
                checked, differences.isEmpty() ? "the same" : String.join("; ", differences.subList(0,
                        Math.min(6, differences.size()))) + (differences.size() > 6 ? " (and "
                        + (differences.size() - 6) + " more)" : ""));
    }

    private record Tick(Span span, boolean finished, String note) {
    }

    /** A tick that is not measured: it settles what the first syncs left (the first incremental sweep). */
    private void tick() throws IOException, InterruptedException {
        settle(bench.waitLimit());
    }

    private void settle(Duration wait) throws IOException, InterruptedException {
        bench.advanceClock(INTERVAL);
        bench.app().sweep();
        bench.awaitQuiet(wait);
    }

    /** A measured tick: the clock one interval on, the tick, until everything it started is done. */
    private Tick tick(List<String> orgs, Duration limit) throws IOException, InterruptedException {
        bench.advanceClock(INTERVAL);
        Mark mark = bench.mark(orgs);
        Http.Answer answer = bench.app().sweep();
        Optional<Long> quiet = bench.awaitQuiet(limit);
        Span span = mark.end(quiet.orElse(System.nanoTime()));
        // The fan-out and one invocation per event of up to ten users: more means events delivered twice or
        // invocations retried, whose users are swept twice in the tick.
        LocalFunction.Stats sweeps = span.functions().get(SWEEP_FUNCTION);
        long sweepInvocations = sweeps == null ? 0 : sweeps.invocations();
        String note = "POST /_local/sweep HTTP " + answer.status() + (answer.status() == 202 ? " (still running"
                + " after its 2-minute wait; the tick is timed to its end)" : "")
                + ", " + sweepInvocations + " sweep invocations"
                + (span.timeouts() > 0 ? ", " + span.timeouts() + " invocations timed out" : "")
                + (quiet.isEmpty() ? ", still running after the wait limit" : "");
        bench.progress().say(String.format(Locale.ROOT, "tick: %.1f s, %d Salesforce calls, %d DynamoDB requests"
                + " (%s), %d sweep invocations%s", span.seconds(), span.apiCalls(), span.system().requests(),
                span.topDynamo(4), sweepInvocations, quiet.isEmpty() ? " (unfinished)" : ""));
        return new Tick(span, quiet.isPresent(), note);
    }

    /**
     * Connects and enables every user not enabled yet, as each would on the Settings page (the org's outbound
     * messages pointed at the webhook once), then waits until their first syncs are done.
     */
    private int enableAll(List<String> userIds, String orgName) throws IOException, InterruptedException {
        List<String> todo = userIds.stream().filter(u -> !enabled.containsKey(u)).toList();
        if (todo.isEmpty()) {
            return 0;
        }
        String orgId = bench.orgId(orgName);
        bench.parallel(todo.size(), i -> () -> {
            String user = todo.get(i);
            DemoConnection.Connected c = bench.app().connect(user, World.sfUsername(user));
            if (webhooks.putIfAbsent(orgId, c.webhookUrl()) == null) {
                bench.admin().setOutboundEndpoint(orgId, c.webhookUrl());
            }
            bench.app().enable(user);
            enabled.put(user, true);
            return null;
        });
        bench.awaitQuiet(bench.waitLimit());
        long notDone = todo.stream()
                .filter(u -> bench.stores().settings().get(UserId.of(u)).map(SyncSettings::firstSync)
                .map(f -> f.state() != FirstSyncState.DONE).orElse(true)).count();
        if (notDone > 0) {
            bench.progress().say("  " + notDone + " of " + todo.size() + " first syncs in " + orgName
                    + " are not DONE");
        }
        return todo.size();
    }
}
