package com.salesconnect.tasksync.simulation;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's run of the simulation: 2,000 schedules of 200 steps on every core. Fails while the product has a
 * violation the simulator can find; the report names each one with its seed and shrunk trace. Schedules listed in
 * {@code known-violations.txt} (open product bugs, each with a known-violation regression trace) are left out. Its
 * time is printed, not asserted: a loaded machine must not fail the build (the timed command is
 * {@code infra/simulation/run}).
 */
class SimulationTest {

    static final int SCHEDULES = 2_000;
    static final int STEPS = 200;
    /** Relative to the module (Surefire's working directory). */
    static final String KNOWN_VIOLATIONS = "known-violations.txt";

    @Test
    void twoThousandSchedules_keepEveryInvariant() throws Exception {
        SplittableRandom base = new SplittableRandom(0x5EEDL);
        Set<Long> known = SimulationMain.readSeeds(KNOWN_VIOLATIONS);
        List<Long> seeds = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < SCHEDULES; i++) {
            long seed = base.nextLong();
            if (known.contains(seed)) {
                skipped.add(Long.toHexString(seed));
            } else {
                seeds.add(seed);
            }
        }
        long start = System.nanoTime();
        List<Simulation.Outcome> outcomes = SimulationMain.runAll(seeds, STEPS, false,
                Math.max(2, Runtime.getRuntime().availableProcessors()), EnumSet.noneOf(StepKind.class));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean failed = SimulationMain.report(new PrintStream(bytes, true, StandardCharsets.UTF_8), outcomes, false,
                false);
        String report = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.printf("simulation took %d s for %d schedules of %d steps (%d known violations left out: %s)%n",
                took.toSeconds(), seeds.size(), STEPS, skipped.size(), skipped);
        assertThat(failed).as(report).isFalse();
    }
}
