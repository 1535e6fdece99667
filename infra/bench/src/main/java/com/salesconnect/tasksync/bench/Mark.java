package com.salesconnect.tasksync.bench;

import com.salesconnect.tasksync.bench.meter.MeterSnapshot;
import com.salesconnect.tasksync.emulator.outbound.DeliveryLogEntry;
import com.salesconnect.tasksync.local.lambda.LocalFunction;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the instruments showed at the start of a measurement. */
public record Mark(Bench bench, long nanos, MeterSnapshot dynamo, Map<String, Long> salesforceCalls,
                   Map<String, Long> apiUsage, Map<String, LocalFunction.Stats> functions, int outboundLogSize) {

    /** What happened since this mark, the work having ended at {@code endNanos} (System.nanoTime). */
    public Span end(long endNanos) throws IOException, InterruptedException {
        Map<String, Long> usage = new LinkedHashMap<>();
        for (Map.Entry<String, Long> org : apiUsage.entrySet()) {
            usage.put(org.getKey(), bench.admin().apiUsage(org.getKey()) - org.getValue());
        }
        Map<String, Long> calls = new TreeMap<>();
        bench.salesforceCalls().forEach((k, v) -> {
            long d = v - salesforceCalls.getOrDefault(k, 0L);
            if (d != 0) {
                calls.put(k, d);
            }
        });
        Map<String, LocalFunction.Stats> fns = new LinkedHashMap<>();
        bench.functionStats().forEach((name, s) -> {
            LocalFunction.Stats before = functions.get(name);
            LocalFunction.Stats d = before == null ? s : new LocalFunction.Stats(s.invocations() - before.invocations(),
                    s.errors() - before.errors(), s.timeouts() - before.timeouts(), s.running());
            if (d.invocations() != 0) {
                fns.put(name, d);
            }
        });
        Map<String, Integer> outbound = new TreeMap<>();
        List<DeliveryLogEntry> log = bench.outboundLog();
        for (DeliveryLogEntry e : log.subList(Math.min(outboundLogSize, log.size()), log.size())) {
            outbound.merge(e.outcome().name(), 1, Integer::sum);
        }
        return new Span((endNanos - nanos) / 1e9, bench.meter().snapshot().since(dynamo), calls, usage, fns,
                outbound);
    }
}
