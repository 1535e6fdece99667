package com.salesconnect.tasksync.function.enablesync;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the handler reads of an HTTP API (payload 2.0) request; header names compare case-insensitively. */
record HttpRequest(APIGatewayV2HTTPEvent event) {

    /** {@code GET /settings/task-sync}: the route API Gateway matched, else method and path. */
    String route() {
        String routeKey = event.getRouteKey();
        if (routeKey != null && !routeKey.isBlank() && !"$default".equals(routeKey)) {
            return routeKey;
        }
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        String method = context == null || context.getHttp() == null ? "" : context.getHttp().getMethod();
        return method + " " + (event.getRawPath() == null ? "" : event.getRawPath());
    }

    /**
     * The user the JWT authorizer verified ({@code sub}). Never taken from the body, path or query: a caller
     * can forge those, not the authorizer's claims.
     */
    Optional<String> userId() {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
                || context.getAuthorizer().getJwt().getClaims() == null) {
            return Optional.empty();
        }
        String sub = context.getAuthorizer().getJwt().getClaims().get("sub");
        return sub == null || sub.isBlank() ? Optional.empty() : Optional.of(sub);
    }

    Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(h -> h.getKey() != null && h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** True when the caller asked for JSON (a script or the Settings page's fetch) rather than a redirect. */
    boolean wantsJson() {
        return header("accept").map(a -> a.toLowerCase(Locale.ROOT).contains("application/json")).orElse(false);
    }

    Optional<String> query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? Optional.empty() : Optional.ofNullable(query.get(name));
    }

    /** The body as text; API Gateway base64-encodes bodies it does not consider text. */
    String body() {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        if (event.getIsBase64Encoded()) {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return body;
    }

    /** {@code https://<domainName>}, the base URL the caller reached the API at. */
    Optional<URI> ownBaseUrl() {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        String domain = context == null ? null : context.getDomainName();
        if (domain == null || domain.isBlank() || !domain.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
            return Optional.empty();
        }
        return Optional.of(URI.create("https://" + domain));
    }

    String requestId() {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        return context == null || context.getRequestId() == null ? "unknown" : context.getRequestId();
    }
}
