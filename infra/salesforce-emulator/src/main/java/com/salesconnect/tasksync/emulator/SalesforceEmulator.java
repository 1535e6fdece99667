package com.salesconnect.tasksync.emulator;

import com.salesconnect.tasksync.emulator.admin.AdminHttp;
import com.salesconnect.tasksync.emulator.fault.FaultInjector;
import com.salesconnect.tasksync.emulator.ids.IdGenerator;
import com.salesconnect.tasksync.emulator.oauth.OAuthHttp;
import com.salesconnect.tasksync.emulator.oauth.OAuthServer;
import com.salesconnect.tasksync.emulator.org.ConnectedApp;
import com.salesconnect.tasksync.emulator.org.Org;
import com.salesconnect.tasksync.emulator.org.OrgDirectory;
import com.salesconnect.tasksync.emulator.org.OrgSeed;
import com.salesconnect.tasksync.emulator.org.TaskSeed;
import com.salesconnect.tasksync.emulator.org.User;
import com.salesconnect.tasksync.emulator.cdc.ChangeEventRelay;
import com.salesconnect.tasksync.emulator.outbound.DeliveryLogEntry;
import com.salesconnect.tasksync.emulator.outbound.OutboundDispatcher;
import com.salesconnect.tasksync.emulator.rest.RestApi;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.emulator.sobject.WriteOrigin;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server that behaves like a Salesforce org, for tests and local runs: OAuth, the REST API the sync
 * uses, outbound messages, and an admin API ({@code /_emulator/...} and the methods here) to act as a person in
 * the Salesforce UI, move the clock and inject faults.
 *
 * <pre>{@code try (SalesforceEmulator sf = SalesforceEmulator.start(EmulatorConfig.forTests(clock))) {
 *     sf.org().createTask("demo@example.com", Map.of("Subject", "Call Ada"));
 * }}</pre>
 */
