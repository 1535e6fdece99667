package com.salesconnect.tasksync.local.apigateway;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the HTTP API's JWT authorizer: {@code Authorization: Bearer dev:<userId>} is a "token" whose
 * verified claims are {@code sub = userId} plus the issuer and audience the template's authorizer expects. Anything
 * else is refused, as API Gateway refuses an invalid JWT (401, the function is not invoked).
 */
public final class DevAuthorizer {

    /** User ids as the pages and tests use them: short, no spaces or separators that could confuse a key. */
    private static final Pattern BEARER = Pattern.compile("Bearer dev:([A-Za-z0-9._@+-]{1,128})");

    private final String issuer;
    private final String audience;

    public DevAuthorizer(String issuer, String audience) {
        this.issuer = issuer;
        this.audience = audience;
    }

    /** The user id of a well-formed header. */
    public static Optional<String> userId(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Optional.empty();
        }
        Matcher m = BEARER.matcher(authorizationHeader.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The JWT claims (all strings, as API Gateway passes them) for a valid header; empty means 401. */
    public Optional<Map<String, String>> claims(String authorizationHeader, Instant now) {
        return userId(authorizationHeader).map(user -> {
            Map<String, String> claims = new LinkedHashMap<>();
            claims.put("sub", user);
            claims.put("iss", issuer);
            claims.put("aud", audience);
            claims.put("iat", Long.toString(now.getEpochSecond()));
            claims.put("exp", Long.toString(now.plusSeconds(3600).getEpochSecond()));
            claims.put("token_use", "id");
            return claims;
        });
    }
}
