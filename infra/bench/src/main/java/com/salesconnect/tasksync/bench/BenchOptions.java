package com.salesconnect.tasksync.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of {@code infra/bench/run}.
 *
 * @param phases      the phases to run (all by default)
 * @param scale       factor on every size (1 = issue 12's sizes; {@code --quick} is 0.1)
 * @param fanOutUsers {@code --fanout-users}: the fan-out's user count instead of the scaled one; 0 for that
 * @param json        where the figures go as JSON
 * @param coldStart   the cold-start script's JSON, whose rows join the table
 * @param waitLimit   the longest one wait lasts (all creates in Salesforce, the system quiet again, a tick)
 * @param importLimit the longest a first import is waited for: the later phases need its tasks
 * @param list        print the phases and sizes and stop
 */
public record BenchOptions(Set<Phase> phases, double scale, int fanOutUsers, Path json, Path coldStart,
                           Duration waitLimit, Duration importLimit, boolean list) {

    public static final String USAGE = """
            usage: infra/bench/run [options]
              --quick              10x smaller sizes (a smoke run of a few minutes)
              --scale F            every size times F (1 = issue 12's sizes; --quick = 0.1)
              --phases a,b,...     run only these phases (default all): %s
              --fanout-users N     the fan-out's enabled users (default 10,000 times the scale)
              --wait-limit SEC     the longest one wait lasts, e.g. until all creates are in Salesforce (default 900)
              --import-limit SEC   the longest a first import is waited for (default 10800)
              --json FILE          where the figures go (default infra/bench/target/bench.json)
              --cold-start FILE    the cold-start script's JSON (default infra/bench/target/cold-start.json)
              --list               print the phases and sizes, run nothing
            """.formatted(Phase.names());

    public static BenchOptions parse(String[] args) {
        Set<Phase> phases = EnumSet.allOf(Phase.class);
        double scale = 1;
        int fanOutUsers = 0;
        Path json = Path.of("infra/bench/target/bench.json");
        Path coldStart = Path.of("infra/bench/target/cold-start.json");
        Duration waitLimit = Duration.ofSeconds(900);
        Duration importLimit = Duration.ofHours(3);
        boolean list = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> scale = 0.1;
                case "--scale" -> scale = positive(value(args, ++i, arg), arg);
                case "--phases" -> phases = phases(value(args, ++i, arg));
                case "--fanout-users" -> fanOutUsers = (int) positive(value(args, ++i, arg), arg);
                case "--wait-limit" -> waitLimit = Duration.ofSeconds((long) positive(value(args, ++i, arg), arg));
                case "--import-limit" -> importLimit = Duration.ofSeconds((long) positive(value(args, ++i, arg), arg));
                case "--json" -> json = Path.of(value(args, ++i, arg));
                case "--cold-start" -> coldStart = Path.of(value(args, ++i, arg));
                case "--list" -> list = true;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new BenchOptions(Set.copyOf(phases), scale, fanOutUsers, json, coldStart, waitLimit, importLimit,
                list);
    }

    public Sizes sizes() {
        Sizes sizes = scale == 1 ? Sizes.FULL : Sizes.FULL.scaled(scale);
        return fanOutUsers > 0 ? sizes.withFanOutUsers(fanOutUsers) : sizes;
    }

    public boolean runs(Phase phase) {
        return phases.contains(phase);
    }

    private static Set<Phase> phases(String list) {
        List<Phase> out = new ArrayList<>();
        for (String name : list.split(",")) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (!n.isEmpty()) {
                out.add(Phase.byName(n).orElseThrow(() -> new IllegalArgumentException(
                        "unknown phase " + n + "; phases: " + Phase.names())));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--phases needs at least one phase: " + Phase.names());
        }
        return EnumSet.copyOf(out);
    }

    private static double positive(String value, String option) {
        try {
            double d = Double.parseDouble(value);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a positive number, not " + value);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