public final class SalesforceEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceEmulator.class);

    private final EmulatorConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final OrgDirectory orgs;
    private final List<OrgAdmin> orgAdmins;
    private final OAuthServer oauth;
    private final FaultInjector faults = new FaultInjector();
    private final OutboundDispatcher outbound;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ChangeEventRelay changeEvents;

    static {
        // TCP_NODELAY on the server's connections, as a real org's servers have it. The JDK's server leaves Nagle's
        // algorithm on unless told otherwise: a response's body then waits for the client's acknowledgement of its
        // headers, which the client delays by 40 ms, so every call after a kept-alive connection's first took 44 ms
        // instead of 1-3 (KeepAliveTest). The JDK reads the property once, when its first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private SalesforceEmulator(EmulatorConfig config) throws IOException {
        this.config = config;
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port());
        this.server = HttpServer.create(address, 64);
        int port = server.getAddress().getPort();
        String host = server.getAddress().getAddress().isAnyLocalAddress() ? "localhost" : config.bindAddress();
        this.baseUrl = "http://" + host + ":" + port;

        IdGenerator ids = new IdGenerator();
        List<Org> created = new ArrayList<>();
        for (OrgSeed seed : config.seed().orgs()) {
            created.add(new Org(seed, new Org.Settings(config.clock(), ids, config.dailyApiLimit(),
                    config.auditFieldsOnCreate(), config.recycleBinRetention(), this::onTaskChange)));
        }
        this.orgs = new OrgDirectory(created);
        this.changeEvents = new ChangeEventRelay(config.clock());
        created.forEach(o -> o.tasks().captureChanges(changeEvents.listenerFor(o.id())));
        this.oauth = new OAuthServer(config.clock(), config.seed().connectedApp(), orgs,
                new OAuthServer.Policy(config.accessTokenLifetime(), config.refreshTokenRotation(),
                        config.rotationGracePeriod(), config.openPasswordGrant()), this::baseUrl);
        this.outbound = new OutboundDispatcher(config.clock(), config.outbound(), ids, oauth, this::baseUrl);
        this.orgAdmins = created.stream().map(o -> new OrgAdmin(o, config.clock())).toList();
        seedTasks();

        RestApi rest = new RestApi(oauth, faults, config.clock(), ids, config.queryPageSize(),
                changeEvents.callOrigin());
        Router router = new Router(rest, new OAuthHttp(oauth, this::baseUrl), new AdminHttp(this), faults,
                config.maxRequestBytes());
        this.server.createContext("/", router);
        this.executor = Executors.newFixedThreadPool(16, daemonThreads());
        this.server.setExecutor(executor);
    }

    /** Starts an emulator; close it to stop the server and the outbound sender. */
    public static SalesforceEmulator start(EmulatorConfig config) throws IOException {
        SalesforceEmulator emulator = new SalesforceEmulator(config);
        emulator.server.start();
        LOG.info("Salesforce emulator listening on {} (org {})", emulator.baseUrl, emulator.org().id());
        return emulator;
    }

    private void seedTasks() {
        for (int i = 0; i < orgAdmins.size(); i++) {
            for (TaskSeed task : config.seed().orgs().get(i).tasks()) {
                orgAdmins.get(i).seedTask(task.ownerUsername(), task.fields());
            }
        }
    }

    /** User edits fire the org's outbound message, as a workflow rule on "created, and every time it's edited". */
    private void onTaskChange(Org org, List<SObjectRecord> records, WriteOrigin origin) {
        if (origin == WriteOrigin.UI || (origin == WriteOrigin.API && config.outbound().onApiEdits())) {
            outbound.enqueue(org, records);
        }
    }

    /** e.g. {@code http://127.0.0.1:54321}: also the {@code instance_url} of tokens. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public EmulatorConfig config() {
        return config;
    }

    public ConnectedApp connectedApp() {
        return config.seed().connectedApp();
    }

    /** The first (default) org. */
    public OrgAdmin org() {
        return orgAdmins.get(0);
    }

    /** An org by id (15 or 18 characters) or "default". */
    public OrgAdmin org(String idOrDefault) {
        Org org = orgs.org(idOrDefault).orElseThrow(() -> new IllegalArgumentException("no such org: " + idOrDefault));
        return orgAdmins.stream().filter(a -> a.org() == org).findFirst().orElseThrow();
    }

    public List<OrgAdmin> orgs() {
        return orgAdmins;
    }

    public Clock clock() {
        return config.clock();
    }

    /** Moves emulator time forward (the configured clock must be a {@link MutableClock}). */
    public void advanceClock(Duration by) {
        mutableClock().advance(by);
    }

    public MutableClock mutableClock() {
        if (config.clock() instanceof MutableClock mutable) {
            return mutable;
        }
        throw new IllegalStateException("the emulator was started with a clock it cannot move");
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Every access token, refresh token and outbound SessionId issued so far (tests scan logs for them). */
    public java.util.Set<String> issuedTokens() {
        return oauth.issuedTokens();
    }

    /** Every authorization code issued and every OAuth state and PKCE verifier received (tests scan logs for them). */
    public java.util.Set<String> authorizationFlowValues() {
        return oauth.authorizationFlowValues();
    }

    /** Every access token stops working at once (refresh tokens still work): INVALID_SESSION_ID follows. */
    public void expireAllSessions() {
        oauth.expireAllSessions();
    }

    public OutboundDispatcher outbound() {
        return outbound;
    }

    /** Change Data Capture for Task, relayed into an EventBridge bus once {@link ChangeEventRelay#relayTo} is set. */
    public ChangeEventRelay changeEvents() {
        return changeEvents;
    }

    public List<DeliveryLogEntry> outboundLog() {
        return outbound.log();
    }

    /** Waits until every queued outbound message was delivered, dropped or given up. */
    public boolean awaitOutboundIdle(Duration timeout) {
        try {
            return outbound.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Connects a user without a browser: the token response of a password grant (access_token, refresh_token,
     * instance_url, id, ...), for tests that need a stored connection to start from.
     */
    public Map<String, String> login(String username) {
        User user = orgs.userByUsername(username).orElseThrow(() -> new IllegalArgumentException(
                "no such user: " + username));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", connectedApp().clientId());
        form.put("client_secret", connectedApp().clientSecret());
        form.put("username", user.username());
        form.put("password", user.password());
        return oauth.token(form);
    }

    /** Stops the server and the outbound sender; closing twice is harmless. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        outbound.close();
        changeEvents.close();
        LOG.info("Salesforce emulator on {} stopped", baseUrl);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "salesforce-emulator-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
