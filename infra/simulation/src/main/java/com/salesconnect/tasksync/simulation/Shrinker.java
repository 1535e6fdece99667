package com.salesconnect.tasksync.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes a failing schedule small: cut after the failing step, then remove chunks of steps (halves, quarters, ...
 * single steps) and then faults, keeping every removal after which the same invariant still fails.
 */
final class Shrinker {

    private Shrinker() {
    }

    static Simulation.Outcome shrink(Simulation.Outcome failing, int budget) {
        String invariant = failing.violation().orElseThrow().signature();
        Simulation.Outcome best = failing;
        List<Step> steps = new ArrayList<>(failing.schedule().steps().subList(0, failing.stepsRun()));
        Simulation.Outcome cut = Simulation.run(new Schedule(failing.schedule().seed(), steps), false);
        int runs = 1;
        if (sameFailure(cut, invariant)) {
            best = cut;
        } else {
            steps = new ArrayList<>(failing.schedule().steps());
        }
        for (int chunk = Math.max(1, steps.size() / 2); chunk >= 1; chunk /= 2) {
            for (int i = 0; i < steps.size() && runs < budget; ) {
                List<Step> candidate = new ArrayList<>(steps.subList(0, i));
                candidate.addAll(steps.subList(Math.min(steps.size(), i + chunk), steps.size()));
                Simulation.Outcome o = Simulation.run(new Schedule(failing.schedule().seed(), candidate), false);
                runs++;
                if (sameFailure(o, invariant)) {
                    steps = new ArrayList<>(candidate.subList(0, Math.min(candidate.size(), o.stepsRun())));
                    best = o;
                } else {
                    i += chunk;
                }
            }
            if (chunk == 1) {
                break;
            }
        }
        for (int i = 0; i < steps.size() && runs < budget; i++) {
            Step s = steps.get(i);
            if (s.fault() == null) {
                continue;
            }
            List<Step> candidate = new ArrayList<>(steps);
            candidate.set(i, new Step(s.kind(), s.seed(), null));
            Simulation.Outcome o = Simulation.run(new Schedule(failing.schedule().seed(), candidate), false);
            runs++;
            if (sameFailure(o, invariant)) {
                steps = candidate;
                best = o;
            }
        }
        return best;
    }

    private static boolean sameFailure(Simulation.Outcome o, String invariant) {
        return o.violation().map(v -> v.signature().equals(invariant)).orElse(false);
    }
}
