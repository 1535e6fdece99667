package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.ConnectFlowException;
import com.salesconnect.tasksync.salesforce.ConnectFlowException.Reason;
import com.salesconnect.tasksync.salesforce.Fakes.FakeCipher;
import com.salesconnect.tasksync.salesforce.Fakes.FakeConnectionStore;
import com.salesconnect.tasksync.salesforce.Fakes.FakeOAuthStateStore;
import com.salesconnect.tasksync.salesforce.Fakes.FakeWebhookStore;
import com.salesconnect.tasksync.salesforce.Fakes.RecordingSleeper;
import com.salesconnect.tasksync.salesforce.SalesforceOAuth;
import com.salesconnect.tasksync.salesforce.SalesforceUnavailableException;
import com.salesconnect.tasksync.salesforce.WebhookTokens;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.WebhookStore.Webhook;
import com.salesconnect.tasksync.sync.ConnectService;
import com.salesconnect.tasksync.sync.SettingsService;
import com.salesconnect.tasksync.testing.FakeSettingsStore;
import com.salesconnect.tasksync.testing.FakeSyncEventPublisher;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.salesconnect.tasksync.salesforce.StubServer.json;
import static com.salesconnect.tasksync.salesforce.StubServer.reference;
import static com.salesconnect.tasksync.salesforce.TestSupport.ORG_ID;
import static com.salesconnect.tasksync.salesforce.TestSupport.SF_USER_ID;
import static com.salesconnect.tasksync.salesforce.TestSupport.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConnectServiceTest {

    static final String TOKEN = "/services/oauth2/token";
    static final Instant NOW = Instant.parse("2024-06-15T12:00:00Z");
    static final URI PUBLIC = URI.create("https://api.salesconnect.example.com/");
    static final URI INSTANCE = URI.create("https://acme.my.salesforce.com");

    final StubServer login = new StubServer();
    final MutableClock clock = new MutableClock(NOW);
    final FakeOAuthStateStore states = new FakeOAuthStateStore(clock);
    final FakeConnectionStore connections = new FakeConnectionStore();
    final FakeWebhookStore webhooks = new FakeWebhookStore();
    final FakeCipher cipher = new FakeCipher();
    final SalesforceOAuth oauth = new SalesforceOAuth(TestSupport.config(login.baseUrl()),
            TestSupport.http(clock, new RecordingSleeper()));
    final ConnectService service = new ConnectService(oauth, states, connections,
            new SettingsService(new FakeSettingsStore(), connections, new FakeSyncEventPublisher(), clock), webhooks,
            cipher, clock, new SecureRandom(), PUBLIC);

    @AfterEach
    void stop() {
        login.close();
    }

    String stateOf(URI authorizeUrl) {
        return new StubServer.Request("GET", "", authorizeUrl.getRawQuery(), Map.of(), "").param("state");
    }

    @Test
    void start_issuesAnUnguessableOneTimeStateForTheUser_validForTenMinutes() {
        URI first = service.start(UserId.of("user-1"));
        URI second = service.start(UserId.of("user-1"));

        String state = stateOf(first);
        assertThat(state).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(stateOf(second));
        assertThat(states.states.get(state)).isEqualTo(Map.entry("user-1", NOW.plus(Duration.ofMinutes(10))));
        assertThat(first.toString()).startsWith(login.baseUrl() + "/services/oauth2/authorize?");
    }

    @Test
    void callback_storesTheConnectionWithTheRefreshTokenEncrypted_andReturnsTheWebhookUrl() {
        String state = stateOf(service.start(UserId.of("user-1")));
        login.on("POST", TOKEN, json(200, tokenResponse("access-1", "refresh-1", INSTANCE)));

        ConnectService.Connected connected = service.callback("the-code", state);

        assertThat(login.requests().get(0).formParam("code")).isEqualTo("the-code");
        assertThat(login.requests().get(0).formParam("redirect_uri"))
                .isEqualTo("https://app.example.com/salesforce/callback");
        SalesforceConnection stored = connections.get(UserId.of("user-1")).orElseThrow();
        assertThat(stored.orgId()).isEqualTo(ORG_ID);
        assertThat(stored.sfUserId()).isEqualTo(SF_USER_ID);
        assertThat(stored.instanceUrl()).isEqualTo(INSTANCE.toString());
        assertThat(stored.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(stored.connectedAt()).isEqualTo(NOW);
        assertThat(stored.encryptedRefreshToken()).doesNotContain("refresh-1");
        assertThat(cipher.decrypt(stored.encryptedRefreshToken(), TokenContext.refreshToken("user-1")))
                .isEqualTo("refresh-1");
        assertThat(connections.userForOwner(OrgId.of(ORG_ID), SalesforceId.of(SF_USER_ID))).contains("user-1");
        assertThat(connected.userId()).isEqualTo("user-1");
        assertThat(connected.orgId()).isEqualTo(ORG_ID);
        assertThat(connected.webhookUrl().toString())
                .matches("https://api\\.salesconnect\\.example\\.com/salesforce/outbound-messages/[A-Za-z0-9_-]{43}");
    }

    @Test
    void callback_createsTheOrgWebhook_storedAsHashAndCiphertextOnly() {
        String state = stateOf(service.start(UserId.of("user-1")));
        login.on("POST", TOKEN, json(200, tokenResponse("access-1", "refresh-1", INSTANCE)));

        URI url = service.callback("code", state).webhookUrl();

        String token = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
        Webhook webhook = webhooks.forOrg(OrgId.of(ORG_ID)).orElseThrow();
        assertThat(webhook.tokenHash()).isEqualTo(WebhookTokens.hash(token)).matches("[0-9a-f]{64}");
        assertThat(webhook.encryptedToken()).doesNotContain(token);
        assertThat(cipher.decrypt(webhook.encryptedToken(), TokenContext.webhookToken(ORG_ID))).isEqualTo(token);
        assertThat(webhooks.orgForTokenHash(WebhookTokens.hash(token))).contains(ORG_ID);
        assertThat(WebhookTokens.wellFormed(token)).isTrue();
        assertThat(service.webhookUrl(OrgId.of(ORG_ID))).contains(url);
    }

    @Test
    void aSecondUserOfTheSameOrg_getsTheSameWebhookUrl() {
        login.on("POST", TOKEN, json(200, tokenResponse("a", "r1", INSTANCE)),
                json(200, tokenResponse("b", "r2", INSTANCE, ORG_ID, "005xx000002ABCDAAA")));
        URI first = service.callback("c1", stateOf(service.start(UserId.of("user-1")))).webhookUrl();

        URI second = service.callback("c2", stateOf(service.start(UserId.of("user-2")))).webhookUrl();

        assertThat(second).isEqualTo(first);
        assertThat(webhooks.byOrg).hasSize(1);
    }

    @Test
    void webhookUrl_isEmptyForAnOrgNeverConnected() {
        assertThat(service.webhookUrl(OrgId.of(ORG_ID))).isEmpty();
    }

    @Test
    void aReconnect_replacesTheStoredConnection() {
        login.on("POST", TOKEN, json(200, tokenResponse("a", "r1", INSTANCE)),
                json(200, tokenResponse("b", "r2", INSTANCE)));
        service.callback("c1", stateOf(service.start(UserId.of("user-1"))));
        SalesforceConnection first = connections.get(UserId.of("user-1")).orElseThrow();
        connections.put(new SalesforceConnection(first.userId(), first.orgId(), first.sfUserId(),
                first.instanceUrl(), first.encryptedRefreshToken(), ConnectionState.BROKEN, first.connectedAt(),
                "broken", first.version()));

        service.callback("c2", stateOf(service.start(UserId.of("user-1"))));

        SalesforceConnection now = connections.get(UserId.of("user-1")).orElseThrow();
        assertThat(now.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(now.brokenReason()).isNull();
        assertThat(cipher.decrypt(now.encryptedRefreshToken(), TokenContext.refreshToken("user-1"))).isEqualTo("r2");
    }

    @Test
    void anUnknownState_isRefusedWithoutExchangingTheCode() {
        String forged = "A".repeat(43);

        ConnectFlowException e = catchThrowableOfType(() -> service.callback("code", forged),
                ConnectFlowException.class);

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_STATE);
        assertThat(login.requests()).isEmpty();
        assertThat(connections.saves).isEmpty();
    }

    @Test
    void anExpiredState_isRefused() {
        String state = stateOf(service.start(UserId.of("user-1")));
        clock.advance(Duration.ofMinutes(10));

        assertThat(catchThrowableOfType(() -> service.callback("code", state), ConnectFlowException.class).reason())
                .isEqualTo(Reason.UNKNOWN_STATE);
        assertThat(login.requests()).isEmpty();
    }

    @Test
    void aStateIsUsableOnce_evenWhenTheFirstExchangeFailed() {
        String state = stateOf(service.start(UserId.of("user-1")));
        login.on("POST", TOKEN, json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"expired authorization code\"}"));

        assertThat(catchThrowableOfType(() -> service.callback("code", state), ConnectFlowException.class).reason())
                .isEqualTo(Reason.CODE_REJECTED);
        assertThat(catchThrowableOfType(() -> service.callback("code", state), ConnectFlowException.class).reason())
                .isEqualTo(Reason.UNKNOWN_STATE);
        assertThat(login.requests()).hasSize(1);
    }

    @Test
    void malformedCallbackParameters_areRefusedBeforeAnyLookup() {
        for (String[] input : new String[][]{{null, "A".repeat(43)}, {"code", null}, {"", "A".repeat(43)},
                {"code", "short"}, {"code", "A".repeat(42) + "'"}, {"c".repeat(3000), "A".repeat(43)}}) {
            assertThat(catchThrowableOfType(() -> service.callback(input[0], input[1]), ConnectFlowException.class)
                    .reason()).isEqualTo(Reason.INVALID_REQUEST);
        }
    }

    @Test
    void aGrantWithoutRefreshToken_isRefused_andNothingIsStored() {
        String state = stateOf(service.start(UserId.of("user-1")));
        login.on("POST", TOKEN, json(200, tokenResponse("a", null, INSTANCE)));

        assertThat(catchThrowableOfType(() -> service.callback("code", state), ConnectFlowException.class).reason())
                .isEqualTo(Reason.NO_REFRESH_TOKEN);
        assertThat(connections.get(UserId.of("user-1"))).isEmpty();
        assertThat(webhooks.byOrg).isEmpty();
    }

    @Test
    void aSalesforceUserConnectedToAnotherAccount_isRefused() {
        login.on("POST", TOKEN, json(200, tokenResponse("a", "r1", INSTANCE)));
        service.callback("c1", stateOf(service.start(UserId.of("user-1"))));

        ConnectFlowException e = catchThrowableOfType(
                () -> service.callback("c2", stateOf(service.start(UserId.of("user-2")))), ConnectFlowException.class);

        assertThat(e.reason()).isEqualTo(Reason.SALESFORCE_USER_TAKEN);
        assertThat(e.getMessage()).doesNotContain(ORG_ID, SF_USER_ID, "user-1");
        assertThat(connections.get(UserId.of("user-2"))).isEmpty();
        assertThat(connections.userForOwner(OrgId.of(ORG_ID), SalesforceId.of(SF_USER_ID))).contains("user-1");
    }

    @Test
    void aTokenEndpointOutage_propagatesAsUnavailable() {
        String state = stateOf(service.start(UserId.of("user-1")));
        login.on("POST", TOKEN, json(503, ""));

        assertThatThrownBy(() -> service.callback("code", state)).isInstanceOf(SalesforceUnavailableException.class);
        assertThat(connections.get(UserId.of("user-1"))).isEmpty();
    }

    @Test
    void aReferenceInvalidGrantOnExchange_isACodeRejection() {
        String state = stateOf(service.start(UserId.of("user-1")));
        login.on("POST", TOKEN, reference(400, "oauth-refresh-token-error-invalid-grant.json"));

        assertThat(catchThrowableOfType(() -> service.callback("code", state), ConnectFlowException.class).reason())
                .isEqualTo(Reason.CODE_REJECTED);
    }
}
