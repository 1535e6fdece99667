package com.salesconnect.tasksync.bench.phase;

import com.salesconnect.tasksync.bench.Bench;
import com.salesconnect.tasksync.bench.Mark;
import com.salesconnect.tasksync.bench.Span;
import com.salesconnect.tasksync.bench.meter.Tally;
import com.salesconnect.tasksync.bench.report.Figure;
import com.salesconnect.tasksync.bench.report.Target;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.local.seed.DemoConnection;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.SyncSettings;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The phases run for each user under test (the one holding 100 tasks and the one holding 10,000): the first import,
 * a burst of Sales Connect creates, as many edits and deletions, and Salesforce-side creates arriving by outbound
 * messages. Each measures wall time, the org's Salesforce API usage, and the DynamoDB requests and capacity of
 * everything that ran meanwhile, until the system is quiet again.
 */
public final class UserPhases {

    static final Duration POLL = Duration.ofMillis(200);
    /** The template's sweep schedule, played by the benchmark while a first import runs. */
    static final Duration TICK_INTERVAL = Duration.ofMinutes(5);
    private static final String[] PRIORITIES = {"Normal", "High", "Low"};
    private static final String[] SUBTYPES = {"Task", "Call", "Email"};

    private final Bench bench;
    private final String runTag;

    public UserPhases(Bench bench, String runTag) {
        this.bench = bench;
        this.runTag = runTag;
    }

    /** What one phase measured for one user. */
    public record Run(HoldingUser user, String phase, int tasks, Span span, double untilDoneSeconds,
                      boolean done, String progress) {

        public double requestsPerTask() {
            return tasks == 0 ? Double.NaN : (double) span.system().requests() / tasks;
        }

        public double callsPerTask() {
            return tasks == 0 ? Double.NaN : (double) span.apiCalls() / tasks;
        }
    }

    // ---- first import ----

    /**
     * Seeds the user's Salesforce tasks (its import size changed within the last 24 hours, a tenth more changed 30
     * hours ago that the import leaves out), connects the user through the OAuth flow, points the org's outbound
     * messages at the webhook, then measures: enabling sync until its first sync reports DONE.
     */
    public Run firstImport(HoldingUser user) throws IOException, InterruptedException {
        int n = user.importSize();
        int old = n / 10;
        bench.progress().say("import: seeding " + n + " + " + old + " older Salesforce tasks for " + user.userId());
        bench.parallel(n + old, i -> () -> bench.admin().seedTask(user.orgId(), user.sfUsername(),
                importSeed(i, i >= n)));
        DemoConnection.Connected connected = bench.app().connect(user.userId(), user.sfUsername());
        bench.admin().setOutboundEndpoint(user.orgId(), connected.webhookUrl());
        bench.progress().say("import: " + user.userId() + " connected; enabling sync");

        Mark mark = bench.mark(List.of(user.orgId()));
        long start = System.nanoTime();
        bench.app().enable(user.userId());
        // A first sync that outlives its invocation resumes at the next tick: the schedule (off in the benchmark)
        // is played here, one tick every sweep interval, until the first sync is done.
        long deadline = start + bench.importLimit().toNanos();
        long nextTick = start + TICK_INTERVAL.toNanos();
        int ticks = 0;
        FirstSync state = FirstSync.NONE;
        while (System.nanoTime() < deadline) {
            state = bench.stores().settings().get(UserId.of(user.userId())).map(SyncSettings::firstSync)
                    .orElse(FirstSync.NONE);
            if (state.state() == FirstSyncState.DONE || state.state() == FirstSyncState.FAILED) {
                break;
            }
            if (System.nanoTime() >= nextTick) {
                bench.progress().say("import: " + user.userId() + ": " + state.state() + ", " + state.imported()
                        + " imported so far; a scheduled tick");
                bench.submit(() -> bench.app().sweep());
                ticks++;
                nextTick += TICK_INTERVAL.toNanos();
            }
            Thread.sleep(POLL.toMillis());
        }
        long doneAt = System.nanoTime();
        boolean done = state.state() == FirstSyncState.DONE;
        Optional<Long> quiet = bench.awaitQuiet(bench.waitLimit());
        Span span = mark.end(quiet.orElse(System.nanoTime()));
        user.holds(state.imported());
        String progress = "first sync " + state.state() + ", imported " + state.imported() + " of " + n
                + (ticks > 0 ? "; " + ticks + " scheduled ticks meanwhile" : "")
                + (quiet.isEmpty() ? "; still busy after the wait limit" : "");
        bench.progress().say("import: " + user.userId() + ": " + progress + " in "
                + seconds((doneAt - start) / 1e9) + " s");
        return new Run(user, "import", n, span, (doneAt - start) / 1e9, done, progress);
    }

