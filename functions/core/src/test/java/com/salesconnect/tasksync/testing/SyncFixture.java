package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.rules.CommandCenter;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.WebhookStore;
import com.salesconnect.tasksync.sync.EnableOutcome;
import com.salesconnect.tasksync.sync.InboundResult;
import com.salesconnect.tasksync.sync.InboundSync;
import com.salesconnect.tasksync.sync.OutboundSync;
import com.salesconnect.tasksync.sync.SettingsService;
import com.salesconnect.tasksync.sync.SettingsView;
import com.salesconnect.tasksync.sync.SweepResult;
import com.salesconnect.tasksync.sync.SweepService;
import com.salesconnect.tasksync.sync.SyncStores;
import com.salesconnect.tasksync.sync.TaskChange;
import com.salesconnect.tasksync.sync.TaskService;
import com.salesconnect.tasksync.task.ScTask;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every fake wired to the real sync services, with a movable clock: one line per step in a test
 * ({@code fx.enable(ALICE); fx.taskService.create(...); fx.pushStream();}). Reusable by the function modules.
 */
public final class SyncFixture {

    public static final Instant START = Instant.parse("2026-03-10T09:00:00Z");
    public static final String ALICE = "user-alice";
    public static final String BOB = "user-bob";
    public static final String ALICE_SF = SalesforceIds.to18("0055g00000ALICE");
    public static final String BOB_SF = SalesforceIds.to18("0055g00000BOBBY");

    public final MutableClock clock = new MutableClock(START);
    public final FakeTaskStore tasks = new FakeTaskStore(clock);
    public final FakeLinkStore links = new FakeLinkStore(clock);
    public final FakeSettingsStore settings = new FakeSettingsStore();
    public final FakeConnectionStore connections = new FakeConnectionStore();
    public final FakePendingPushStore pendingPushes = new FakePendingPushStore();
    public final FakeConflictLog conflicts = new FakeConflictLog();
    public final FakeNotificationLog notifications = new FakeNotificationLog(clock);
    public final FakeOrgLimitStore orgLimits = new FakeOrgLimitStore(clock);
    public final FakeOrgProbeStore orgProbes = new FakeOrgProbeStore(clock);
    public final FakeWebhookStore webhooks = new FakeWebhookStore();
    public final FakeSyncHealthStore health = new FakeSyncHealthStore();
    public final FakeSyncEventPublisher events = new FakeSyncEventPublisher();
    public final FakeTokenCipher cipher = new FakeTokenCipher();
    public final FakeSalesforce salesforce = new FakeSalesforce(clock);
    /** A second org, for connections that move to another Salesforce org. */
    public final FakeSalesforce otherOrg = new FakeSalesforce(clock, SalesforceIds.to18("00D5g00000ORG02"));
    public final FakeSalesforceOrgs orgs = new FakeSalesforceOrgs(salesforce, otherOrg);
    public final SyncStores stores = new SyncStores(tasks, links, settings, connections, pendingPushes, conflicts,
            notifications, orgLimits, orgProbes, webhooks, health);

    private final AtomicLong taskIds = new AtomicLong();
    public final SettingsService settingsService = new SettingsService(settings, connections, events, clock);
    public final TaskService taskService = new TaskService(tasks, clock, () -> "task-" + taskIds.incrementAndGet());
    public final OutboundSync outbound = new OutboundSync(stores, orgs, clock);
    public final InboundSync inbound = new InboundSync(stores, orgs, clock);
    public final SweepService sweep = new SweepService(stores, orgs, events, clock);
    public final CommandCenter commandCenter = new CommandCenter(tasks, settings, clock);

    /** Stores a CONNECTED connection of {@code userId} as Salesforce user {@code sfUserId} of the fake org. */
    public SalesforceConnection connect(String userId, String sfUserId) {
        return connections.save(new SalesforceConnection(userId, salesforce.orgId(), sfUserId,
                "https://fake.my.salesforce.com",
                cipher.encrypt("refresh-" + userId, TokenContext.refreshToken(userId)),
                ConnectionState.CONNECTED, clock.instant(), null, 0));
    }

    /**
     * Connects {@code userId} again, to Salesforce user {@code sfUserId} of {@code org}, as the OAuth callback does.
     */
    public SalesforceConnection reconnect(String userId, FakeSalesforce org, String sfUserId) {
        return settingsService.connect(new SalesforceConnection(userId, org.orgId(), sfUserId,
                "https://fake.my.salesforce.com",
                cipher.encrypt("refresh-" + userId + "@" + clock.instant(), TokenContext.refreshToken(userId)),
                ConnectionState.CONNECTED, clock.instant(), null, 0));
    }

    /** Connects Bob, turns his sync on and runs his first sync. */
    public void bobSyncs() {
        connect(BOB, BOB_SF);
        enable(BOB);
        sweep(BOB);
    }

    /** The Salesforce id of {@code task}'s link (which must exist). */
    public String sfIdOf(ScTask task) {
        return links.get(UserId.of(task.userId()), TaskId.of(task.taskId())).orElseThrow().sfId();
    }

    /** Connects Alice and turns her sync on (first sync queued, not run). */
    public SettingsView aliceEnabled() {
        connect(ALICE, ALICE_SF);
        return enabled(settingsService.enable(UserId.of(ALICE), ZoneId.of("UTC")));
    }

    public SettingsView enable(String userId) {
        return enabled(settingsService.enable(UserId.of(userId)));
    }

    /** The settings a successful enable shows; a test that expected it to succeed fails here otherwise. */
    public static SettingsView enabled(EnableOutcome outcome) {
        if (outcome instanceof EnableOutcome.Enabled e) {
            return e.view();
        }
        throw new AssertionError("sync was not enabled: " + outcome);
    }

    /** Runs the sweep for a user (its first sync right after enabling). */
    public SweepResult sweep(String userId) {
        return sweep.runForUser(UserId.of(userId));
    }

    /** Runs the sweep a tick scheduled at {@code tickAt} asked for. */
    public SweepResult sweep(String userId, Instant tickAt) {
        return sweep.runForUser(UserId.of(userId), Deadline.NONE, tickAt);
    }

    /** Feeds every task-table write since the last call to the outbound sync; returns the records to retry. */
    public List<String> pushStream() {
        List<TaskChange> batch = tasks.takeStream();
        return batch.isEmpty() ? List.of() : outbound.process(batch);
    }

    /** Delivers an Outbound Message of the fake org as the inbound function would. */
    public InboundResult deliver(OutboundMessage message) {
        return inbound.apply(OrgId.of(salesforce.orgId()), message);
    }

    /** Delivers a message with a full notification of each given Salesforce task. */
    public InboundResult deliverNotificationsFor(String... sfIds) {
        return deliver(salesforce.messageFor(sfIds));
    }

    /** Registers the org's webhook token; returns it. */
    public String registerWebhook(String token) {
        webhooks.createIfAbsent(new WebhookStore.Webhook(salesforce.orgId(), sha256Hex(token),
                cipher.encrypt(token, TokenContext.webhookToken(salesforce.orgId()))));
        return token;
    }

    public static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
