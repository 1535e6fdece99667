package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.salesforce.Fakes.RecordingSleeper;
import com.salesconnect.tasksync.salesforce.SalesforceOAuth.AuthorizeOptions;
import com.salesconnect.tasksync.salesforce.StubServer.Request;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import static com.salesconnect.tasksync.salesforce.StubServer.json;
import static com.salesconnect.tasksync.salesforce.StubServer.reference;
import static com.salesconnect.tasksync.salesforce.TestSupport.CLIENT_SECRET;
import static com.salesconnect.tasksync.salesforce.TestSupport.ORG_ID;
import static com.salesconnect.tasksync.salesforce.TestSupport.SF_USER_ID;
import static com.salesconnect.tasksync.salesforce.TestSupport.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SalesforceOAuthTest {

    static final String TOKEN = "/services/oauth2/token";
    static final URI INSTANCE = URI.create("https://acme.my.salesforce.com");

    final StubServer login = new StubServer();
    final RecordingSleeper sleeper = new RecordingSleeper();
    final SalesforceAppConfig config = TestSupport.config(login.baseUrl());
    final SalesforceOAuth oauth = new SalesforceOAuth(config,
            TestSupport.http(new MutableClock(Instant.parse("2024-06-15T12:00:00Z")), sleeper));

    @AfterEach
    void stop() {
        login.close();
    }

    static Request asQuery(URI uri) {
        return new Request("GET", uri.getRawPath(), uri.getRawQuery(), Map.of(), "");
    }

    @Test
    void authorizeUrl_asksForACodeWithApiAndRefreshTokenScope() {
        URI url = oauth.authorizeUrl("state-123", AuthorizeOptions.NONE);

        Request q = asQuery(url);
        assertThat(url.toString()).startsWith(login.baseUrl() + "/services/oauth2/authorize?");
        assertThat(q.param("response_type")).isEqualTo("code");
        assertThat(q.param("client_id")).isEqualTo("client-id-123");
        assertThat(q.param("redirect_uri")).isEqualTo("https://app.example.com/salesforce/callback");
        assertThat(q.param("state")).isEqualTo("state-123");
        assertThat(q.param("scope")).isEqualTo("api refresh_token");
        assertThat(url.getRawQuery()).contains("scope=api%20refresh_token").doesNotContain(CLIENT_SECRET);
        assertThat(q.param("login_hint")).isNull();
        assertThat(q.param("prompt")).isNull();
    }

    @Test
    void authorizeUrl_carriesLoginHintAndPromptWhenAsked() {
        URI url = oauth.authorizeUrl("s", new AuthorizeOptions("ann@acme.com", "login consent"));

        assertThat(asQuery(url).param("login_hint")).isEqualTo("ann@acme.com");
        assertThat(asQuery(url).param("prompt")).isEqualTo("login consent");
        assertThatThrownBy(() -> new AuthorizeOptions(null, "none&x=y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exchangeCode_postsTheFormAndReadsTokensAndIdentity() {
        login.on("POST", TOKEN, json(200, tokenResponse("access-1", "refresh-1", INSTANCE)));

        OAuthTokens tokens = oauth.exchangeCode("code/with+chars=", config.redirectUri());

        Request request = login.requests().get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.formParam("grant_type")).isEqualTo("authorization_code");
        assertThat(request.formParam("code")).isEqualTo("code/with+chars=");
        assertThat(request.formParam("client_id")).isEqualTo("client-id-123");
        assertThat(request.formParam("client_secret")).isEqualTo(CLIENT_SECRET);
        assertThat(request.formParam("redirect_uri")).isEqualTo("https://app.example.com/salesforce/callback");
        assertThat(tokens.accessToken()).isEqualTo("access-1");
        assertThat(tokens.refreshToken()).isEqualTo("refresh-1");
        assertThat(tokens.instanceUrl()).isEqualTo(INSTANCE);
        assertThat(tokens.orgId()).isEqualTo(ORG_ID);
        assertThat(tokens.sfUserId()).isEqualTo(SF_USER_ID);
        assertThat(tokens.issuedAt()).isEqualTo(Instant.ofEpochMilli(1700000000123L));
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.scope()).isEqualTo("refresh_token api");
        assertThat(tokens.toString()).doesNotContain("access-1", "refresh-1");
    }

    @Test
    void identityWith15CharacterIds_asSalesforceDocumentsIt_isReadAsThe18CharacterIdsRecordsCarry() {
        login.on("POST", TOKEN, json(200, tokenResponse("access-1", "refresh-1", INSTANCE,
                ORG_ID.substring(0, 15), SF_USER_ID.substring(0, 15))));

        OAuthTokens tokens = oauth.exchangeCode("code", config.redirectUri());

        assertThat(tokens.orgId()).isEqualTo(ORG_ID);
        assertThat(tokens.sfUserId()).isEqualTo(SF_USER_ID);
    }

    @Test
    void refresh_postsTheRefreshGrant_andHasNoRefreshTokenWithoutRotation() {
        login.on("POST", TOKEN, json(200, tokenResponse("access-2", null, INSTANCE)));

        OAuthTokens tokens = oauth.refresh("refresh-1");

        Request request = login.requests().get(0);
        assertThat(request.formParam("grant_type")).isEqualTo("refresh_token");
        assertThat(request.formParam("refresh_token")).isEqualTo("refresh-1");
        assertThat(tokens.accessToken()).isEqualTo("access-2");
        assertThat(tokens.refreshToken()).isNull();
    }

    @Test
    void refresh_withRotation_returnsTheNewRefreshToken() {
        login.on("POST", TOKEN, json(200, tokenResponse("access-2", "refresh-2", INSTANCE)));

        assertThat(oauth.refresh("refresh-1").refreshToken()).isEqualTo("refresh-2");
    }

    @Test
    void invalidGrantOfTheReferenceFile_isConnectionBroken() {
        login.on("POST", TOKEN, reference(400, "oauth-refresh-token-error-invalid-grant.json"));

        assertThatThrownBy(() -> oauth.refresh("revoked"))
                .isInstanceOf(ConnectionBrokenException.class)
                .hasMessageContaining("invalid_grant")
                .hasMessageNotContaining("revoked");
        assertThat(sleeper.sleeps).isEmpty();
    }

    @Test
    void theReferenceRefreshResponse_isRefusedBecauseItsSignatureDoesNotVerify() {
        login.on("POST", TOKEN, reference(200, "oauth-refresh-token-response.json"));

        SalesforceRequestException e = catchThrowableOfType(() -> oauth.refresh("r"),
                SalesforceRequestException.class);

        assertThat(e.errors()).extracting(SfError::statusCode).containsExactly("INVALID_SIGNATURE");
    }

    @Test
    void aResponseWhoseIdentityWasSwapped_isRefused() {
        String genuine = tokenResponse("a", null, INSTANCE);
        login.on("POST", TOKEN, json(200, genuine.replace(SF_USER_ID, "005xx000009ZZZZAAA")));

        assertThatThrownBy(() -> oauth.refresh("r")).isInstanceOf(SalesforceRequestException.class);
    }

    @Test
    void aResponseWithoutSignature_isRefused() {
        login.on("POST", TOKEN, json(200, tokenResponse("a", null, INSTANCE).replaceAll("\"signature\":\"[^\"]*\",", "")));

        assertThatThrownBy(() -> oauth.refresh("r")).isInstanceOf(SalesforceUnavailableException.class);
    }

    @Test
    void anInstanceUrlThatIsNotHttps_isRefused() {
        login.on("POST", TOKEN, json(200, tokenResponse("a", null, URI.create("http://evil.example.com"))));

        assertThatThrownBy(() -> oauth.refresh("r")).isInstanceOf(SalesforceUnavailableException.class);
    }

    @Test
    void otherOAuthErrors_areRequestExceptionsCarryingTheOAuthCode() {
        login.on("POST", TOKEN, json(400, "{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}"));

        SalesforceRequestException e = catchThrowableOfType(() -> oauth.refresh("r"), SalesforceRequestException.class);

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errors()).extracting(SfError::statusCode).containsExactly("invalid_client");
    }

    @Test
    void tokenEndpointOutages_areRetried() {
        login.on("POST", TOKEN, json(503, ""), json(200, tokenResponse("a", null, INSTANCE)));

        assertThat(oauth.refresh("r").accessToken()).isEqualTo("a");
        assertThat(sleeper.sleeps).hasSize(1);
    }

    @Test
    void config_neverShowsTheClientSecret_andNormalisesTheVersion() {
        SalesforceAppConfig c = new SalesforceAppConfig(URI.create("https://login.salesforce.com/"), "id",
                CLIENT_SECRET, URI.create("https://app.example.com/cb"), "v62.0");

        assertThat(c.toString()).doesNotContain(CLIENT_SECRET);
        assertThat(c.apiVersion()).isEqualTo("62.0");
        assertThat(c.dataPath()).isEqualTo("/services/data/v62.0");
        assertThat(c.loginUrl()).isEqualTo(URI.create("https://login.salesforce.com"));
    }

    @Test
    void config_refusesAPlainHttpLoginUrlOutsideLoopback() {
        assertThatThrownBy(() -> new SalesforceAppConfig(URI.create("http://login.salesforce.com"), "id", "s",
                URI.create("https://app.example.com/cb"), "62.0")).isInstanceOf(IllegalArgumentException.class);
    }
}
