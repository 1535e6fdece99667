package com.salesconnect.tasksync.bench;

import com.salesconnect.tasksync.bench.drive.App;
import com.salesconnect.tasksync.bench.drive.Emulator;
import com.salesconnect.tasksync.bench.drive.Http;
import com.salesconnect.tasksync.bench.meter.DynamoDbMeter;
import com.salesconnect.tasksync.bench.meter.MeteringInterceptor;
import com.salesconnect.tasksync.bench.meter.SalesforceCalls;
import com.salesconnect.tasksync.emulator.OrgAdmin;
import com.salesconnect.tasksync.emulator.SalesforceEmulator;
import com.salesconnect.tasksync.emulator.outbound.DeliveryLogEntry;
import com.salesconnect.tasksync.local.LocalOptions;
import com.salesconnect.tasksync.local.LocalRuntime;
import com.salesconnect.tasksync.local.lambda.LocalFunction;
import com.salesconnect.tasksync.store.dynamodb.DynamoDbStores;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;


import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * One benchmark run's system and instruments: the local runtime (moto_server, the Salesforce emulator, the four
 * functions, the Sales Connect stand-in) on free ports, the HTTP clients that drive it, the DynamoDB meter, the
 * Salesforce call counter and the memory sampler. {@link #mark} and {@link Mark#end} measure what happens between
 * two moments.
 */
public final class Bench implements AutoCloseable {

    /** How long nothing may run before the system counts as quiet. */
    static final Duration CALM = Duration.ofSeconds(3);
    public static final int CLIENT_THREADS = 8;

    private final BenchOptions options;
    private final Sizes sizes;
    private final Progress progress;
    private final DynamoDbMeter meter;
    private final SalesforceCalls salesforceCalls;
    private final LocalRuntime runtime;
    private final SalesforceEmulator emulator;
    private final Http http = new Http();
    private final App app;
    private final Emulator admin;
    private final ProcessMemory memory;
    private final Map<String, String> orgIds = new LinkedHashMap<>();
    private final ExecutorService clients;
    private Duration clockOffset = Duration.ZERO;

    private Bench(BenchOptions options, Progress progress, DynamoDbMeter meter, SalesforceCalls salesforceCalls,
                  LocalRuntime runtime) {
        this.options = options;
        this.sizes = options.sizes();
        this.progress = progress;
        this.meter = meter;
        this.salesforceCalls = salesforceCalls;
        this.runtime = runtime;
        this.emulator = runtime.emulator().orElseThrow(() -> new IllegalStateException(
                "the benchmark needs the embedded Salesforce emulator (unset SALESFORCE_LOGIN_URL)"));
        this.app = new App(http, runtime.appUrl());
        this.admin = new Emulator(http, URI.create(emulator.baseUrl()));
        this.memory = new ProcessMemory(runtime.motoPid().orElse(-1L));
        for (OrgAdmin org : emulator.orgs()) {
            orgIds.put(org.name(), org.id());
            emulator.changeEvents().capture(org.id(), org.name().equals(World.CDC_ORG));
        }
        AtomicInteger n = new AtomicInteger();
        this.clients = Executors.newFixedThreadPool(CLIENT_THREADS, r -> {
            Thread t = new Thread(r, "bench-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the local runtime on free ports without its demo data, with the benchmark's orgs and users in the
     * emulator, its daily API limit out of the way, and the schedule out of the way (the benchmark fires each
     * sweep tick itself, five minutes of shared clock apart).
     */
    public static Bench start(BenchOptions options, Progress progress) {
        DynamoDbMeter meter = new DynamoDbMeter();
        MeteringInterceptor.install(meter);
        SalesforceCalls calls = SalesforceCalls.enabled() ? SalesforceCalls.install() : null;
        World world = World.of(options.sizes());
        // Event Relay on, as the local runtime has it, but only the Bench CDC org captures Task changes (see the
        // constructor): the other phases' targets are those of outbound messages and the sweep, and with change
        // events every Salesforce change, the sync's own included, is one more salesforce-inbound invocation on
        // these 2 cores.
        LocalOptions local = LocalOptions.parse(new String[]{"--port", "0", "--salesforce-port", "0", "--no-seed",
                "--param", "SweepSchedule=rate(1 day)"}, System::getenv);
        LocalRuntime runtime = LocalRuntime.start(local, name -> name.startsWith("SALESFORCE_") ? null
                        : System.getenv(name),
                config -> config.withSeed(world.seed()).withDailyApiLimit(World.DAILY_API_LIMIT));
        try {
            return new Bench(options, progress, meter, calls, runtime);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    public BenchOptions options() {
        return options;
    }

    public Sizes sizes() {
        return sizes;
    }

    public Progress progress() {
        return progress;
    }

    public App app() {
        return app;
    }

    public Emulator admin() {
        return admin;
    }

    /** The emulator in this JVM, for looking without counting (its own Java API, no REST call). */
    public SalesforceEmulator emulator() {
        return emulator;
    }

    /** The stand-in's stores, for the benchmark's own reads (counted apart, as the observer's). */
    public DynamoDbStores stores() {
        return runtime.stores();
    }

    /** The run's DynamoDB client, for reading and writing items as stored (the fan-out's copied users). */
    public DynamoDbClient dynamoDb() {
        return runtime.dynamoDb();
    }

    public String syncTable() {
        return runtime.syncTable();
    }

    public ProcessMemory memory() {
        return memory;
    }

    public Map<String, LocalFunction> functions() {
        return runtime.functions();
    }

    public String orgId(String orgName) {
        String id = orgIds.get(orgName);
        if (id == null) {
            throw new IllegalArgumentException("no org " + orgName);
        }
        return id;
    }

    public Duration waitLimit() {
        return options.waitLimit();
    }

    public Duration importLimit() {
        return options.importLimit();
    }

    /** Now on the shared clock. */
    public Instant now() {
        return Instant.now().plus(clockOffset);
    }

    /** Today (UTC) on the shared clock. */
    public LocalDate today() {
        return LocalDate.ofInstant(now(), ZoneOffset.UTC);
    }

    /** Moves the shared clock (app, functions, emulator) forward, e.g. one sweep interval. */
    public void advanceClock(Duration by) throws IOException, InterruptedException {
        clockOffset = clockOffset.plus(by);
        app.clockOffset(clockOffset);
    }

    /** Runs {@code count} tasks on the client threads and returns their results in order; the first failure fails. */
    public <T> List<T> parallel(int count, IntFunction<Callable<T>> task) throws IOException, InterruptedException {
        List<Future<T>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            futures.add(clients.submit(task.apply(i)));
        }
        List<T> results = new ArrayList<>(count);
        for (Future<T> f : futures) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                futures.forEach(x -> x.cancel(true));
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("a client request failed: " + e.getCause(), e.getCause());
            }
        }
        return results;
    }

    /** Runs a request on a client thread without waiting for it (a failure is reported on stderr). */
    public void submit(Callable<?> request) {
        clients.submit(() -> {
            try {
                request.call();
            } catch (Exception e) {
                progress.say("a background request failed: " + e);
            }
            return null;
        });
    }

    /** What every instrument shows now, and the API usage of {@code orgs} (by id). */
    public Mark mark(Collection<String> orgs) throws IOException, InterruptedException {
        Map<String, Long> usage = new LinkedHashMap<>();
        for (String org : orgs) {
            usage.put(org, admin.apiUsage(org));
        }
        return new Mark(this, System.nanoTime(), meter.snapshot(), salesforceCalls(), usage, functionStats(),
                emulator.outboundLog().size());
    }

    Map<String, Long> salesforceCalls() {
        return salesforceCalls == null ? Map.of() : salesforceCalls.snapshot();
    }

    DynamoDbMeter meter() {
        return meter;
    }

    Map<String, LocalFunction.Stats> functionStats() {
        Map<String, LocalFunction.Stats> stats = new LinkedHashMap<>();
        runtime.functions().forEach((name, fn) -> stats.put(name, fn.stats()));
        return stats;
    }

    List<DeliveryLogEntry> outboundLog() {
        return emulator.outboundLog();
    }

    /**
     * Waits until no function runs, none was invoked, and no outbound message is queued or in flight, for
     * {@link #CALM}; returns the moment the last activity was seen (the work's end), or empty after {@code limit}.
     */
    public Optional<Long> awaitQuiet(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long lastBusy = System.nanoTime();
        long lastCount = -1;
        while (System.nanoTime() < deadline) {
            long count = 0;
            int running = 0;
            for (LocalFunction fn : runtime.functions().values()) {
                LocalFunction.Stats s = fn.stats();
                count += s.invocations();
                running += s.running();
            }
            boolean outboundIdle = emulator.awaitOutboundIdle(Duration.ZERO);
            long now = System.nanoTime();
            if (running > 0 || count != lastCount || !outboundIdle) {
                lastBusy = now;
                lastCount = count;
            } else if (now - lastBusy >= CALM.toNanos()) {
                return Optional.of(lastBusy);
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        clients.shutdownNow();
        memory.close();
        runtime.close();
        MeteringInterceptor.install(null);
    }
}
