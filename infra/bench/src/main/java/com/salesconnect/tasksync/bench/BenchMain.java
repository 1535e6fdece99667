package com.salesconnect.tasksync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.bench.meter.Callers;
import com.salesconnect.tasksync.bench.phase.HoldingUser;
import com.salesconnect.tasksync.bench.phase.ReadPhase;
import com.salesconnect.tasksync.bench.phase.SweepPhases;
import com.salesconnect.tasksync.bench.phase.UserPhases;
import com.salesconnect.tasksync.bench.report.ColdStartRows;
import com.salesconnect.tasksync.bench.report.Figure;
import com.salesconnect.tasksync.bench.report.Report;
import com.salesconnect.tasksync.bench.report.Target;
import com.salesconnect.tasksync.local.lambda.LocalFunction;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * {@code infra/bench/run}: starts the local runtime, runs the chosen phases against it over HTTP, prints one table of
 * figures against their targets and the line {@code bench: <met>/<total> targets met}, and writes the figures as
 * JSON. Exit status: 0 every target met, 3 some missed, 1 the benchmark itself failed, 2 bad options.
 */
public final class BenchMain {

    /** moto_server's resident memory may not grow past this in a run (the issue saw 3.4 GB). */
    static final double MOTO_MAX_MIB = 1024;

    private final BenchOptions options;
    private final Progress progress = new Progress(System.err);
    private final Results results = new Results();