    private Map<String, Object> importSeed(int i, boolean old) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Subject", "bench " + runTag + " import " + i);
        String changed = old ? "NOW-30h" : "NOW-" + (5 + (i * 7L) % (23 * 60)) + "m";
        f.put("CreatedDate", changed);
        f.put("LastModifiedDate", changed);
        f.put("SystemModstamp", changed);
        if (i % 10 != 0) {
            int days = i % 30 - 3;
            f.put("ActivityDate", days == 0 ? "TODAY" : days > 0 ? "TODAY+" + days : "TODAY" + days);
        }
        f.put("Priority", PRIORITIES[i % 3]);
        f.put("TaskSubtype", SUBTYPES[i % 3]);
        f.put("Status", i % 7 == 0 ? "Completed" : "Not Started");
        if (i % 4 == 0) {
            f.put("Description", "Seeded by the benchmark, task " + i);
        }
        return f;
    }

    // ---- Sales Connect creates, edits, deletions ----

    /** A burst of creates through the task API (8 at a time), until all of them are in Salesforce. */
    public Run creates(HoldingUser user, int count) throws IOException, InterruptedException {
        String prefix = "bench " + runTag + " " + user.userId() + " create ";
        LocalDate today = bench.today();
        Mark mark = bench.mark(List.of(user.orgId()));
        long start = System.nanoTime();
        List<String> ids = bench.parallel(count, i -> () -> {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("subject", prefix + i);
            task.put("dueDate", today.plusDays(i % 3).toString());
            task.put("priority", List.of("low", "normal", "high").get(i % 3));
            task.put("type", List.of("call", "email", "todo").get(i % 3));
            return bench.app().createTask(user.userId(), task);
        });
        bench.progress().say("creates: " + user.userId() + ": " + ids.size() + " POST /tasks answered after "
                + seconds((System.nanoTime() - start) / 1e9) + " s");
        user.created(prefix, ids);
        user.holds(user.holding() + count);
        return finish(user, "creates", count, mark, start,
                tasks -> tasks.stream().filter(t -> startsWith(t, prefix)).count() >= count,
                tasks -> tasks.stream().filter(t -> startsWith(t, prefix)).count() + " of " + count
                        + " in Salesforce");
    }

    /** Edits every task of the creates phase (subject and notes), until every edit shows in Salesforce. */
    public Run edits(HoldingUser user, int count) throws IOException, InterruptedException {
        List<String> ids = user.created().subList(0, Math.min(count, user.created().size()));
        String prefix = user.createPrefix();
        Mark mark = bench.mark(List.of(user.orgId()));
        long start = System.nanoTime();
        bench.parallel(ids.size(), i -> () -> {
            bench.app().patchTask(user.userId(), ids.get(i), Map.of("subject", prefix + i + " edited",
                    "notes", "Edited by the benchmark"));
            return null;
        });
        int n = ids.size();
        return finish(user, "edits", n, mark, start,
                tasks -> tasks.stream().filter(t -> startsWith(t, prefix) && subject(t).endsWith(" edited"))
                        .count() >= n,
                tasks -> tasks.stream().filter(t -> startsWith(t, prefix) && subject(t).endsWith(" edited"))
                        .count() + " of " + n + " edits in Salesforce");
    }

    /** Deletes every task of the creates phase, until none of them is left in Salesforce (recycle bin). */
    public Run deletes(HoldingUser user, int count) throws IOException, InterruptedException {
        List<String> ids = List.copyOf(user.created().subList(0, Math.min(count, user.created().size())));
        String prefix = user.createPrefix();
        Mark mark = bench.mark(List.of(user.orgId()));
        long start = System.nanoTime();
        bench.parallel(ids.size(), i -> () -> {
            bench.app().deleteTask(user.userId(), ids.get(i));
            return null;
        });
        user.holds(user.holding() - ids.size());
        int n = ids.size();
        return finish(user, "deletes", n, mark, start,
                tasks -> tasks.stream().noneMatch(t -> startsWith(t, prefix)),
                tasks -> (n - tasks.stream().filter(t -> startsWith(t, prefix)).count()) + " of " + n
                        + " deleted in Salesforce");
    }

    private Run finish(HoldingUser user, String phase, int n, Mark mark, long start,
                       Predicate<List<SObjectRecord>> done, Function<List<SObjectRecord>, String> state)
            throws IOException, InterruptedException {
        long deadline = start + bench.waitLimit().toNanos();
        boolean reached = false;
        List<SObjectRecord> tasks = List.of();
        while (System.nanoTime() < deadline) {
            tasks = bench.emulator().org(user.orgId()).tasks();
            if (done.test(tasks)) {
                reached = true;
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        long doneAt = System.nanoTime();
        String progress = state.apply(bench.emulator().org(user.orgId()).tasks());
        Optional<Long> quiet = bench.awaitQuiet(bench.waitLimit());
        Span span = mark.end(quiet.orElse(System.nanoTime()));
        bench.progress().say(phase + ": " + user.userId() + ": " + progress + " after "
                + seconds((doneAt - start) / 1e9) + " s; " + span.apiCalls() + " Salesforce calls, "
                + span.system().requests() + " DynamoDB requests");
        return new Run(user, phase, n, span, (doneAt - start) / 1e9, reached,
                progress + (quiet.isEmpty() ? "; still busy after the wait limit" : ""));
    }

    // ---- Salesforce-side creates ----

    /**
     * Creates tasks in Salesforce as the user would in its UI (each sends an outbound message to the webhook), until
     * every one is in Sales Connect (read from the tasks table by the benchmark's observer).
     */
    public Run inbound(HoldingUser user, int count) throws IOException, InterruptedException {
        String prefix = "bench " + runTag + " " + user.userId() + " inbound ";
        Mark mark = bench.mark(List.of(user.orgId()));
        long start = System.nanoTime();
        List<String> sfIds = bench.parallel(count, i -> () -> bench.admin().createTaskAs(user.orgId(),
                user.sfUsername(), Map.of("Subject", prefix + i, "ActivityDate", "TODAY+1")));
        Set<String> missing = new LinkedHashSet<>();
        sfIds.forEach(id -> missing.add(SalesforceIds.importedTaskId(id)));
        long deadline = start + bench.waitLimit().toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            missing.removeIf(taskId -> bench.stores().tasks().get(UserId.of(user.userId()), TaskId.of(taskId))
                    .filter(t -> !t.deleted()).isPresent());
            if (!missing.isEmpty()) {
                Thread.sleep(POLL.toMillis());
            }
        }
        long doneAt = System.nanoTime();
        user.holds(user.holding() + count - missing.size());
        String progress = (count - missing.size()) + " of " + count + " in Sales Connect";
        Optional<Long> quiet = bench.awaitQuiet(bench.waitLimit());
        Span span = mark.end(quiet.orElse(System.nanoTime()));
        bench.progress().say("inbound: " + user.userId() + ": " + progress + " after "
                + seconds((doneAt - start) / 1e9) + " s; " + span.apiCalls() + " Salesforce calls, "
                + span.system().requests() + " DynamoDB requests; deliveries " + span.outbound());
        return new Run(user, "inbound", count, span, (doneAt - start) / 1e9, missing.isEmpty(),
                progress + (quiet.isEmpty() ? "; still busy after the wait limit" : ""));
    }

    // ---- figures ----

    /** The cost rows of a run: DynamoDB requests and capacity units per task (information). */
    public static List<Figure> costFigures(Run run) {
        List<Figure> out = new ArrayList<>();
        Tally t = run.span().system();
        String label = run.user().label();
        out.add(Figure.info(run.phase(), label + ": DynamoDB requests per task", run.requestsPerTask(), "req/task", 2)
                .withNote(run.span().topDynamo(3)));
        double units = run.tasks() == 0 ? Double.NaN : (t.readUnits() + t.writeUnits()) / run.tasks();
        out.add(Figure.info(run.phase(), label + ": DynamoDB capacity units per task", units, "CU/task", 2)
                .withNote(String.format(Locale.ROOT, "read %.2f + write %.2f per task (estimated)",
                        t.readUnits() / Math.max(1, run.tasks()), t.writeUnits() / Math.max(1, run.tasks()))));
        return out;
    }

    /** The ratio row: DynamoDB requests per task for the large user over the small user's (target 1.5). */
    public static Figure ratio(String phase, Run small, Run large) {
        double ratio = large.requestsPerTask() / small.requestsPerTask();
        String name = "DynamoDB requests per task, " + large.user().label() + " / " + small.user().label();
        String note = String.format(Locale.ROOT, "%.2f vs %.2f req/task", large.requestsPerTask(),
                small.requestsPerTask());
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return Figure.notMeasured(phase, name, "", Target.atMost(1.5), "no requests counted: " + note);
        }
        return Figure.of(phase, name, ratio, "", 2, Target.atMost(1.5)).withNote(note);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }

    private static boolean startsWith(SObjectRecord task, String prefix) {
        return subject(task).startsWith(prefix);
    }

    private static String subject(SObjectRecord task) {
        String s = task.string("Subject");
        return s == null ? "" : s;
    }
}
