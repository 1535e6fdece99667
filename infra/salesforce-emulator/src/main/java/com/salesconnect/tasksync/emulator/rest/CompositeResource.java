package com.salesconnect.tasksync.emulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.emulator.http.HttpCall;
import com.salesconnect.tasksync.emulator.http.InMemoryExchange;
import com.salesconnect.tasksync.emulator.http.Json;
import com.salesconnect.tasksync.emulator.sobject.ApiRequestException;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST composite}: up to 25 subrequests (at most 5 of them sObject Collections or query operations) run in
 * order as the same user, answered together; the whole request counts as one API call. Each subrequest goes through the same resources as a request
 * of its own. Not emulated: references between subrequests ({@code @{ref.field}}) and {@code allOrNone: true}
 * rollback (both answered 400, so a client relying on them fails loudly).
 */
final class CompositeResource {

    static final int MAX_SUBREQUESTS = 25;
    /** Subrequests that may be queries or sObject Collections ({@code composite/sobjects}), together. */
    static final int MAX_QUERIES_AND_COLLECTIONS = 5;

    interface Dispatcher {
        void route(RestApi.Call call) throws IOException;
    }

    void handle(RestApi.Call call, Dispatcher dispatcher) throws IOException {
        RestApi.only(call, "POST");
        JsonNode body = call.http().jsonBody();
        JsonNode requests = body.path("compositeRequest");
        if (!requests.isArray() || requests.isEmpty()) {
            throw new ApiRequestException(400, "INVALID_FIELD", "compositeRequest is required");
        }
        if (requests.size() > MAX_SUBREQUESTS) {
            throw new ApiRequestException(400, "LIMIT_EXCEEDED",
                    "Limit exceeded: you can include up to " + MAX_SUBREQUESTS + " subrequests");
        }
        if (body.path("allOrNone").asBoolean(false)) {
            throw new ApiRequestException(400, "INVALID_FIELD", "allOrNone: true is not emulated");
        }
        int heavy = 0;
        Set<String> refs = new HashSet<>();
        for (JsonNode r : requests) {
            String url = r.path("url").asText("");
            String ref = r.path("referenceId").asText("");
            if (!r.path("method").isTextual() || url.isEmpty() || ref.isEmpty() || !refs.add(ref)) {
                throw new ApiRequestException(400, "INVALID_FIELD",
                        "each subrequest needs a method, a url and a unique referenceId");
            }
            if (url.contains("@{") || r.path("body").toString().contains("@{")) {
                throw new ApiRequestException(400, "INVALID_FIELD", "references between subrequests are not emulated");
            }
            if (url.matches("/services/data/v[0-9.]+/(query|queryAll|composite/sobjects)([/?].*)?")) {
                heavy++;
            }
        }
        if (heavy > MAX_QUERIES_AND_COLLECTIONS) {
            throw new ApiRequestException(400, "LIMIT_EXCEEDED", "Limit exceeded: you can include up to "
                    + MAX_QUERIES_AND_COLLECTIONS + " sObject Collections or query subrequests");
        }
        ObjectNode answer = Json.object();
        ArrayNode out = answer.putArray("compositeResponse");
        for (JsonNode r : requests) {
            out.add(run(call, r, dispatcher));
        }
        call.http().json(200, answer);
    }

    private ObjectNode run(RestApi.Call parent, JsonNode r, Dispatcher dispatcher) throws IOException {
        String method = r.path("method").asText().toUpperCase(Locale.ROOT);
        byte[] bytes = r.has("body") ? Json.MAPPER.writeValueAsBytes(r.get("body")) : null;
        InMemoryExchange exchange = new InMemoryExchange(method, URI.create(r.path("url").asText()),
                bytes == null ? Map.of() : Map.of("Content-Type", "application/json",
                        "Content-Length", Integer.toString(bytes.length)), bytes);
        // The composite body was bounded already; a subrequest's body is a part of it.
        HttpCall sub = new HttpCall(exchange, bytes == null ? 0 : bytes.length);
        ObjectNode result = Json.object();
        String version = versionOf(sub.path());
        if (version == null) {
            result.set("body", Json.restError("NOT_FOUND", "The requested resource does not exist"));
            result.put("httpStatusCode", 404);
        } else {
            try {
                dispatcher.route(new RestApi.Call(sub, parent.session(), version));
            } catch (ApiRequestException e) {
                sub.json(e.httpStatus(), Json.restError(e.errorCode(), e.getMessage(), e.fields()));
            }
            byte[] answered = exchange.body();
            result.set("body", answered.length == 0 ? Json.MAPPER.nullNode()
                    : Json.MAPPER.readTree(new String(answered, StandardCharsets.UTF_8)));
            result.put("httpStatusCode", exchange.status());
        }
        result.putObject("httpHeaders");
        result.put("referenceId", r.path("referenceId").asText());
        return result;
    }

    /** The version of a {@code /services/data/vXX.X/...} path that this emulator serves, else null. */
    private static String versionOf(String path) {
        if (!path.startsWith("/services/data/")) {
            return null;
        }
        String[] segments = path.substring("/services/data/".length()).split("/", -1);
        return ApiVersions.parse(segments[0]).orElse(null);
    }
}
