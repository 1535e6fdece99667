package com.salesconnect.tasksync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.emulator.org.ConnectedApp;
import com.salesconnect.tasksync.emulator.org.SeedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.salesconnect.tasksync.emulator.EmulatorFixture.V;
import static org.assertj.core.api.Assertions.assertThat;

class OAuthFlowTest {

    private static final String REDIRECT = "https://app.example.com/oauth/callback";

    private EmulatorFixture fx = new EmulatorFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    private void restart(java.util.function.UnaryOperator<EmulatorConfig> customise) {
        fx.close();
        fx = new EmulatorFixture(customise);
    }

    private String authorizeUrl(String extra) {
        return "/services/oauth2/authorize?response_type=code&client_id=" + fx.sf.connectedApp().clientId()
                + "&redirect_uri=" + java.net.URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&state=xyz%2B1" + extra;
    }

    /** Follows the authorize redirect and returns its query parameters. */
    private Map<String, List<String>> authorize(String extra) {
        TestHttp.Res res = fx.http.get(authorizeUrl(extra), null);
        assertThat(res.status()).isEqualTo(302);
        String location = res.header("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?");
        return com.salesconnect.tasksync.emulator.http.FormEncoding.parse(URI.create(location).getRawQuery());
    }

    private TestHttp.Res exchange(String code) {
        return fx.http.form("/services/oauth2/token", TestHttp.form("grant_type", "authorization_code",
                "code", code, "client_id", fx.sf.connectedApp().clientId(),
                "client_secret", fx.sf.connectedApp().clientSecret(), "redirect_uri", REDIRECT));
    }

    private TestHttp.Res refresh(String refreshToken) {
        return fx.http.form("/services/oauth2/token", TestHttp.form("grant_type", "refresh_token",
                "refresh_token", refreshToken, "client_id", fx.sf.connectedApp().clientId(),
                "client_secret", fx.sf.connectedApp().clientSecret()));
    }

    private JsonNode codeFlow() {
        String code = authorize("&login_hint=demo%40example.com").get("code").get(0);
        TestHttp.Res res = exchange(code);
        assertThat(res.status()).isEqualTo(200);
        return res.json();
    }

    private int limitsStatus(String accessToken) {
        return fx.http.get(V + "/limits", accessToken).status();
    }

    @Test
    void authorize_withLoginHintRedirectsWithCodeAndState() {
        Map<String, List<String>> query = authorize("&login_hint=demo%40example.com&scope=api%20refresh_token");
        assertThat(query.get("code").get(0)).isNotBlank();
        assertThat(query.get("state")).containsExactly("xyz+1");
    }

    @Test
    void authorize_withoutLoginHintShowsAFormListingTheUsers() {
        TestHttp.Res res = fx.http.get(authorizeUrl(""), null);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(res.body()).contains("demo@example.com", "sam@example.com", "name=\"login_hint\"",
                "name=\"state\" value=\"xyz+1\"");
    }

