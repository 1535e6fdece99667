package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.metrics.MetricRecorder;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.salesforce.Fakes.FakeCipher;
import com.salesconnect.tasksync.salesforce.Fakes.FakeConnectionStore;
import com.salesconnect.tasksync.salesforce.Fakes.FakeOrgLimitStore;
import com.salesconnect.tasksync.salesforce.Fakes.RecordingSleeper;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.AccessTokenStore.SharedAccessToken;
import com.salesconnect.tasksync.testing.FakeAccessTokenStore;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

class DefaultSalesforceApiFactoryTest {

    static final String TOKEN = "/services/oauth2/token";
    static final String QUERY = "/services/data/v62.0/query";
    static final String EMPTY_PAGE = "{\"totalSize\":0,\"done\":true,\"records\":[]}";
    static final String LIMIT = "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]";
    static final Instant NOW = Instant.parse("2024-06-15T12:00:00Z");
    static final String USER = "user-1";
    static final TokenContext REFRESH = TokenContext.refreshToken(USER);

    final StubServer sf = new StubServer();
    final MutableClock clock = new MutableClock(NOW);
    final FakeCipher cipher = new FakeCipher();
    final FakeConnectionStore connections = new FakeConnectionStore();
    final FakeOrgLimitStore limits = new FakeOrgLimitStore();
    final FakeAccessTokenStore accessTokens = new FakeAccessTokenStore();
    final SalesforceHttp http = TestSupport.http(clock, new RecordingSleeper());
    final DefaultSalesforceApiFactory factory = new DefaultSalesforceApiFactory(http,
            new SalesforceOAuth(TestSupport.config(sf.baseUrl()), http), cipher, connections, limits, accessTokens);

    @AfterEach
    void stop() {
        sf.close();
    }

    SalesforceConnection connect(String refreshToken) {
        return connections.put(new SalesforceConnection(USER, ORG_ID, SF_USER_ID, sf.baseUrl().toString(),
                cipher.encrypt(refreshToken, REFRESH), ConnectionState.CONNECTED, NOW, null, 0));
    }

    SalesforceConnection stored() {
        return connections.get(UserId.of(USER)).orElseThrow();
    }