    private BenchMain(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        // The benchmark's own DynamoDB reads (is the first sync done? is the task there?) count apart.
        Thread.currentThread().setName(Callers.OBSERVER_THREAD + "-main");
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.list()) {
            list(options);
            return;
        }
        System.exit(new BenchMain(options).run());
    }

    private static void list(BenchOptions options) {
        System.out.println("phases (in the order they run):");
        for (Phase p : Phase.values()) {
            System.out.printf("  %-10s %s%n", p.label(), p.description());
        }
        System.out.println("sizes: " + options.sizes());
    }

    private int run() {
        Instant started = Instant.now();
        boolean ran = options.phases().stream().noneMatch(p -> p != Phase.COLDSTART) || measure();
        if (options.runs(Phase.COLDSTART)) {
            results.addAll(ColdStartRows.read(options.coldStart()));
        }
        Report report = new Report(results.figures());
        Instant finished = Instant.now();
        try {
            report.writeJson(options.json(), runJson(started, finished), results.details());
        } catch (IOException e) {
            progress.say("could not write " + options.json() + ": " + e.getMessage());
        }
        progress.say("figures written to " + options.json() + "; the run took "
                + Duration.between(started, finished).toSeconds() + " s");
        report.table().forEach(System.out::println);
        System.out.println(report.summaryLine());
        System.out.flush();
        return !ran ? 1 : report.met() == report.targets() ? 0 : 3;
    }

    /**
     * Starts the runtime, runs the phases on it and stops it; false when the benchmark itself failed (a row says so,
     * and the table shows what was measured until then).
     */
    private boolean measure() {
        progress.say("starting the local runtime (moto_server, Salesforce emulator, the four functions); sizes "
                + options.sizes());
        AtomicReference<Bench> current = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            Bench b = current.getAndSet(null);
            if (b != null) {
                b.close();
            }
        }, "bench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Bench bench = Bench.start(options, progress)) {
            current.set(bench);
            phases(bench);
            runFigures(bench);
            return true;
        } catch (IOException | RuntimeException e) {
            failed("run", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            current.set(null);
        }
    }

    private void phases(Bench bench) throws IOException, InterruptedException {
        String tag = HexFormat.of().formatHex(new byte[]{(byte) ThreadLocalRandom.current().nextInt(256),
                (byte) ThreadLocalRandom.current().nextInt(256)});
        boolean holding = options.phases().stream().anyMatch(Phase::needsHoldingUsers);
        if (holding) {
            holdingPhases(bench, tag);
        }
        SweepPhases sweeps = new SweepPhases(bench);
        if (options.runs(Phase.CDC)) {
            guarded("cdc", () -> results.addAll(sweeps.changeEvents(results.details("cdc"))));
        }
        if (options.runs(Phase.IDLE)) {
            guarded("idle", () -> sweeps.idle(results.details("idle"), results::addAll));
        }
        if (options.runs(Phase.FANOUT)) {
            guarded("fanout", () -> results.addAll(sweeps.fanOut(results.details("fanout"))));
        }
    }

    private void holdingPhases(Bench bench, String tag) throws IOException, InterruptedException {
        Sizes sizes = options.sizes();
        UserPhases phases = new UserPhases(bench, tag);
        HoldingUser small = new HoldingUser(World.SMALL_USER, World.sfUsername(World.SMALL_USER),
                bench.orgId(World.SMALL_ORG), sizes.smallHolding(), false);
        HoldingUser large = new HoldingUser(World.LARGE_USER, World.sfUsername(World.LARGE_USER),
                bench.orgId(World.LARGE_ORG), sizes.largeHolding(), true);
        UserPhases.Run smallImport;
        UserPhases.Run largeImport;
        try {
            smallImport = phases.firstImport(small);
            largeImport = phases.firstImport(large);
        } catch (IOException | RuntimeException e) {
            failed("import", e);
            return;
        }
        if (options.runs(Phase.IMPORT)) {
            importFigures(smallImport, largeImport);
        }
        if (options.runs(Phase.CREATES)) {
            guarded("creates", () -> perUser("creates", phases.creates(small, sizes.burst()),
                    phases.creates(large, sizes.burst()), 0.01, 20));
        } else if (options.runs(Phase.EDITS) || options.runs(Phase.DELETES)) {
            // The tasks the edits and deletions work on: the creates phase, as their set-up (not reported).
            guarded("creates (set-up)", () -> {
                phases.creates(small, sizes.burst());
                phases.creates(large, sizes.burst());
            });
        }
        if (options.runs(Phase.EDITS)) {
            guarded("edits", () -> perUser("edits", phases.edits(small, sizes.burst()),
                    phases.edits(large, sizes.burst()), 0.02, Double.NaN));
        }
        if (options.runs(Phase.DELETES)) {
            guarded("deletes", () -> perUser("deletes", phases.deletes(small, sizes.burst()),
                    phases.deletes(large, sizes.burst()), 0.01, Double.NaN));
        }
        if (options.runs(Phase.INBOUND)) {
            guarded("inbound", () -> perUser("inbound", phases.inbound(small, sizes.inbound()),
                    phases.inbound(large, sizes.inbound()), 0.05, 10));
        }
        if (options.runs(Phase.READS)) {
            guarded("reads", () -> results.addAll(new ReadPhase(bench).run(large, results.details("reads"))));
        }
        if (options.runs(Phase.CDC) || options.runs(Phase.IDLE) || options.runs(Phase.FANOUT)) {
            // Idle ticks count only the idle users: the users under test stop syncing (their links stay).
            bench.app().disable(small.userId());
            bench.app().disable(large.userId());
        }
    }

    private void importFigures(UserPhases.Run small, UserPhases.Run large) {
        for (UserPhases.Run run : List.of(small, large)) {
            int n = run.tasks();
            String label = run.user().label();
            double maxCalls = 2 + Math.ceil(n / 2000.0);
            Target calls = run.user().large() ? Target.atMost(maxCalls) : Target.NONE;
            results.add(Figure.of("import", label + ": Salesforce calls (2 + N/2,000)", run.span().apiCalls(),
                    "calls", 0, calls).withNote(run.span().topSalesforce(3)));
            Target time = run.user().large() ? Target.atMost(120) : Target.NONE;
            Figure done = Figure.of("import", label + ": first sync DONE after", run.untilDoneSeconds(), "s", 1, time)
                    .withNote(run.progress());
            results.add(run.done() ? done : done.atLeast());
            results.addAll(UserPhases.costFigures(run));
            results.details("import").set(run.user().userId(), run.span().json().put("untilDone",
                    run.untilDoneSeconds()).put("progress", run.progress()));
        }
        results.add(UserPhases.ratio("import", small, large));
    }

    /**
     * The rows of a phase run for both users: Salesforce calls per task (target for the large user), the time until
     * all were through (target when {@code maxSeconds} is a number), the cost rows and the ratio.
     */
    private void perUser(String phase, UserPhases.Run small, UserPhases.Run large, double maxCallsPerTask,
                         double maxSeconds) {
        for (UserPhases.Run run : List.of(small, large)) {
            String label = run.user().label();
            Target calls = run.user().large() ? Target.atMost(maxCallsPerTask) : Target.NONE;
            results.add(Figure.of(phase, label + ": Salesforce calls per task", run.callsPerTask(), "calls/task", 3,
                    calls).withNote(run.span().apiCalls() + " calls: " + run.span().topSalesforce(3)));
            Target time = run.user().large() && !Double.isNaN(maxSeconds) ? Target.atMost(maxSeconds) : Target.NONE;
            String what = phase.equals("inbound") ? "all in Sales Connect after" : "all in Salesforce after";
            Figure done = Figure.of(phase, String.format(Locale.ROOT, "%s: %s %,d %s", label, phase, run.tasks(),
                    what), run.untilDoneSeconds(), "s", 1, time).withNote(run.progress());
            results.add(run.done() ? done : done.atLeast());
            results.addAll(UserPhases.costFigures(run));
            results.details(phase).set(run.user().userId(), run.span().json().put("untilDone",
                    run.untilDoneSeconds()).put("progress", run.progress()));
        }
        results.add(UserPhases.ratio(phase, small, large));
    }

    private void runFigures(Bench bench) {
        Map<String, LocalFunction.Stats> stats = bench.functionStats();
        long timeouts = stats.values().stream().mapToLong(LocalFunction.Stats::timeouts).sum();
        long errors = stats.values().stream().mapToLong(LocalFunction.Stats::errors).sum();
        String byFunction = stats.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().invocations() + " inv/" + e.getValue().errors() + " err/"
                        + e.getValue().timeouts() + " timeouts")
                .collect(Collectors.joining(", "));
        results.add(Figure.of("run", "function invocations timed out", timeouts, "", 0, Target.atMost(0))
                .withNote(byFunction));
        results.add(Figure.info("run", "function errors (timeouts included)", errors, "", 0));
        double moto = bench.memory().motoPeakMib();
        results.add(moto < 0
                ? Figure.notMeasured("run", "moto_server peak RSS", "MiB", Target.atMost(MOTO_MAX_MIB),
                "no moto_server process of this run to read (/proc)")
                : Figure.of("run", "moto_server peak RSS", moto, "MiB", 0, Target.atMost(MOTO_MAX_MIB))
                .withNote(String.format(Locale.ROOT, "%.0f MiB at the end", bench.memory().motoLastMib())));
        double jvm = ProcessMemory.jvmPeakMib();
        results.add(Figure.info("run", "functions' peak RSS (one JVM, shared)", jvm, "MiB", 0)
                .withNote("locally the four functions share one JVM with the stand-in, the emulator and the"
                        + " benchmark: this is that JVM's peak (VmHWM), an upper bound for any one function"));
        ObjectNode fns = results.details("run").putObject("functions");
        stats.forEach((name, s) -> fns.putObject(name).put("invocations", s.invocations()).put("errors", s.errors())
                .put("timeouts", s.timeouts()));
    }

    private interface Step {
        void run() throws IOException, InterruptedException;
    }

    /** Runs a phase; when it fails, a MISSED row says so and the run goes on with the next phase. */
    private void guarded(String phase, Step step) throws InterruptedException {
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            failed(phase, e);
        }
    }

    private void failed(String phase, Exception e) {
        progress.say(phase + " failed: " + e);
        e.printStackTrace(System.err);
        results.add(Figure.of(phase, "phase failures", 1, "", 0, Target.atMost(0))
                .withNote("failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    private ObjectNode runJson(Instant started, Instant finished) {
        ObjectNode run = new ObjectMapper().createObjectNode();
        run.put("startedAt", started.toString()).put("finishedAt", finished.toString())
                .put("seconds", Duration.between(started, finished).toSeconds())
                .put("commit", System.getProperty("bench.commit", "unknown"))
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("scale", options.scale());
        run.putArray("phases").addAll(options.phases().stream().sorted().map(Phase::label)
                .map(run::textNode).toList());
        Sizes s = options.sizes();
        run.putObject("sizes").put("smallHolding", s.smallHolding()).put("largeHolding", s.largeHolding())
                .put("burst", s.burst()).put("inbound", s.inbound()).put("fanOutUsers", s.fanOutUsers())
                .put("usersPerOrg", s.usersPerOrg()).put("readSamples", s.readSamples())
                .putArray("idleUsers").addAll(s.idleUsers().stream().map(run::numberNode).toList());
        return run;
    }
}
