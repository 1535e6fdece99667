package com.salesconnect.tasksync.local.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.local.http.Request;
import com.salesconnect.tasksync.local.http.Response;
import com.salesconnect.tasksync.local.http.Route;
import com.salesconnect.tasksync.local.lambda.InvocationResult;
import com.salesconnect.tasksync.local.lambda.Invoker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The template's HTTP API: requests on its routes become payload format 2.0 events for the route's function,
 * with the JWT authorizer's claims where the route has the authorizer; a request without a valid token on such a
 * route gets API Gateway's 401 and the function is not invoked. The function's response is read the way HTTP
 * APIs read it (a {@code statusCode} object, or any other JSON as a 200 body); a function error is a 500.
 */
public final class HttpApiGateway implements Route {

    /** A route of the template and the function behind it. */
    public record Target(Invoker function, boolean jwtAuthorizer) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final RouteTable<Target> routes;
    private final DevAuthorizer authorizer;
    private final String accountId;
    private final Clock clock;

    public HttpApiGateway(RouteTable<Target> routes, DevAuthorizer authorizer, String accountId, Clock clock) {
        this.routes = routes;
        this.authorizer = authorizer;
        this.accountId = accountId;
        this.clock = clock;
    }

    @Override
    public Optional<Response> handle(Request request) {
        Optional<RouteTable.Match<Target>> match = routes.match(request.method(), request.path());
        if (match.isEmpty()) {
            return Optional.empty();
        }
        Target target = match.get().target();
        Map<String, String> claims = null;
        if (target.jwtAuthorizer()) {
            Optional<Map<String, String>> verified = authorizer.claims(request.header("authorization").orElse(null),
                    clock.instant());
            if (verified.isEmpty()) {
                return Optional.of(Response.json(401, Map.of("message", "Unauthorized"))
                        .withHeader("www-authenticate", "Bearer"));
            }
            claims = verified.get();
        }
        String event = event(request, match.get(), claims);
        InvocationResult result = target.function().invoke(event);
        return Optional.of(response(result));
    }

    /** The payload format 2.0 event API Gateway sends for this request. */
    String event(Request request, RouteTable.Match<Target> match, Map<String, String> claims) {
        Instant now = clock.instant();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", match.routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());
        List<String> cookies = cookies(request);
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        ObjectNode headers = event.putObject("headers");
        request.headers().forEach((name, values) -> {
            if (!name.equals("cookie")) {
                headers.put(name, String.join(",", values));
            }
        });
        Map<String, List<String>> query = request.query();
        if (!query.isEmpty()) {
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach((name, values) -> q.put(name, String.join(",", values)));
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", accountId);
        context.put("apiId", "local");
        if (claims != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode c = jwt.putObject("claims");
            claims.forEach(c::put);
            jwt.putNull("scopes");
        }
        String host = request.header("host").orElse("localhost");
        context.put("domainName", host);
        context.put("domainPrefix", host.split("[.:]")[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", request.header("user-agent").orElse(""));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", match.routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (!match.pathParameters().isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            match.pathParameters().forEach(p::put);
        }
        if (request.body().length > 0) {
            boolean text = isText(request.header("content-type").orElse(""));
            event.put("body", text ? request.bodyText() : Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event.toString();
    }

    /** How an HTTP API turns a payload 2.0 function response into the HTTP response. */
    static Response response(InvocationResult result) {
        if (result instanceof InvocationResult.FunctionError) {
            return Response.json(500, Map.of("message", "Internal Server Error"));
        }
        String payload = ((InvocationResult.Success) result).payload();
        JsonNode output;
        try {
            output = payload == null || payload.isBlank() ? null : JSON.readTree(payload);
        } catch (IOException e) {
            LOG.warn("a function returned a response that is not JSON");
            return Response.json(500, Map.of("message", "Internal Server Error"));
        }
        if (output == null || !output.isObject() || !output.has("statusCode")) {
            // Anything but a statusCode object is taken as the body of a 200 JSON response.
            return new Response(200, Map.of("content-type", List.of("application/json")),
                    payload == null ? new byte[0] : payload.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        output.path("headers").properties().forEach(h -> headers.put(h.getKey(), List.of(h.getValue().asText())));
        if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("content-type"))) {
            headers.put("content-type", List.of("application/json"));
        }
        List<String> setCookies = new ArrayList<>();
        output.path("cookies").forEach(c -> setCookies.add(c.asText()));
        if (!setCookies.isEmpty()) {
            headers.put("set-cookie", setCookies);
        }
        JsonNode body = output.get("body");
        byte[] bytes;
        if (body == null || body.isNull()) {
            bytes = new byte[0];
        } else if (output.path("isBase64Encoded").asBoolean(false)) {
            bytes = Base64.getDecoder().decode(body.asText());
        } else {
            bytes = (body.isTextual() ? body.asText() : body.toString()).getBytes(StandardCharsets.UTF_8);
        }
        return new Response(output.get("statusCode").asInt(500), headers, bytes);
    }

    private static List<String> cookies(Request request) {
        List<String> cookies = new ArrayList<>();
        request.headers().getOrDefault("cookie", List.of())
                .forEach(header -> {
                    for (String c : header.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.trim());
                        }
                    }
                });
        return cookies;
    }

    private static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.startsWith("application/x-www-form-urlencoded") || type.contains("javascript");
    }
}
