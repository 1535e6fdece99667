package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.salesforce.Fakes.FakeCipher;
import com.salesconnect.tasksync.salesforce.Fakes.FakeOrgLimitStore;
import com.salesconnect.tasksync.salesforce.Fakes.RecordingSleeper;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.AccessTokenStore.SharedAccessToken;
import com.salesconnect.tasksync.testing.FakeAccessTokenStore;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.salesconnect.tasksync.salesforce.StubServer.json;
import static com.salesconnect.tasksync.salesforce.StubServer.reference;
import static com.salesconnect.tasksync.salesforce.TestSupport.ORG_ID;
import static com.salesconnect.tasksync.salesforce.TestSupport.SF_USER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * salesforce-inbound's API: only the access token other functions shared, never a session renewal (no token
 * endpoint call, no connection write: the factory has neither the OAuth client nor the connection store).
 */
class SharedSessionApiFactoryTest {

    static final String TOKEN = "/services/oauth2/token";
    static final String QUERY = "/services/data/v62.0/query";
    static final String EMPTY_PAGE = "{\"totalSize\":0,\"done\":true,\"records\":[]}";
    static final Instant NOW = Instant.parse("2024-06-15T12:00:00Z");
    static final String USER = "user-1";

    final StubServer sf = new StubServer();
    final MutableClock clock = new MutableClock(NOW);
    final FakeCipher cipher = new FakeCipher();
    final FakeAccessTokenStore accessTokens = new FakeAccessTokenStore();
    final SharedSessionApiFactory factory = new SharedSessionApiFactory(TestSupport.http(clock,
            new RecordingSleeper()), "v62.0", cipher, accessTokens, new FakeOrgLimitStore());
    final SalesforceConnection connection = new SalesforceConnection(USER, ORG_ID, SF_USER_ID,
            sf.baseUrl().toString(), "enc:refresh", ConnectionState.CONNECTED, NOW, null, 1);

    @AfterEach
    void stop() {
        sf.close();
    }

    void share(String accessToken, String orgId, String sfUserId, Instant issuedAt) {
        accessTokens.share(new SharedAccessToken(USER, orgId, sfUserId, sf.baseUrl().toString(),
                cipher.encrypt(accessToken, TokenContext.accessToken(USER)), issuedAt));
    }

    @Test
    void callsCarryTheSharedAccessToken_andNoSessionIsRenewed() {
        share("shared-1", ORG_ID, SF_USER_ID, NOW);
        sf.on("GET", QUERY, json(200, EMPTY_PAGE));

        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));
        factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task"));

        assertThat(sf.requests("GET", QUERY)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer shared-1", "Bearer shared-1");
        assertThat(sf.requests("POST", TOKEN)).isEmpty();
    }

    @Test
    void withoutASharedToken_SalesforceIsNotReachableFromHere_andNothingIsCalled() {
        SalesforceApi api = factory.forConnection(connection);

        assertThatThrownBy(() -> api.query(Soql.of("SELECT Id FROM Task")))
                .isInstanceOf(SessionUnavailableException.class);
        assertThat(sf.requests()).isEmpty();
    }

    @Test
    void aRejectedToken_isReplacedByANewerSharedOne_andTheCallReplayedOnce() {
        share("shared-1", ORG_ID, SF_USER_ID, NOW);
        sf.on("GET", QUERY, json(200, EMPTY_PAGE), reference(401, "rest-error-invalid-session-id.json"),
                json(200, EMPTY_PAGE));
        SalesforceApi api = factory.forConnection(connection);
        api.query(Soql.of("SELECT Id FROM Task"));
        // The session expires; the sweep renews it and shares the new token.
        share("shared-2", ORG_ID, SF_USER_ID, NOW.plusSeconds(60));

        api.query(Soql.of("SELECT Id FROM Task"));

        assertThat(sf.requests("GET", QUERY)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer shared-1", "Bearer shared-1", "Bearer shared-2");
        assertThat(sf.requests("POST", TOKEN)).isEmpty();
    }

    @Test
    void aRejectedToken_withNoNewerOneShared_isSessionUnavailable_withoutARenewal() {
        share("shared-1", ORG_ID, SF_USER_ID, NOW);
        sf.on("GET", QUERY, reference(401, "rest-error-invalid-session-id.json"));

        assertThatThrownBy(() -> factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task")))
                .isInstanceOf(SessionUnavailableException.class);
        assertThat(sf.requests("GET", QUERY)).hasSize(1);
        assertThat(sf.requests("POST", TOKEN)).isEmpty();
    }

    @Test
    void aTokenSharedForAnotherSalesforceIdentity_isNeverUsed() {
        share("of-another-user", ORG_ID, "005xx000009ZZZZAAA", NOW);

        assertThatThrownBy(() -> factory.forConnection(connection).query(Soql.of("SELECT Id FROM Task")))
                .isInstanceOf(SessionUnavailableException.class);
        assertThat(sf.requests()).isEmpty();
    }

    @Test
    void aBrokenConnection_isNotReachableFromHere_ratherThanBroken() {
        share("shared-1", ORG_ID, SF_USER_ID, NOW);
        SalesforceConnection broken = new SalesforceConnection(USER, ORG_ID, SF_USER_ID, sf.baseUrl().toString(),
                "enc:refresh", ConnectionState.BROKEN, NOW, "refused", 2);

        assertThatThrownBy(() -> factory.forConnection(broken)).isInstanceOf(SessionUnavailableException.class);
        assertThat(sf.requests()).isEmpty();
    }

    @Test
    void anUnusableApiVersion_isRefusedAtConstruction() {
        assertThatThrownBy(() -> new SharedSessionApiFactory(TestSupport.http(clock, new RecordingSleeper()), "62",
                cipher, accessTokens, new FakeOrgLimitStore())).isInstanceOf(IllegalArgumentException.class);
    }
}
