package com.salesconnect.tasksync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.salesforce.SalesforceHttp.Replay;
import com.salesconnect.tasksync.salesforce.SalesforceTransport.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Salesforce OAuth 2.0 for the connected app: the web-server flow's authorize URL and code exchange, and the
 * refresh-token grant. Token responses are checked before use: the identity URL's signature (HMAC-SHA256 of
 * {@code id + issued_at} keyed with the client secret) must verify, so a tampered response cannot bind a
 * connection to another org or user. {@code invalid_grant} means the grant is gone: {@link ConnectionBrokenException}.
 */
public final class SalesforceOAuth {

    /** {@code api} for the REST API, {@code refresh_token} so the sync can renew sessions on its own. */
    public static final String SCOPE = "api refresh_token";

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceOAuth.class);
    private static final Pattern IDENTITY = Pattern.compile("/id/([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)/"
            + "([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)/?");
    private static final Set<String> PROMPTS = Set.of("login", "consent", "select_account");

    private final SalesforceAppConfig config;
    private final SalesforceHttp http;

    /** Optional parameters of the authorize URL; {@code prompt} is space-separated login, consent, select_account. */
    public record AuthorizeOptions(String loginHint, String prompt) {
        public static final AuthorizeOptions NONE = new AuthorizeOptions(null, null);

        public AuthorizeOptions {
            if (prompt != null && (prompt.isBlank()
                    || !PROMPTS.containsAll(List.of(prompt.trim().split("\\s+"))))) {
                throw new IllegalArgumentException("prompt must be login, consent and/or select_account");
            }
            if (loginHint != null && (loginHint.isBlank() || loginHint.length() > 320)) {
                throw new IllegalArgumentException("loginHint must be a user name");
            }
        }
    }

    public SalesforceOAuth(SalesforceAppConfig config, SalesforceHttp http) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
    }

    public SalesforceAppConfig config() {
        return config;
    }

    /** Where to send the user's browser to grant access; {@code state} comes back to the callback. */
    public URI authorizeUrl(String state, AuthorizeOptions options) {
        Objects.requireNonNull(state, "state");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", config.clientId());
        params.put("redirect_uri", config.redirectUri().toString());
        params.put("state", state);
        params.put("scope", SCOPE);
        if (options.loginHint() != null) {
            params.put("login_hint", options.loginHint());
        }
        if (options.prompt() != null) {
            params.put("prompt", options.prompt().trim());
        }
        return URI.create(config.loginUrl() + "/services/oauth2/authorize?" + form(params));
    }

    /** The web-server flow's second step: the code of the callback for tokens (a refresh token included). */
    public OAuthTokens exchangeCode(String code, URI redirectUri) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", Objects.requireNonNull(code, "code"));
        params.put("client_id", config.clientId());
        params.put("client_secret", config.clientSecret().value());
        params.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri").toString());
        return token("exchangeCode", params);
    }

    /** A new access token for a refresh token (and a new refresh token when the app rotates them). */
    public OAuthTokens refresh(String refreshToken) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "refresh_token");
        params.put("refresh_token", Objects.requireNonNull(refreshToken, "refreshToken"));
        params.put("client_id", config.clientId());
        params.put("client_secret", config.clientSecret().value());
        return token("refresh", params);
    }

    private OAuthTokens token(String operation, Map<String, String> params) {
        URI uri = URI.create(config.loginUrl() + "/services/oauth2/token");
        String body = form(params);
        // Safe to replay: a lost answer leaves nothing half done that a second request would duplicate.
        Response response = http.send("oauth " + operation, () -> http.request(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .post(body), Replay.SAFE);
        if (response.statusCode() != 200) {
            throw failure(operation, response);
        }
        try {
            return parse(http.json().read(response.body()));
        } catch (SfJson.UnreadableResponse e) {
            LOG.warn("Salesforce oauth {} answered an unreadable response: {}", operation, e.getMessage());
            throw new SalesforceUnavailableException("Salesforce oauth " + operation
                    + " answered an unreadable response", null);
        }
    }

    private SalesforceException failure(String operation, Response response) {
        String error = null;
        String description = null;
        try {
            JsonNode node = http.json().read(response.body());
            error = SfJson.text(node, "error");
            description = SfJson.text(node, "error_description");
        } catch (SfJson.UnreadableResponse | IllegalArgumentException e) {
            // no OAuth error body: the status alone is reported
        }
        LOG.warn("Salesforce oauth {} answered HTTP {} {}", operation, response.statusCode(), error);
        if ("invalid_grant".equals(error)) {
            return new ConnectionBrokenException("Salesforce refused the grant (invalid_grant)", null);
        }
        return new SalesforceRequestException(response.statusCode(),
                List.of(new SfError(error == null ? "UNKNOWN" : error, description, List.of())));
    }

    private OAuthTokens parse(JsonNode r) {
        String accessToken = required(r, "access_token");
        String id = required(r, "id");
        String issuedAt = required(r, "issued_at");
        String signature = required(r, "signature");
        if (!signatureMatches(id, issuedAt, signature)) {
            LOG.warn("Salesforce oauth answer has a signature that does not verify");
            throw new SalesforceRequestException(200, List.of(new SfError("INVALID_SIGNATURE",
                    "the token response's signature does not verify", List.of())));
        }
        Matcher identity = IDENTITY.matcher(identityPath(id));
        if (!identity.matches()) {
            throw new SfJson.UnreadableResponse("id is not an identity URL");
        }
        URI instanceUrl;
        try {
            instanceUrl = InstanceUrls.requireSafe(required(r, "instance_url"));
        } catch (IllegalArgumentException e) {
            throw new SfJson.UnreadableResponse("instance_url is not an https URL");
        }
        Instant issued;
        try {
            issued = Instant.ofEpochMilli(Long.parseLong(issuedAt));
        } catch (NumberFormatException e) {
            throw new SfJson.UnreadableResponse("issued_at is not a number");
        }
        // Salesforce's documented identity URLs carry 15-character ids, records and outbound messages 18-character
        // ones: the connection keeps the 18-character form so that owner routing matches what messages send.
        return new OAuthTokens(accessToken, text(r, "refresh_token"), instanceUrl, id,
                SalesforceIds.to18(identity.group(1)), SalesforceIds.to18(identity.group(2)), issued,
                text(r, "token_type"), text(r, "scope"));
    }

    private boolean signatureMatches(String id, String issuedAt, String signature) {
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.clientSecret().value().getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            expected = mac.doFinal((id + issuedAt).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        byte[] actual;
        try {
            actual = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, actual);
    }

    private static String identityPath(String id) {
        try {
            String path = URI.create(id).getRawPath();
            return path == null ? "" : path;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String required(JsonNode r, String field) {
        String value = text(r, field);
        if (value == null || value.isBlank()) {
            throw new SfJson.UnreadableResponse("no " + field);
        }
        return value;
    }

    private static String text(JsonNode r, String field) {
        try {
            return SfJson.text(r, field);
        } catch (IllegalArgumentException e) {
            throw new SfJson.UnreadableResponse(field + " is not text");
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                // %20 rather than '+' for spaces (the scope): correct in a query string and in a form body.
                .map(pair -> pair.replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }
}