    @Test
    void authorize_refusesAnUnknownClientAndAnUnregisteredRedirect() {
        TestHttp.Res unknownClient = fx.http.get("/services/oauth2/authorize?response_type=code&client_id=nope"
                + "&redirect_uri=https%3A%2F%2Fx&login_hint=demo%40example.com", null);
        assertThat(unknownClient.status()).isEqualTo(400);
        assertThat(unknownClient.body()).contains("invalid_client_id");

        restart(c -> c.withSeed(SeedData.demo().withConnectedApp(new ConnectedApp("cid", "secret",
                List.of("https://registered.example.com/cb")))));
        TestHttp.Res mismatch = fx.http.get("/services/oauth2/authorize?response_type=code&client_id=cid"
                + "&redirect_uri=https%3A%2F%2Fevil.example.com%2Fcb&login_hint=demo%40example.com", null);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body()).contains("redirect_uri_mismatch");
    }

    @Test
    void authorize_anotherResponseTypeRedirectsWithAnError() {
        TestHttp.Res res = fx.http.get(authorizeUrl("&login_hint=demo%40example.com").replace("response_type=code",
                "response_type=token"), null);
        assertThat(res.status()).isEqualTo(302);
        assertThat(res.header("Location").orElseThrow()).contains("error=unsupported_response_type");
    }

    @Test
    void token_answersLikeSalesforceWithAVerifiableSignature() throws Exception {
        JsonNode token = codeFlow();
        assertThat(token.fieldNames()).toIterable().containsExactly("access_token", "refresh_token", "signature",
                "scope", "instance_url", "id", "token_type", "issued_at");
        String orgId = fx.sf.org().id();
        assertThat(token.get("id").asText()).isEqualTo(fx.sf.baseUrl() + "/id/" + orgId + "/" + fx.demoUserId());
        assertThat(token.get("instance_url").asText()).isEqualTo(fx.sf.baseUrl());
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.get("issued_at").asText()).isEqualTo(Long.toString(EmulatorFixture.T0.toEpochMilli()));
        assertThat(token.get("access_token").asText()).startsWith(orgId.substring(0, 15) + "!");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(fx.sf.connectedApp().clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal((token.get("id").asText()
                + token.get("issued_at").asText()).getBytes(StandardCharsets.UTF_8)));
        assertThat(token.get("signature").asText()).isEqualTo(expected);
        assertThat(limitsStatus(token.get("access_token").asText())).isEqualTo(200);
    }

    @Test
    void token_anAuthorizationCodeWorksOnce() {
        String code = authorize("&login_hint=demo%40example.com").get("code").get(0);
        assertThat(exchange(code).status()).isEqualTo(200);
        TestHttp.Res again = exchange(code);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void token_anAuthorizationCodeExpiresAfter15Minutes() {
        String code = authorize("&login_hint=demo%40example.com").get("code").get(0);
        fx.clock.advance(Duration.ofMinutes(15));
        TestHttp.Res res = exchange(code);
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get("error_description").asText()).isEqualTo("expired authorization code");
    }

    @Test
    void token_theRedirectUriMustMatchTheAuthorizeRequest() {
        String code = authorize("&login_hint=demo%40example.com").get("code").get(0);
        TestHttp.Res res = fx.http.form("/services/oauth2/token", TestHttp.form("grant_type", "authorization_code",
                "code", code, "client_id", fx.sf.connectedApp().clientId(),
                "client_secret", fx.sf.connectedApp().clientSecret(), "redirect_uri", "https://other.example.com"));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get("error").asText()).isEqualTo("redirect_uri_mismatch");
    }

    @Test
    void token_badClientCredentialsAreRefused() {
        TestHttp.Res res = fx.http.form("/services/oauth2/token", TestHttp.form("grant_type", "password",
                "client_id", fx.sf.connectedApp().clientId(), "client_secret", "wrong",
                "username", SeedData.DEMO_USERNAME, "password", SeedData.DEMO_PASSWORD));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get("error").asText()).isEqualTo("invalid_client");
        TestHttp.Res badUser = fx.http.form("/services/oauth2/token", TestHttp.form("grant_type", "password",
                "client_id", fx.sf.connectedApp().clientId(), "client_secret", fx.sf.connectedApp().clientSecret(),
                "username", SeedData.DEMO_USERNAME, "password", "guess"));
        assertThat(badUser.json().get("error").asText()).isEqualTo("invalid_grant");
        TestHttp.Res badGrant = fx.http.form("/services/oauth2/token", TestHttp.form("grant_type", "client_credentials"));
        assertThat(badGrant.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void token_acceptsClientCredentialsInABasicHeader() {
        String basic = Base64.getEncoder().encodeToString((fx.sf.connectedApp().clientId() + ":"
                + fx.sf.connectedApp().clientSecret()).getBytes(StandardCharsets.UTF_8));
        TestHttp.Res res = fx.http.raw(fx.http.request("/services/oauth2/token", null)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestHttp.encode(TestHttp.form(
                        "grant_type", "password", "username", SeedData.DEMO_USERNAME,
                        "password", SeedData.DEMO_PASSWORD)))));
        assertThat(res.status()).isEqualTo(200);
    }

    @Test
    void pkce_theCodeVerifierMustMatchTheChallenge() throws Exception {
        String verifier = "a-very-long-random-verifier-string-of-at-least-43-characters";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String code = authorize("&login_hint=demo%40example.com&code_challenge=" + challenge).get("code").get(0);
        TestHttp.Res wrong = fx.http.form("/services/oauth2/token", TestHttp.form("grant_type", "authorization_code",
                "code", code, "client_id", fx.sf.connectedApp().clientId(), "redirect_uri", REDIRECT,
                "code_verifier", "wrong-verifier"));
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_grant");
        String code2 = authorize("&login_hint=demo%40example.com&code_challenge=" + challenge).get("code").get(0);
        TestHttp.Res right = fx.http.form("/services/oauth2/token", TestHttp.form("grant_type", "authorization_code",
                "code", code2, "client_id", fx.sf.connectedApp().clientId(), "redirect_uri", REDIRECT,
                "code_verifier", verifier));
        assertThat(right.status()).isEqualTo(200);
    }

    @Test
    void accessToken_expiresAfterItsLifetimeAndRefreshRenewsIt() {
        JsonNode token = codeFlow();
        String access = token.get("access_token").asText();
        fx.clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(limitsStatus(access)).isEqualTo(200);
        fx.clock.advance(Duration.ofSeconds(1));
        TestHttp.Res expired = fx.http.get(V + "/limits", access);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");

        TestHttp.Res renewed = refresh(token.get("refresh_token").asText());
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.json().has("refresh_token")).as("no rotation: no new refresh token").isFalse();
        assertThat(renewed.json().get("instance_url").asText()).isEqualTo(fx.sf.baseUrl());
        assertThat(limitsStatus(renewed.json().get("access_token").asText())).isEqualTo(200);
        assertThat(refresh(token.get("refresh_token").asText()).status()).as("still valid").isEqualTo(200);
    }

    @Test
    void rotation_eachRefreshAnswersANewRefreshTokenAndRetiresTheOldOne() {
        restart(c -> c.withRefreshTokenRotation(true, Duration.ZERO));
        String first = codeFlow().get("refresh_token").asText();
        TestHttp.Res r1 = refresh(first);
        String second = r1.json().get("refresh_token").asText();
        assertThat(second).isNotEqualTo(first);
        TestHttp.Res reuse = refresh(first);
        assertThat(reuse.status()).isEqualTo(400);
        assertThat(reuse.json()).isEqualTo(TestHttp.JSON.createObjectNode().put("error", "invalid_grant")
                .put("error_description", "expired access/refresh token"));
        assertThat(refresh(second).status()).isEqualTo(200);
    }

    @Test
    void rotation_theOldRefreshTokenLastsForTheGracePeriod() {
        restart(c -> c.withRefreshTokenRotation(true, Duration.ofSeconds(30)));
        String first = codeFlow().get("refresh_token").asText();
        assertThat(refresh(first).status()).isEqualTo(200);
        fx.clock.advance(Duration.ofSeconds(29));
        assertThat(refresh(first).status()).isEqualTo(200);
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(refresh(first).status()).isEqualTo(400);
    }

    @Test
    void revoke_aRefreshTokenRevokesItsAccessTokensToo() {
        JsonNode token = codeFlow();
        String access = token.get("access_token").asText();
        String renewed = refresh(token.get("refresh_token").asText()).json().get("access_token").asText();
        TestHttp.Res revoke = fx.http.form("/services/oauth2/revoke",
                TestHttp.form("token", token.get("refresh_token").asText()));
        assertThat(revoke.status()).isEqualTo(200);
        assertThat(limitsStatus(access)).isEqualTo(401);
        assertThat(limitsStatus(renewed)).isEqualTo(401);
        TestHttp.Res refreshAfter = refresh(token.get("refresh_token").asText());
        assertThat(refreshAfter.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void revoke_anAccessTokenRevokesOnlyIt() {
        JsonNode token = codeFlow();
        fx.http.form("/services/oauth2/revoke", TestHttp.form("token", token.get("access_token").asText()));
        assertThat(limitsStatus(token.get("access_token").asText())).isEqualTo(401);
        assertThat(refresh(token.get("refresh_token").asText()).status()).isEqualTo(200);
        assertThat(fx.http.form("/services/oauth2/revoke", TestHttp.form("token", "unknown")).status()).isEqualTo(400);
    }

    @Test
    void userinfo_describesTheTokensUser() {
        String access = codeFlow().get("access_token").asText();
        TestHttp.Res res = fx.http.get("/services/oauth2/userinfo", access);
        assertThat(res.status()).isEqualTo(200);
        JsonNode info = res.json();
        assertThat(info.get("user_id").asText()).isEqualTo(fx.demoUserId());
        assertThat(info.get("organization_id").asText()).isEqualTo(fx.sf.org().id());
        assertThat(info.get("preferred_username").asText()).isEqualTo(SeedData.DEMO_USERNAME);
        assertThat(info.get("email").asText()).isEqualTo(SeedData.DEMO_USERNAME);
        assertThat(info.get("zoneinfo").asText()).isEqualTo("Europe/Berlin");
        TestHttp.Res identity = fx.http.get("/id/" + fx.sf.org().id() + "/" + fx.demoUserId(), access);
        assertThat(identity.json().get("user_id").asText()).isEqualTo(fx.demoUserId());
        assertThat(fx.http.get("/services/oauth2/userinfo", "bogus").status()).isEqualTo(403);
    }

    @Test
    void passwordGrant_issuesARefreshTokenForScripts() {
        JsonNode token = fx.login("sam@example.com", "sam-password");
        assertThat(token.get("refresh_token").asText()).isNotBlank();
        assertThat(token.get("id").asText()).endsWith("/" + fx.sf.org().user("sam@example.com").id());
    }

    @Test
    void openPasswordGrant_acceptsAnyClientIdButStillChecksThePassword() {
        restart(c -> c.withOpenPasswordGrant(true));
        TestHttp.Res res = fx.http.form("/services/oauth2/token", TestHttp.form("grant_type", "password",
                "client_id", "some-script", "username", SeedData.DEMO_USERNAME, "password", SeedData.DEMO_PASSWORD));
        assertThat(res.status()).isEqualTo(200);
        assertThat(limitsStatus(res.json().get("access_token").asText())).isEqualTo(200);
        TestHttp.Res wrong = fx.http.form("/services/oauth2/token", TestHttp.form("grant_type", "password",
                "client_id", "some-script", "username", SeedData.DEMO_USERNAME, "password", "guess"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_grant");
        TestHttp.Res refreshByStranger = fx.http.form("/services/oauth2/token", TestHttp.form(
                "grant_type", "refresh_token", "client_id", "some-script",
                "refresh_token", res.json().get("refresh_token").asText()));
        assertThat(refreshByStranger.json().get("error").asText()).isEqualTo("invalid_client_id");
    }

    @Test
    void passwordGrant_refusesAnUnknownClientByDefault() {
        TestHttp.Res res = fx.http.form("/services/oauth2/token", TestHttp.form("grant_type", "password",
                "client_id", "some-script", "username", SeedData.DEMO_USERNAME, "password", SeedData.DEMO_PASSWORD));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get("error").asText()).isEqualTo("invalid_client_id");
    }

    @Test
    void login_connectsAUserFromJavaWithoutABrowser() {
        Map<String, String> tokens = fx.sf.login("sam@example.com");
        assertThat(tokens.get("instance_url")).isEqualTo(fx.sf.baseUrl());
        assertThat(limitsStatus(tokens.get("access_token"))).isEqualTo(200);
        assertThat(refresh(tokens.get("refresh_token")).status()).isEqualTo(200);
    }

    @Test
    void expireAllSessions_invalidatesAccessTokensButNotRefreshTokens() {
        JsonNode token = codeFlow();
        fx.sf.expireAllSessions();
        assertThat(limitsStatus(token.get("access_token").asText())).isEqualTo(401);
        assertThat(refresh(token.get("refresh_token").asText()).status()).isEqualTo(200);
    }
}
