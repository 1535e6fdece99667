package com.salesconnect.tasksync.emulator.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Holds the faults tests asked for and hands each one out to as many matching calls as it was set for. */
public final class FaultInjector {

    private final List<FaultRule> rules = new ArrayList<>();

    public synchronized void add(FaultRule rule) {
        rules.add(rule);
    }

    public synchronized void clear() {
        rules.clear();
    }

    public synchronized List<FaultRule> pending() {
        return List.copyOf(rules);
    }

    /** Takes one use of the first rule of one of these kinds that matches the call. */
    public synchronized Optional<FaultRule> take(String method, String path, Set<FaultKind> kinds) {
        for (int i = 0; i < rules.size(); i++) {
            FaultRule rule = rules.get(i);
            if (kinds.contains(rule.kind()) && rule.matches(method, path)) {
                if (rule.count() == 1) {
                    rules.remove(i);
                } else {
                    rules.set(i, rule.used());
                }
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The faults a server answers before looking at the request: errors and refusals. */
    public static final Set<FaultKind> SERVER_FAULTS = Set.of(FaultKind.HTTP_500, FaultKind.HTTP_503,
            FaultKind.REQUEST_LIMIT_EXCEEDED);
}
