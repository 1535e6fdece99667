package com.salesconnect.tasksync.simulation;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code run [--schedules N] [--steps M] [--seed S] [--trace] [--threads T] [--no-shrink] [--until-violation]}: runs
 * N schedules of M steps (schedule seeds drawn from S), or with {@code --seed S} alone replays the one schedule of
 * seed S. Prints a progress bar on stderr, one summary line and a table of faults by kind, then each distinct
 * violation with its seed and shrunk trace. Exit status 1 when a violation was found. With
 * {@code --until-violation} the schedules run in seed order and stop at the first that fails (the mutation check):
 * a line {@code first violation: schedule K of N (invariant, seed S)} (or {@code first violation: none in N
 * schedules}) comes before the summary, which then covers schedules 1 to K.
 */
public final class SimulationMain {

    private SimulationMain() {
    }

    public static void main(String[] args) throws Exception {
        int schedules = 1_000;
        int steps = 200;
        Long seed = null;
        boolean schedulesGiven = false;
        boolean trace = false;
        boolean shrink = true;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        String replay = null;
        boolean untilViolation = false;
        String skipSeeds = null;
        String failedSeeds = null;
        java.util.Set<StepKind> without = java.util.EnumSet.noneOf(StepKind.class);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--schedules" -> {
                    schedules = Integer.parseInt(args[++i]);
                    schedulesGiven = true;
                }
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseUnsignedLong(strip(args[++i]), 16);
                case "--trace" -> trace = true;
                case "--no-shrink" -> shrink = false;
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--replay" -> replay = args[++i];
                case "--until-violation" -> untilViolation = true;
                case "--skip-seeds" -> skipSeeds = args[++i];
                case "--failed-seeds" -> failedSeeds = args[++i];
                case "--without" -> {
                    for (String k : args[++i].split(",")) {
                        without.add(StepKind.valueOf(k.trim()));
                    }
                }
                case "-h", "--help" -> {
                    System.out.println("usage: run [--schedules N] [--steps M] [--seed S] [--trace] [--threads T]"
                            + " [--no-shrink] [--until-violation] [--skip-seeds FILE] [--failed-seeds FILE]"
                            + " [--replay trace-file] [--without KIND,...]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PrintStream out = System.out;
        if (replay != null) {
            Schedule s = Schedule.parse(java.nio.file.Files.readString(java.nio.file.Path.of(replay)));
            System.exit(report(out, List.of(Simulation.run(s, trace)), trace, false) ? 1 : 0);
            return;
        }
        List<Long> seeds = new ArrayList<>();
        if (seed != null && !schedulesGiven) {
            seeds.add(seed);
        } else {
            SplittableRandom base = new SplittableRandom(seed != null ? seed : 0x5EEDL);
            for (int i = 0; i < schedules; i++) {
                seeds.add(base.nextLong());
            }
        }
        java.util.Set<Long> skipped = skipSeeds == null ? java.util.Set.of() : readSeeds(skipSeeds);
        if (untilViolation) {
            List<Simulation.Outcome> upTo = runUntilViolation(seeds, steps, threads, without, skipped);
            writeFailedSeeds(failedSeeds, upTo);
            Simulation.Outcome last = upTo.isEmpty() ? null : upTo.get(upTo.size() - 1);
            if (last != null && last.failed()) {
                out.printf("first violation: schedule %d of %d (%s, seed %s)%n", upTo.size(), seeds.size(),
                        last.violation().get().invariant(), Long.toHexString(last.schedule().seed()));
            } else {
                out.printf("first violation: none in %d schedules%n", seeds.size());
            }
            System.exit(report(out, upTo.stream().filter(java.util.Objects::nonNull).toList(),
                    trace && seeds.size() == 1, shrink) ? 1 : 0);
            return;
        }
        List<Long> toRun = seeds.stream().filter(x -> !skipped.contains(x)).toList();
        List<Simulation.Outcome> outcomes = runAll(toRun, steps, trace && toRun.size() == 1, threads,
                without);
        writeFailedSeeds(failedSeeds, outcomes);
        System.exit(report(out, outcomes, trace, shrink) ? 1 : 0);
    }

    /** Schedule seeds (hex), one a line; a leading "seed " and anything from a '#' on are ignored. */
    static java.util.Set<Long> readSeeds(String file) throws java.io.IOException {
        java.util.Set<Long> out = new java.util.HashSet<>();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(file))) {
            String l = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            l = l.trim();
            if (l.startsWith("seed ")) {
                l = l.substring(5).trim();
            }
            if (!l.isEmpty()) {
                out.add(Long.parseUnsignedLong(strip(l.split("\\s+")[0]), 16));
            }
        }
        return out;
    }

    /** Writes the seeds of the failed schedules, in the order they ran, one a line (no file: nothing). */
    private static void writeFailedSeeds(String file, List<Simulation.Outcome> outcomes) throws java.io.IOException {
        if (file == null) {
            return;
        }
        StringBuilder b = new StringBuilder();
        for (Simulation.Outcome o : outcomes) {
            if (o != null && o.failed()) {
                b.append(Long.toHexString(o.schedule().seed())).append('\n');
            }
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of(file), b.toString());
    }

    /**
     * Runs the schedules in seed order on {@code threads} threads, launching none after one failed, and returns the
     * outcomes of schedules 1 to K, K the first (lowest index) that failed, or all of them. Each worker takes the
     * next index in order, so every schedule before the lowest failing one has run when the workers stop: the
     * result does not depend on the number of threads.
     */
    static List<Simulation.Outcome> runUntilViolation(List<Long> seeds, int steps, int threads,
                                                      java.util.Set<StepKind> without,
                                                      java.util.Set<Long> skipped) throws Exception {
        Simulation.Outcome[] outcomes = new Simulation.Outcome[seeds.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
        AtomicInteger done = new AtomicInteger();
        Progress progress = new Progress(seeds.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (true) {
                        int i = next.getAndIncrement();
                        if (i >= seeds.size() || i > firstFailed.get()) {
                            return null;
                        }
                        if (skipped.contains(seeds.get(i))) {
                            progress.show(done.incrementAndGet());
                            continue;
                        }
                        Simulation.Outcome o = Simulation.run(Schedule.generate(seeds.get(i), steps, without), false);
                        outcomes[i] = o;
                        if (o.failed()) {
                            firstFailed.accumulateAndGet(i, Math::min);
                        }
                        progress.show(done.incrementAndGet());
                    }
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            progress.finish();
        } finally {
            pool.shutdownNow();
        }
        int end = firstFailed.get() == Integer.MAX_VALUE ? seeds.size() : firstFailed.get() + 1;
        return java.util.Arrays.asList(outcomes).subList(0, end);
    }

    private static String strip(String hex) {
        return hex.startsWith("0x") ? hex.substring(2) : hex;
    }

    static List<Simulation.Outcome> runAll(List<Long> seeds, int steps, boolean trace, int threads,
                                           java.util.Set<StepKind> without) throws Exception {
        AtomicInteger done = new AtomicInteger();
        Progress progress = new Progress(seeds.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Simulation.Outcome>> futures = new ArrayList<>();
            for (long s : seeds) {
                futures.add(pool.submit(() -> {
                    Simulation.Outcome o = Simulation.run(Schedule.generate(s, steps, without), trace);
                    progress.show(done.incrementAndGet());
                    return o;
                }));
            }
            List<Simulation.Outcome> out = new ArrayList<>();
            for (Future<Simulation.Outcome> f : futures) {
                out.add(f.get());
            }
            progress.finish();
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Prints the summary; true when something failed. */
    static boolean report(PrintStream out, List<Simulation.Outcome> outcomes, boolean trace, boolean shrink) {
        long steps = 0;
        Map<FaultKind, Long> faults = new EnumMap<>(FaultKind.class);
        List<Simulation.Outcome> failed = new ArrayList<>();
        for (Simulation.Outcome o : outcomes) {
            steps += o.stepsRun();
            o.faults().forEach((k, v) -> faults.merge(k, v, Long::sum));
            if (o.failed()) {
                failed.add(o);
            }
        }
        if (trace && outcomes.size() == 1) {
            out.print(outcomes.get(0).log());
        }
        long total = faults.values().stream().mapToLong(Long::longValue).sum();
        out.printf("simulation: %d schedules, %d steps, %d faults injected, %d violations%n", outcomes.size(), steps,
                total, failed.size());
        for (FaultKind k : FaultKind.values()) {
            out.printf("  %-26s %8d%n", k, faults.getOrDefault(k, 0L));
        }
        Map<String, List<Simulation.Outcome>> byInvariant = new TreeMap<>();
        for (Simulation.Outcome o : failed) {
            byInvariant.computeIfAbsent(o.violation().get().signature(), k -> new ArrayList<>()).add(o);
        }
        byInvariant.forEach((invariant, list) -> {
            out.printf("%nviolated: %s in %d schedule(s); seeds %s%n", invariant, list.size(),
                    list.stream().limit(10).map(o -> Long.toHexString(o.schedule().seed())).toList());
            Simulation.Outcome first = list.get(0);
            out.println("  first: " + first.violation().get());
            if (shrink) {
                Simulation.Outcome small = Shrinker.shrink(first, 400);
                out.println("  shrunk to " + small.schedule().steps().size() + " steps: " + small.violation().get());
                out.println("  replay: infra/simulation/run --replay <file with these lines> --trace");
                for (String line : small.schedule().text().split("\n")) {
                    out.println("    " + line);
                }
            } else {
                out.println("  replay: infra/simulation/run --seed " + Long.toHexString(first.schedule().seed())
                        + " --trace");
            }
        });
        return !failed.isEmpty();
    }

    /** A progress bar on stderr, redrawn at most once a percent. */
    private static final class Progress {
        private final int total;
        private int shown = -1;

        Progress(int total) {
            this.total = total;
        }

        synchronized void show(int done) {
            int percent = (int) (100L * done / Math.max(1, total));
            if (percent == shown) {
                return;
            }
            shown = percent;
            int width = 40;
            int filled = width * percent / 100;
            System.err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
        }

        synchronized void finish() {
            System.err.println();
        }
    }
}