    @Test
    void theFirstCall_refreshesWithTheDecryptedToken_andLaterCallsReuseTheAccessToken() {
        SalesforceConnection connection = connect("refresh-1");
        sf.on("POST", TOKEN, json(200, tokenResponse("access-1", null, sf.baseUrl())));
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));
        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        assertThat(sf.requests("POST", TOKEN)).hasSize(1);
        assertThat(sf.requests("POST", TOKEN).get(0).formParam("refresh_token")).isEqualTo("refresh-1");
        assertThat(sf.requests("GET", QUERY)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer access-1", "Bearer access-1");
        assertThat(connections.saves).isEmpty();
    }

    @Test
    void eachRenewal_sharesTheNewAccessToken_encryptedForTheUser_forTheInboundFunction() {
        SalesforceConnection connection = connect("refresh-1");
        sf.on("POST", TOKEN, json(200, tokenResponse("access-1", null, sf.baseUrl())));
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        SharedAccessToken shared = accessTokens.get(UserId.of(USER)).orElseThrow();
        assertThat(shared.encryptedAccessToken()).doesNotContain("access-1");
        assertThat(cipher.decrypt(shared.encryptedAccessToken(), TokenContext.accessToken(USER)))
                .isEqualTo("access-1");
        assertThat(shared.orgId()).isEqualTo(ORG_ID);
        assertThat(shared.sfUserId()).isEqualTo(SF_USER_ID);
        assertThat(shared.instanceUrl()).isEqualTo(sf.baseUrl().toString());
        assertThat(shared.issuedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    }

    @Test
    void aFailureToShareTheAccessToken_doesNotFailTheCall() {
        SalesforceConnection connection = connect("refresh-1");
        sf.on("POST", TOKEN, json(200, tokenResponse("access-1", null, sf.baseUrl())));
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));
        accessTokens.faults.failNext("share");

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        assertThat(sf.requests("GET", QUERY)).hasSize(1);
        assertThat(accessTokens.get(UserId.of(USER))).isEmpty();
    }

    @Test
    void anExpiredAccessToken_isRenewedAndTheCallReplayed() {
        SalesforceConnection connection = connect("refresh-1");
        sf.on("POST", TOKEN, json(200, tokenResponse("access-1", null, sf.baseUrl())),
                json(200, tokenResponse("access-2", null, sf.baseUrl())));
        sf.on("GET", QUERY, reference(401, "rest-error-invalid-session-id.json"), json(200, EMPTY_PAGE));

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        assertThat(sf.requests("GET", QUERY)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer access-1", "Bearer access-2");
        assertThat(sf.requests("POST", TOKEN)).hasSize(2);
    }

    @Test
    void aRotatedRefreshToken_isStoredEncryptedForTheUser() {
        SalesforceConnection connection = connect("refresh-1");
        sf.on("POST", TOKEN, json(200, tokenResponse("access-1", "refresh-2", sf.baseUrl())));
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        SalesforceConnection saved = stored();
        assertThat(saved.encryptedRefreshToken()).doesNotContain("refresh-2");
        assertThat(cipher.decrypt(saved.encryptedRefreshToken(), REFRESH)).isEqualTo("refresh-2");
        assertThat(saved.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(saved.version()).isEqualTo(connection.version() + 1);
    }

    @Test
    void aRotatedRefreshToken_survivesAConcurrentWriteByReReading() {
        SalesforceConnection connection = connect("refresh-1");
        sf.on("POST", TOKEN, json(200, tokenResponse("access-1", "refresh-2", sf.baseUrl())));
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));
        // Another container saves the connection (same account) between our read and our write.
        connections.beforeNextSave(store -> store.put(store.get(UserId.of(USER)).orElseThrow()));

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        assertThat(cipher.decrypt(stored().encryptedRefreshToken(), REFRESH)).isEqualTo("refresh-2");
        assertThat(stored().version()).isEqualTo(connection.version() + 2);
    }

    @Test
    void aRotation_thatRacedAnotherContainersRefusedRefresh_restoresTheConnection() {
        SalesforceConnection connection = connect("refresh-1");
        sf.on("POST", TOKEN, json(200, tokenResponse("access-1", "refresh-2", sf.baseUrl())));
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));
        // The other container was refused refresh-1 (we rotated it first) and marked the connection BROKEN
        // between our refresh and our write of refresh-2.
        connections.beforeNextSave(store -> {
            SalesforceConnection read = store.get(UserId.of(USER)).orElseThrow();
            store.put(new SalesforceConnection(USER, ORG_ID, SF_USER_ID, read.instanceUrl(),
                    read.encryptedRefreshToken(), ConnectionState.BROKEN, NOW, "refused", read.version()));
        });

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        assertThat(stored().state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(stored().brokenReason()).isNull();
        assertThat(cipher.decrypt(stored().encryptedRefreshToken(), REFRESH)).isEqualTo("refresh-2");
    }

    @Test
    void aBrokenMark_setAgainstAnotherToken_isKeptByARenewal() {
        SalesforceConnection connection = connect("refresh-1");
        sf.on("POST", TOKEN, json(200, tokenResponse("access-1", "refresh-2", sf.baseUrl())));
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));
        connections.beforeNextSave(store -> {
            SalesforceConnection read = store.get(UserId.of(USER)).orElseThrow();
            store.put(new SalesforceConnection(USER, ORG_ID, SF_USER_ID, read.instanceUrl(),
                    cipher.encrypt("refresh-other", REFRESH), ConnectionState.BROKEN, NOW, "refused", read.version()));
        });

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        assertThat(stored().state()).isEqualTo(ConnectionState.BROKEN);
    }

    @Test
    void aMovedInstance_isStoredAndUsed() {
        SalesforceConnection connection = connections.put(new SalesforceConnection(USER, ORG_ID, SF_USER_ID,
                "https://old.my.salesforce.com", cipher.encrypt("refresh-1", REFRESH), ConnectionState.CONNECTED, NOW,
                null, 0));
        sf.on("POST", TOKEN, json(200, tokenResponse("access-1", null, sf.baseUrl())));
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        assertThat(stored().instanceUrl()).isEqualTo(sf.baseUrl().toString());
        assertThat(sf.requests("GET", QUERY)).hasSize(1);
    }

    @Test
    void aRefusedRefresh_marksTheConnectionBrokenWithAUserSafeReason() {
        SalesforceConnection connection = connect("refresh-1");
        sf.on("POST", TOKEN, reference(400, "oauth-refresh-token-error-invalid-grant.json"));

        assertThatThrownBy(() -> factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task")))
                .isInstanceOf(ConnectionBrokenException.class);

        assertThat(stored().state()).isEqualTo(ConnectionState.BROKEN);
        assertThat(stored().brokenReason()).isEqualTo(ConnectionSession.BROKEN_REASON)
                .doesNotContain("invalid_grant", "refresh");
        assertThat(sf.requests("GET", QUERY)).isEmpty();
    }

    @Test
    void aRefusedRefresh_whileAnotherContainerRotatedTheToken_retriesWithTheNewToken() {
        SalesforceConnection connection = connect("refresh-1");
        sf.on("POST", TOKEN, reference(400, "oauth-refresh-token-error-invalid-grant.json"),
                json(200, tokenResponse("access-9", null, sf.baseUrl())));
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));
        // When we try to mark it broken, the other container has just stored its rotated token.
        connections.beforeNextSave(store -> {
            SalesforceConnection c = store.get(UserId.of(USER)).orElseThrow();
            store.put(new SalesforceConnection(c.userId(), c.orgId(), c.sfUserId(), c.instanceUrl(),
                    cipher.encrypt("refresh-2", REFRESH), c.state(), c.connectedAt(), null, c.version()));
        });

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        assertThat(sf.requests("POST", TOKEN)).extracting(r -> r.formParam("refresh_token"))
                .containsExactly("refresh-1", "refresh-2");
        assertThat(stored().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void aBrokenConnection_isRefusedWithoutAnyCall() {
        SalesforceConnection broken = connections.put(new SalesforceConnection(USER, ORG_ID, SF_USER_ID,
                sf.baseUrl().toString(), cipher.encrypt("r", REFRESH), ConnectionState.BROKEN, NOW, "reason", 0));

        assertThatThrownBy(() -> factory.forConnection(broken)).isInstanceOf(ConnectionBrokenException.class);
        assertThat(sf.requests()).isEmpty();
    }

    @Test
    void aConnectionMarkedBrokenElsewhere_isRefusedAtRenewal() {
        SalesforceConnection connection = connect("refresh-1");
        SalesforceApi api = factory.forConnection(connection);
        SalesforceConnection c = stored();
        connections.put(new SalesforceConnection(c.userId(), c.orgId(), c.sfUserId(), c.instanceUrl(),
                c.encryptedRefreshToken(), ConnectionState.BROKEN, c.connectedAt(), "reason", c.version()));

        assertThatThrownBy(() -> api.query(Soql.of("SELECT Id FROM Task")))
                .isInstanceOf(ConnectionBrokenException.class);
        assertThat(sf.requests()).isEmpty();
    }

    @Test
    void aBlockedOrg_failsWithoutCallingSalesforce() {
        SalesforceConnection connection = connect("refresh-1");
        Instant until = NOW.plus(Duration.ofMinutes(20));
        limits.blockUntil(OrgId.of(ORG_ID), until);

        RequestLimitExceededException e = catchThrowableOfType(
                () -> factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task")),
                RequestLimitExceededException.class);

        assertThat(e.retryAfter()).isEqualTo(until);
        assertThat(sf.requests()).isEmpty();
    }

    @Test
    void anOrgBlockThatHasPassed_letsCallsThrough() {
        SalesforceConnection connection = connect("refresh-1");
        limits.blockUntil(OrgId.of(ORG_ID), NOW.minusSeconds(1));
        sf.on("POST", TOKEN, json(200, tokenResponse("access-1", null, sf.baseUrl())));
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));

        assertThat(factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task")).done()).isTrue();
    }

    @Test
    void aLimitAnswer_blocksTheOrgForAnHour_forEveryLaterCall() {
        SalesforceConnection connection = connect("refresh-1");
        sf.on("POST", TOKEN, json(200, tokenResponse("access-1", null, sf.baseUrl())));
        sf.on("GET", QUERY, json(403, LIMIT));
        SalesforceApi api = factory.forConnection(connection);
        MetricRecorder recorder = new MetricRecorder();

        Metrics.with(recorder, () -> {
            assertThatThrownBy(() -> api.query(Soql.of("SELECT Id FROM Task")))
                    .isInstanceOf(RequestLimitExceededException.class);
            assertThatThrownBy(api::taskStatuses).isInstanceOf(RequestLimitExceededException.class);
            return null;
        });

        assertThat(limits.blocked).containsEntry(ORG_ID, NOW.plus(Duration.ofHours(1)));
        assertThat(sf.requests("GET", QUERY)).hasSize(1);
        // The org is counted throttled once, when Salesforce said so; the call refused locally is not another.
        assertThat(recorder.sum("ThrottledOrgs", Map.of())).isEqualTo(1);
    }

    @Test
    void connectingAnotherSalesforceAccount_startsAFreshSession() {
        SalesforceConnection first = connect("refresh-1");
        sf.on("POST", TOKEN, json(200, tokenResponse("access-1", null, sf.baseUrl())),
                json(200, tokenResponse("access-2", null, sf.baseUrl(), ORG_ID, "005xx000002ABCDAAA")));
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));
        factory.forConnection(first).query(Soql.of("SELECT Id FROM Task"));
        SalesforceConnection other = connections.put(new SalesforceConnection(USER, ORG_ID, "005xx000002ABCDAAA",
                sf.baseUrl().toString(), cipher.encrypt("refresh-other", REFRESH), ConnectionState.CONNECTED, NOW,
                null, stored().version()));

        factory.forConnection(other).query(Soql.of("SELECT Id FROM Task"));

        assertThat(sf.requests("GET", QUERY)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer access-1", "Bearer access-2");
    }

    void share(String accessToken, String sfUserId) {
        accessTokens.share(new SharedAccessToken(USER, ORG_ID, sfUserId, sf.baseUrl().toString(),
                // Issued before tokenResponse's issued_at, as an earlier renewal's token is.
                cipher.encrypt(accessToken, TokenContext.accessToken(USER)), Instant.ofEpochMilli(1_699_990_000_000L)));
    }

    @Test
    void theFirstCall_usesTheAccessTokenSharedForThisConnection_withoutARenewal() {
        SalesforceConnection connection = connect("refresh-1");
        share("shared-access", SF_USER_ID);
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));
        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        assertThat(sf.requests("POST", TOKEN)).isEmpty();
        assertThat(sf.requests("GET", QUERY)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer shared-access", "Bearer shared-access");
        assertThat(connections.saves).isEmpty();
    }

    @Test
    void aSharedAccessTokenSalesforceRefuses_isRenewed_andTheNewOneShared() {
        SalesforceConnection connection = connect("refresh-1");
        share("expired-access", SF_USER_ID);
        sf.on("POST", TOKEN, json(200, tokenResponse("access-2", null, sf.baseUrl())));
        sf.on("GET", QUERY, reference(401, "rest-error-invalid-session-id.json"), json(200, EMPTY_PAGE));

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        assertThat(sf.requests("GET", QUERY)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer expired-access", "Bearer access-2");
        assertThat(sf.requests("POST", TOKEN)).hasSize(1);
        assertThat(sf.requests("POST", TOKEN).get(0).formParam("refresh_token")).isEqualTo("refresh-1");
        assertThat(cipher.decrypt(accessTokens.get(UserId.of(USER)).orElseThrow().encryptedAccessToken(),
                TokenContext.accessToken(USER))).isEqualTo("access-2");
    }

    @Test
    void anAccessTokenSharedForAnotherIdentity_isNotUsed() {
        SalesforceConnection connection = connect("refresh-1");
        share("someone-elses-access", "005xx000002ABCDAAA");
        sf.on("POST", TOKEN, json(200, tokenResponse("access-1", null, sf.baseUrl())));
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        assertThat(sf.requests("GET", QUERY)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer access-1");
    }

    @Test
    void anUnreadableSharedToken_isNotUsed_theSessionIsRenewed() {
        SalesforceConnection connection = connect("refresh-1");
        share("shared-access", SF_USER_ID);
        accessTokens.faults.failNext("get");
        sf.on("POST", TOKEN, json(200, tokenResponse("access-1", null, sf.baseUrl())));
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        assertThat(sf.requests("GET", QUERY)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer access-1");
    }
}
