package com.salesconnect.tasksync.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A world seed and the steps to run in it; generated from one seed, or written down (a shrunk trace). */
record Schedule(long seed, List<Step> steps) {

    static final double FAULT_RATE = 0.3;

    Schedule {
        steps = List.copyOf(steps);
    }

    /** The steps one seed stands for: users turn sync on early, then everything happens at random. */
    static Schedule generate(long seed, int length) {
        return generate(seed, length, java.util.Set.of());
    }

    /** As {@link #generate(long, int)}, with {@code without} never chosen (to look past a known failure). */
    static Schedule generate(long seed, int length, java.util.Set<StepKind> without) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<Step> steps = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            StepKind kind = i < 3 && rng.nextInt(5) != 0 ? StepKind.ENABLE : StepKind.pick(rng);
            while (without.contains(kind)) {
                kind = StepKind.pick(rng);
            }
            steps.add(new Step(kind, rng.nextLong(), fault(kind, rng)));
        }
        return new Schedule(seed, steps);
    }

    private static Fault fault(StepKind kind, SplittableRandom rng) {
        if (!kind.faultable() || rng.nextDouble() >= FAULT_RATE) {
            return null;
        }
        List<FaultKind> kinds = new ArrayList<>();
        for (FaultKind k : FaultKind.values()) {
            boolean storeOnly = k.target() == FaultKind.Target.STORE_WRITE || k.target() == FaultKind.Target.STORE_CALL
                    || k.target() == FaultKind.Target.ANY_CALL;
            if (k.armable() && (!kind.userAction() || storeOnly)) {
                kinds.add(k);
            }
        }
        FaultKind k = kinds.get(rng.nextInt(kinds.size()));
        return new Fault(k, 1 + rng.nextInt(k.target() == FaultKind.Target.ANY_CALL ? 8 : 4));
    }

    /** The schedule as text: the seed on the first line, one step a line. */
    String text() {
        StringBuilder b = new StringBuilder("seed ").append(Long.toHexString(seed)).append('\n');
        steps.forEach(s -> b.append(s).append('\n'));
        return b.toString();
    }

    static Schedule parse(String text) {
        long seed = 0;
        List<Step> steps = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("seed ")) {
                seed = Long.parseUnsignedLong(l.substring(5).trim(), 16);
            } else {
                steps.add(Step.parse(l));
            }
        }
        return new Schedule(seed, steps);
    }
}
