package com.salesconnect.tasksync.bench.phase;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.bench.Bench;
import com.salesconnect.tasksync.bench.Mark;
import com.salesconnect.tasksync.bench.Span;
import com.salesconnect.tasksync.bench.drive.Http;
import com.salesconnect.tasksync.bench.report.Figure;
import com.salesconnect.tasksync.bench.report.Percentiles;
import com.salesconnect.tasksync.bench.report.Target;
import com.salesconnect.tasksync.id.UserId;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /command-center} and {@code GET /tasks} for the large user, one request at a time, as the pages send
 * them: the p95 of the response times (target 1 s). A request is given 60 s; sampling stops at the first that
 * takes longer, or once an endpoint has had three minutes.
 */
public final class ReadPhase {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    static final Duration BUDGET = Duration.ofMinutes(3);
    /** The local app's page of {@code GET /tasks} without {@code ?limit}. */
    static final int APP_PAGE = 200;
    static final int STORE_SAMPLES = 5;

    private final Bench bench;

    public ReadPhase(Bench bench) {
        this.bench = bench;
    }

    public List<Figure> run(HoldingUser user, ObjectNode details)
            throws IOException, InterruptedException {
        List<Figure> out = new ArrayList<>();
        for (String path : List.of("/command-center", "/tasks")) {
            out.add(endpoint(user, path, details));
        }
        out.add(storePageAlone(user, details));
        return out;
    }

    /**
     * The engine's share of a {@code GET /tasks}: the task store's Query of the same first page (the LiveTasks index,
     * as the stand-in reads it), sent from here (no HTTP, no links read), median of {@value #STORE_SAMPLES}. On
     * moto_server every Query walks the whole table (moto 5.2's {@code Table.all_items}) and copies and serialises
     * each item it returns, so this is the floor of the GET's time there; DynamoDB reads only the page.
     */
    private Figure storePageAlone(HoldingUser user, ObjectNode details) {
        List<Long> millis = new ArrayList<>();
        int items = 0;
        for (int i = 0; i < STORE_SAMPLES; i++) {
            long start = System.nanoTime();
            items = bench.stores().tasks().browse(UserId.of(user.userId()), null, APP_PAGE).items().size();
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        long median = Percentiles.nearestRank(millis, 0.5);
        ((ObjectNode) details.get("/tasks")).put("storePageMedianMillis", median);
        String name = "GET /tasks, " + user.label() + ": the store's page alone (moto's Query)";
        bench.progress().say("reads: " + name + " " + median / 1000.0 + " s (" + items + " items)");
        return Figure.info("reads", name, median / 1000.0, "s", 2)
                .withNote("median of " + STORE_SAMPLES + ", " + items + " items: the floor of the GET on moto");
    }

    private Figure endpoint(HoldingUser user, String path, ObjectNode details)
            throws IOException, InterruptedException {
        String name = "GET " + path + ", " + user.label() + ": p95";
        Mark mark = bench.mark(List.of());
        long start = System.nanoTime();
        List<Long> millis = new ArrayList<>();
        boolean timedOut = false;
        int items = -1;
        int failures = 0;
        while (millis.size() < bench.sizes().readSamples()
                && System.nanoTime() - start < BUDGET.toNanos()) {
            try {
                Http.Answer answer = bench.app().get(user.userId(), path, REQUEST_TIMEOUT);
                millis.add(answer.millis());
                if (answer.ok() && answer.body() != null && answer.body().isArray()) {
                    items = answer.body().size();
                } else if (!answer.ok()) {
                    failures++;
                }
            } catch (HttpTimeoutException e) {
                millis.add(REQUEST_TIMEOUT.toMillis());
                timedOut = true;
                break;
            }
        }
        Span span = mark.end(System.nanoTime());
        int n = millis.size();
        long p95 = Percentiles.nearestRank(millis, 0.95);
        long median = Percentiles.nearestRank(millis, 0.5);
        String note = String.format(Locale.ROOT, "%d requests, median %.2f s, %s items, %.0f DynamoDB requests per GET"
                        + "%s%s", n, median / 1000.0, items < 0 ? "?" : Integer.toString(items),
                (double) span.system().requests() / n, failures > 0 ? ", " + failures + " not 2xx" : "",
                timedOut ? ", a request took over " + REQUEST_TIMEOUT.toSeconds() + " s" : "");
        details.set(path, span.json().put("samples", n).put("p95Millis", p95).put("medianMillis", median)
                .put("items", items).put("timedOut", timedOut));
        millis.forEach(((ObjectNode) details.get(path)).putArray("millis")::add);
        bench.progress().say("reads: " + name + " " + p95 / 1000.0 + " s (" + note + ")");
        if (failures > 0) {
            return Figure.notMeasured("reads", name, "s", Target.atMost(1), note);
        }
        Figure f = Figure.of("reads", name, p95 / 1000.0, "s", 2, Target.atMost(1)).withNote(note);
        return timedOut ? f.atLeast() : f;
    }
}
