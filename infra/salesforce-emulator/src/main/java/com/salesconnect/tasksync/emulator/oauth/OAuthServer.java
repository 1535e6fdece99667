package com.salesconnect.tasksync.emulator.oauth;

import com.salesconnect.tasksync.emulator.http.FormEncoding;
import com.salesconnect.tasksync.emulator.http.HttpCall;
import com.salesconnect.tasksync.emulator.org.ConnectedApp;
import com.salesconnect.tasksync.emulator.org.Org;
import com.salesconnect.tasksync.emulator.org.OrgDirectory;
import com.salesconnect.tasksync.emulator.org.User;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Salesforce's OAuth 2.0 endpoints as state and rules: authorization codes (single use, 15 minutes), access
 * tokens (fixed lifetime from issue), refresh tokens (valid until revoked; rotated on use when configured, the
 * used one staying valid for a grace period), revocation of a refresh token with every token issued from it.
 * Token values are secrets: nothing here logs them, and {@link Session#toString()} leaves them out.
 */
public final class OAuthServer {

    /**
     * The policy knobs of the connected app and org.
     *
     * @param openPasswordGrant the password grant accepts any client (local runs only)
     */
    public record Policy(Duration accessTokenLifetime, boolean refreshTokenRotation, Duration rotationGracePeriod,
                         boolean openPasswordGrant) {

        public Policy(Duration accessTokenLifetime, boolean refreshTokenRotation, Duration rotationGracePeriod) {
            this(accessTokenLifetime, refreshTokenRotation, rotationGracePeriod, false);
        }
    }

    /** An authenticated API session. */
    public record Session(Org org, User user, Instant expiresAt, String scope) {
    }

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
    private static final String TOKEN_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
    private static final String DEFAULT_SCOPE = "api refresh_token";

    private record Code(String orgId, String userId, String redirectUri, String scope, String codeChallenge,
                        Instant expiresAt) {
    }

    private record Refresh(String orgId, String userId, String scope, String family, Instant invalidAfter,
                           boolean revoked) {
        boolean usable(Instant now) {
            return !revoked && (invalidAfter == null || now.isBefore(invalidAfter));
        }
    }

    private record Access(String orgId, String userId, String scope, String family, Instant expiresAt,
                          boolean revoked) {
    }

    private final Clock clock;
    private final ConnectedApp app;
    private final OrgDirectory orgs;
    private final Policy policy;
    private final Supplier<String> baseUrl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, Refresh> refreshTokens = new HashMap<>();
    private final Map<String, Access> accessTokens = new HashMap<>();
    /** The authorization codes issued and the state values and PKCE verifiers received (for secret scans). */
    private final java.util.Set<String> flowValues = new java.util.HashSet<>();

    public OAuthServer(Clock clock, ConnectedApp app, OrgDirectory orgs, Policy policy, Supplier<String> baseUrl) {
        this.clock = clock;
        this.app = app;
        this.orgs = orgs;
        this.policy = policy;
        this.baseUrl = baseUrl;
    }

    public ConnectedApp connectedApp() {
        return app;
    }

    // ------------------------------------------------------------------ authorize

    /** What {@code GET /services/oauth2/authorize} answers. */
    public sealed interface AuthorizeResult {
        record Redirect(String location) implements AuthorizeResult {
        }

        /** No (known) login_hint: show a page to pick the user; {@code params} go back in the form. */
        record ChooseUser(List<User> users, Map<String, String> params) implements AuthorizeResult {
        }

        record ErrorPage(int status, String error, String description) implements AuthorizeResult {
        }
    }

    public synchronized AuthorizeResult authorize(Map<String, String> params) {
        String clientId = params.get("client_id");
        String redirectUri = params.get("redirect_uri");
        if (clientId == null || !clientId.equals(app.clientId())) {
            return new AuthorizeResult.ErrorPage(400, "invalid_client_id", "client identifier invalid");
        }
        if (redirectUri == null || redirectUri.isBlank() || !app.allowsRedirect(redirectUri)) {
            return new AuthorizeResult.ErrorPage(400, "redirect_uri_mismatch",
                    "redirect_uri must match configuration");
        }
        String state = params.get("state");
        if (state != null) {
            flowValues.add(state);
        }
        if (!"code".equals(params.get("response_type"))) {
            return redirectError(redirectUri, "unsupported_response_type", "response type not supported", state);
        }
        String challenge = params.get("code_challenge");
        String method = params.getOrDefault("code_challenge_method", "S256");
        if (challenge != null && !"S256".equals(method)) {
            return redirectError(redirectUri, "invalid_request", "code_challenge_method must be S256", state);
        }
        Optional<User> user = orgs.userByUsername(params.get("login_hint"));
        if (user.isEmpty()) {
            return new AuthorizeResult.ChooseUser(orgs.allUsers(), params);
        }
        purgeExpired();
        String code = "aPrx" + token(64);
        flowValues.add(code);
        codes.put(code, new Code(user.get().orgId(), user.get().id(), redirectUri,
                params.getOrDefault("scope", DEFAULT_SCOPE), challenge, clock.instant().plus(CODE_LIFETIME)));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("code", code);
        if (state != null) {
            query.put("state", state);
        }
        return new AuthorizeResult.Redirect(withQuery(redirectUri, query));
    }

    private static AuthorizeResult redirectError(String redirectUri, String error, String description, String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("error", error);
        query.put("error_description", description);
        if (state != null) {
            query.put("state", state);
        }
        return new AuthorizeResult.Redirect(withQuery(redirectUri, query));
    }

    // ------------------------------------------------------------------ token

    /**
     * {@code POST /services/oauth2/token}: the form and, when the client authenticates with HTTP Basic, the
     * client id and secret from the header (already decoded).
     */
    public synchronized Map<String, String> token(Map<String, String> form) {
        String grant = form.get("grant_type");
        if (grant == null || !List.of("authorization_code", "refresh_token", "password").contains(grant)) {
            throw new OAuthError(400, "unsupported_grant_type", "grant type not supported");
        }
        if (grant.equals("password") && policy.openPasswordGrant()) {
            purgeExpired();
            return password(form);
        }
        if (!app.clientId().equals(form.get("client_id"))) {
            throw new OAuthError(400, "invalid_client_id", "client identifier invalid");
        }
        String secret = form.get("client_secret");
        boolean pkce = grant.equals("authorization_code") && form.get("code_verifier") != null;
        if ((secret == null && !pkce) || (secret != null && !constantTimeEquals(secret, app.clientSecret()))) {
            throw new OAuthError(400, "invalid_client", "invalid client credentials");
        }
        purgeExpired();
        return switch (grant) {
            case "authorization_code" -> authorizationCode(form);
            case "refresh_token" -> refresh(form);
            default -> password(form);
        };
    }

    private Map<String, String> authorizationCode(Map<String, String> form) {
        String codeValue = form.getOrDefault("code", "");
        if (form.get("code_verifier") != null) {
            flowValues.add(form.get("code_verifier"));
        }
        Code code = codes.remove(codeValue);
        if (code == null) {
            throw new OAuthError(400, "invalid_grant", "invalid authorization code");
        }
        if (!clock.instant().isBefore(code.expiresAt())) {
            throw new OAuthError(400, "invalid_grant", "expired authorization code");
        }
        if (!code.redirectUri().equals(form.get("redirect_uri"))) {
            throw new OAuthError(400, "redirect_uri_mismatch", "redirect_uri must match configuration");
        }
        if (code.codeChallenge() != null && !code.codeChallenge().equals(s256(form.get("code_verifier")))) {
            throw new OAuthError(400, "invalid_grant", "invalid code verifier");
        }
        return issue(code.orgId(), code.userId(), code.scope(), true);
    }

    private Map<String, String> refresh(Map<String, String> form) {
        String presented = form.getOrDefault("refresh_token", "");
        Refresh refresh = refreshTokens.get(presented);
        Instant now = clock.instant();
        if (refresh == null || !refresh.usable(now)) {
            throw new OAuthError(400, "invalid_grant", "expired access/refresh token");
        }
        Map<String, String> response = issueAccess(refresh.orgId(), refresh.userId(), refresh.scope(),
                refresh.family());
        if (policy.refreshTokenRotation()) {
            if (refresh.invalidAfter() == null) {
                refreshTokens.put(presented, new Refresh(refresh.orgId(), refresh.userId(), refresh.scope(),
                        refresh.family(), now.plus(policy.rotationGracePeriod()), false));
            }
            String rotated = newRefreshToken(refresh.orgId(), refresh.userId(), refresh.scope(), refresh.family());
            return withRefreshToken(response, rotated);
        }
        return response;
    }

    /**
     * The username-password grant. Real orgs issue no refresh token for it; the emulator does, so scripts
     * and tests can get a refresh token without a browser (documented in the README).
     */
    private Map<String, String> password(Map<String, String> form) {
        Optional<User> user = orgs.userByUsername(form.get("username"));
        String password = form.getOrDefault("password", "");
        if (user.isEmpty() || !user.get().active() || !constantTimeEquals(password, user.get().password())) {
            throw new OAuthError(400, "invalid_grant", "authentication failure");
        }
        return issue(user.get().orgId(), user.get().id(), DEFAULT_SCOPE, true);
    }

    private Map<String, String> issue(String orgId, String userId, String scope, boolean withRefresh) {
        String family = token(16);
        Map<String, String> response = issueAccess(orgId, userId, scope, family);
        if (!withRefresh || !scope.contains("refresh_token") && !scope.contains("offline_access")) {
            return response;
        }
        return withRefreshToken(response, newRefreshToken(orgId, userId, scope, family));
    }

    private Map<String, String> issueAccess(String orgId, String userId, String scope, String family) {
        Instant now = clock.instant();
        String access = orgId.substring(0, 15) + "!" + token(96);
        accessTokens.put(access, new Access(orgId, userId, scope, family, now.plus(policy.accessTokenLifetime()),
                false));
        String id = baseUrl.get() + "/id/" + orgId + "/" + userId;
        String issuedAt = Long.toString(now.toEpochMilli());
        Map<String, String> response = new LinkedHashMap<>();
        response.put("access_token", access);
        response.put("signature", signature(id + issuedAt));
        response.put("scope", scope);
        response.put("instance_url", baseUrl.get());
        response.put("id", id);
        response.put("token_type", "Bearer");
        response.put("issued_at", issuedAt);
        return response;
    }

    private String newRefreshToken(String orgId, String userId, String scope, String family) {
        String refresh = "5Aep861" + token(80);
        refreshTokens.put(refresh, new Refresh(orgId, userId, scope, family, null, false));
        return refresh;
    }

    private static Map<String, String> withRefreshToken(Map<String, String> response, String refresh) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("access_token", response.get("access_token"));
        out.put("refresh_token", refresh);
        response.forEach(out::putIfAbsent);
        return out;
    }

    // ------------------------------------------------------------------ sessions

    /** The session of a bearer token, if it is known, unrevoked and unexpired. */
    public synchronized Optional<Session> authenticate(String accessToken) {
        Access access = accessToken == null ? null : accessTokens.get(accessToken);
        if (access == null || access.revoked() || !clock.instant().isBefore(access.expiresAt())) {
            return Optional.empty();
        }
        Org org = orgs.org(access.orgId()).orElseThrow();
        User user = org.user(access.userId()).orElseThrow();
        return Optional.of(new Session(org, user, access.expiresAt(), access.scope()));
    }

    /** The bearer token of an {@code Authorization: Bearer ...} (or Salesforce's {@code OAuth ...}) header. */
    public static Optional<String> bearer(HttpCall call) {
        return call.header("Authorization").map(String::trim).flatMap(h -> {
            int space = h.indexOf(' ');
            if (space < 0) {
                return Optional.empty();
            }
            String scheme = h.substring(0, space);
            return scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("OAuth")
                    ? Optional.of(h.substring(space + 1).trim()) : Optional.empty();
        });
    }

    /** A session for the outbound message's SessionId (Salesforce sends one of the "send as" user). */
    public synchronized String mintSession(Org org, User user) {
        String access = org.id().substring(0, 15) + "!" + token(96);
        accessTokens.put(access, new Access(org.id(), user.id(), "api", null,
                clock.instant().plus(policy.accessTokenLifetime()), false));
        return access;
    }

    /** Whether a token minted by {@link #mintSession} is still usable (so it can be reused). */
    public synchronized boolean isUsable(String accessToken) {
        Access access = accessTokens.get(accessToken);
        return access != null && !access.revoked()
                && clock.instant().plus(Duration.ofMinutes(1)).isBefore(access.expiresAt());
    }

    /** {@code POST /services/oauth2/revoke}: a refresh token takes its whole family with it. */
    public synchronized void revoke(String token) {
        Refresh refresh = token == null ? null : refreshTokens.get(token);
        if (refresh != null) {
            String family = refresh.family();
            refreshTokens.replaceAll((k, r) -> r.family().equals(family)
                    ? new Refresh(r.orgId(), r.userId(), r.scope(), r.family(), r.invalidAfter(), true) : r);
            accessTokens.replaceAll((k, a) -> family.equals(a.family()) ? revoked(a) : a);
            return;
        }
        Access access = token == null ? null : accessTokens.get(token);
        if (access == null) {
            throw new OAuthError(400, "invalid_token", "invalid token");
        }
        accessTokens.put(token, revoked(access));
    }

    /** Every access and refresh token issued so far (also the outbound messages' session ids): for secret scans. */
    public synchronized java.util.Set<String> issuedTokens() {
        java.util.Set<String> all = new java.util.HashSet<>(accessTokens.keySet());
        all.addAll(refreshTokens.keySet());
        return all;
    }

    /** Every authorization code issued and every state value and PKCE code verifier received so far: for secret
     *  scans (a logged code or verifier could be redeemed, a logged state forged into a login). */
    public synchronized java.util.Set<String> authorizationFlowValues() {
        return new java.util.HashSet<>(flowValues);
    }

    /** Every access token stops working now; refresh tokens keep working (a fault for tests). */
    public synchronized void expireAllSessions() {
        accessTokens.replaceAll((k, a) -> revoked(a));
    }

    private static Access revoked(Access a) {
        return new Access(a.orgId(), a.userId(), a.scope(), a.family(), a.expiresAt(), true);
    }

    // ------------------------------------------------------------------ helpers

    private void purgeExpired() {
        Instant now = clock.instant();
        codes.values().removeIf(c -> !now.isBefore(c.expiresAt().plus(CODE_LIFETIME)));
        accessTokens.values().removeIf(a -> now.isAfter(a.expiresAt().plus(Duration.ofDays(1))));
    }

    private String signature(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(app.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String s256(String verifier) {
        if (verifier == null) {
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String token(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
        }
        return b.toString();
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String withQuery(String uri, Map<String, String> query) {
        StringBuilder b = new StringBuilder(uri).append(uri.contains("?") ? '&' : '?');
        boolean first = true;
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (!first) {
                b.append('&');
            }
            first = false;
            b.append(FormEncoding.encode(e.getKey())).append('=').append(FormEncoding.encode(e.getValue()));
        }
        return b.toString();
    }
}
