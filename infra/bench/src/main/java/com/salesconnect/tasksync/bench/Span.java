package com.salesconnect.tasksync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.bench.meter.MeterSnapshot;
import com.salesconnect.tasksync.bench.meter.Tally;
import com.salesconnect.tasksync.local.lambda.LocalFunction;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What happened between a {@link Mark} and the end of the work: wall time, DynamoDB requests (by caller and
 * operation) and capacity, Salesforce API usage per org and calls by kind, function invocations, and outbound
 * message deliveries by outcome.
 */
public record Span(double seconds, MeterSnapshot dynamo, Map<String, Long> salesforceCalls,
                   Map<String, Long> apiUsage, Map<String, LocalFunction.Stats> functions,
                   Map<String, Integer> outbound) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Salesforce API calls counted by the emulator over all the marked orgs. */
    public long apiCalls() {
        return apiUsage.values().stream().mapToLong(Long::longValue).sum();
    }

    /** DynamoDB requests of the system (the functions and the stand-in; not the benchmark's own reads). */
    public Tally system() {
        return dynamo.system();
    }

    public long timeouts() {
        return functions.values().stream().mapToLong(LocalFunction.Stats::timeouts).sum();
    }

    /**
     * e.g. "SweepFunction Query 61% (12 ms), SweepFunction GetItem 30% (3 ms)": where the DynamoDB requests went,
     * with the mean time one such call took.
     */
    public String topDynamo(int n) {
        long total = system().requests();
        if (total == 0) {
            return "no DynamoDB requests";
        }
        return dynamo.byCallerAndOperation().entrySet().stream().limit(n)
                .map(e -> String.format(Locale.ROOT, "%s %d%% (%.0f ms)", e.getKey(),
                        Math.round(100.0 * e.getValue().requests() / total), e.getValue().meanMillis()))
                .collect(Collectors.joining(", "));
    }

    /**
     * e.g. "composite/sobjects POST 5, query Task 2": the Salesforce calls by kind (OAuth calls left out). The kinds
     * come from the sync's client, which does not know the org, so they count every org's calls; when their total
     * is not what the marked orgs' counters say (another org's users still syncing, e.g. the CDC org's hourly safety
     * net during the idle ticks), the text says so rather than seem to contradict the figure.
     */
    public String topSalesforce(int n) {
        List<Map.Entry<String, Long>> api = salesforceCalls.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("oauth")).toList();
        long total = api.stream().mapToLong(Map.Entry::getValue).sum();
        String calls = api.stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        if (calls.isEmpty()) {
            return "no Salesforce calls";
        }
        return total == apiCalls() ? calls : String.format(Locale.ROOT,
                "every org's calls (%d; the measured org%s counted %d): %s", total, apiUsage.size() == 1 ? "" : "s",
                apiCalls(), calls);
    }

    public ObjectNode json() {
        ObjectNode o = JSON.createObjectNode();
        o.put("seconds", Math.round(seconds * 1000) / 1000.0);
        ObjectNode d = o.putObject("dynamodb");
        Tally t = system();
        d.put("requests", t.requests()).put("failures", t.failures()).put("readUnits", t.readUnits())
                .put("writeUnits", t.writeUnits());
        ObjectNode byCaller = d.putObject("byCaller");
        dynamo.byCaller().forEach((k, v) -> byCaller.put(k, v.requests()));
        ObjectNode byOp = d.putObject("byCallerAndOperation");
        dynamo.byCallerAndOperation().forEach((k, v) -> byOp.putObject(k).put("requests", v.requests())
                .put("failures", v.failures()).put("readUnits", v.readUnits()).put("writeUnits", v.writeUnits())
                .put("meanMillis", Math.round(v.meanMillis() * 10) / 10.0));
        ObjectNode sf = o.putObject("salesforce");
        sf.put("apiCalls", apiCalls());
        ObjectNode usage = sf.putObject("apiUsageByOrg");
        apiUsage.forEach(usage::put);
        ObjectNode calls = sf.putObject("callsByKind");
        salesforceCalls.forEach(calls::put);
        ObjectNode fns = o.putObject("functions");
        functions.forEach((name, s) -> fns.putObject(name).put("invocations", s.invocations())
                .put("errors", s.errors()).put("timeouts", s.timeouts()));
        ObjectNode out = o.putObject("outboundDeliveries");
        outbound.forEach(out::put);
        return o;
    }
}
