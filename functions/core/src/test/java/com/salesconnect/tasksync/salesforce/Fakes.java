package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.crypto.TokenCipher;
import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.OAuthStateStore;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.store.WebhookStore;
import com.salesconnect.tasksync.store.WriteConflictException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Small in-memory fakes of the ports the Salesforce client uses, with the ports' contracts. */
final class Fakes {

    private Fakes() {
    }

    /** Records the waits instead of waiting. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
        }
    }

    /**
     * Reversible "encryption" that binds the context like the real one: a ciphertext decrypts only with the
     * context it was made with.
     */
    static final class FakeCipher implements TokenCipher {
        @Override
        public String encrypt(String plaintext, TokenContext context) {
            return "enc:" + b64(context.canonical()) + ":" + b64(new StringBuilder(plaintext).reverse().toString());
        }

        @Override
        public String decrypt(String ciphertext, TokenContext context) {
            String[] parts = ciphertext.split(":");
            if (parts.length != 3 || !parts[0].equals("enc") || !parts[1].equals(b64(context.canonical()))) {
                throw new IllegalArgumentException("ciphertext does not decrypt in this context");
            }
            return new StringBuilder(new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8))
                    .reverse().toString();
        }

        private static String b64(String s) {
            return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Versioned like the real store: save needs the stored version, stores version + 1. */
    static final class FakeConnectionStore implements ConnectionStore {
        private final Map<String, SalesforceConnection> byUser = new ConcurrentHashMap<>();
        private final Map<String, String> routing = new ConcurrentHashMap<>();
        final List<SalesforceConnection> saves = new ArrayList<>();
        private Consumer<FakeConnectionStore> beforeNextSave;

        /** Runs {@code change} just before the next save is applied (to simulate a concurrent writer). */
        void beforeNextSave(Consumer<FakeConnectionStore> change) {
            this.beforeNextSave = change;
        }

        /** Stores directly, as another process would. */
        SalesforceConnection put(SalesforceConnection c) {
            SalesforceConnection stored = withVersion(c, c.version() + 1);
            byUser.put(c.userId(), stored);
            routing.put(c.orgId() + "/" + c.sfUserId(), c.userId());
            return stored;
        }

        @Override
        public Optional<SalesforceConnection> get(UserId user) {
            String userId = user.value();
            return Optional.ofNullable(byUser.get(userId));
        }

        @Override
        public synchronized SalesforceConnection save(SalesforceConnection connection) {
            Consumer<FakeConnectionStore> hook = beforeNextSave;
            beforeNextSave = null;
            if (hook != null) {
                hook.accept(this);
            }
            SalesforceConnection current = byUser.get(connection.userId());
            long storedVersion = current == null ? 0 : current.version();
            if (storedVersion != connection.version()) {
                throw new WriteConflictException("connection " + connection.userId());
            }
            saves.add(connection);
            return put(connection);
        }

        @Override
        public Optional<String> userForOwner(OrgId org, SalesforceId sfUser) {
            String orgId = org.value();
            String sfUserId = sfUser.value();
            return Optional.ofNullable(routing.get(orgId + "/" + sfUserId));
        }

        @Override
        public List<String> usersInOrg(OrgId org, int limit) {
            String orgId = org.value();
            return routing.entrySet().stream().filter(e -> e.getKey().startsWith(orgId + "/"))
                    .map(Map.Entry::getValue).distinct().limit(limit).toList();
        }

        private static SalesforceConnection withVersion(SalesforceConnection c, long version) {
            return new SalesforceConnection(c.userId(), c.orgId(), c.sfUserId(), c.instanceUrl(),
                    c.encryptedRefreshToken(), c.state(), c.connectedAt(), c.brokenReason(), version);
        }
    }

    static final class FakeOAuthStateStore implements OAuthStateStore {
        private final Clock clock;
        final Map<String, Map.Entry<String, Instant>> states = new HashMap<>();

        FakeOAuthStateStore(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void put(String state, UserId user, Instant expiresAt) {
            String userId = user.value();
            states.put(state, Map.entry(userId, expiresAt));
        }

        @Override
        public Optional<String> consume(String state) {
            Map.Entry<String, Instant> entry = states.remove(state);
            if (entry == null || !entry.getValue().isAfter(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(entry.getKey());
        }
    }

    static final class FakeWebhookStore implements WebhookStore {
        final Map<String, Webhook> byOrg = new HashMap<>();
        int creates;

        @Override
        public Optional<Webhook> forOrg(OrgId org) {
            String orgId = org.value();
            return Optional.ofNullable(byOrg.get(orgId));
        }

        @Override
        public Optional<String> orgForTokenHash(String tokenHash) {
            return byOrg.values().stream().filter(w -> w.tokenHash().equals(tokenHash)).map(Webhook::orgId)
                    .findFirst();
        }

        @Override
        public Webhook createIfAbsent(Webhook webhook) {
            creates++;
            return byOrg.computeIfAbsent(webhook.orgId(), k -> webhook);
        }
    }

    static final class FakeOrgLimitStore implements OrgLimitStore {
        final Map<String, Instant> blocked = new HashMap<>();
        int reads;

        @Override
        public Optional<Instant> blockedUntil(OrgId org) {
            String orgId = org.value();
            reads++;
            return Optional.ofNullable(blocked.get(orgId));
        }

        @Override
        public void blockUntil(OrgId org, Instant until) {
            String orgId = org.value();
            blocked.put(orgId, until);
        }

        /** Every flush of the API call meter: org, calls, the org's reported use. */
        final List<String> flushes = new ArrayList<>();

        @Override
        public void addCalls(OrgId org, Instant at, long calls, long orgUsed, long orgLimit) {
            String orgId = org.value();
            flushes.add(orgId + " " + calls + " " + orgUsed + "/" + orgLimit);
        }

        @Override
        public com.salesconnect.tasksync.store.OrgUsage usage(OrgId org, Instant now) {
            String orgId = org.value();
            return com.salesconnect.tasksync.store.OrgUsage.UNKNOWN;
        }

        @Override
        public void changeEventSeen(OrgId org, Instant at) {
            String orgId = org.value();
        }

        @Override
        public void changeEventGap(OrgId org, Instant at) {
            String orgId = org.value();
        }

        @Override
        public com.salesconnect.tasksync.store.ChangeEventFlow changeEvents(OrgId org) {
            String orgId = org.value();
            return com.salesconnect.tasksync.store.ChangeEventFlow.NONE;
        }
    }
}
