package com.salesconnect.tasksync.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.emulator.OrgAdmin;
import com.salesconnect.tasksync.emulator.SalesforceEmulator;
import com.salesconnect.tasksync.emulator.TaskWriteException;
import com.salesconnect.tasksync.emulator.fault.FaultKind;
import com.salesconnect.tasksync.emulator.fault.FaultRule;
import com.salesconnect.tasksync.emulator.http.HttpCall;
import com.salesconnect.tasksync.emulator.http.Json;
import com.salesconnect.tasksync.emulator.org.ApiUsageMeter;
import com.salesconnect.tasksync.emulator.org.User;
import com.salesconnect.tasksync.emulator.outbound.DeliveryLogEntry;
import com.salesconnect.tasksync.emulator.sobject.FieldCodec;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.emulator.sobject.SaveError;
import com.salesconnect.tasksync.emulator.sobject.SfTime;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * The admin API under {@code /_emulator} (no authentication: it listens where the emulator does, loopback by
 * default). The module README lists the routes. Tasks written here are written "as a person in the
 * Salesforce UI" ({@code ?as=username}, default the org's first user) and fire outbound messages.
 */
public final class AdminHttp {

    private final SalesforceEmulator emulator;

    public AdminHttp(SalesforceEmulator emulator) {
        this.emulator = emulator;
    }

    public void handle(HttpCall call) throws IOException {
        List<String> p = segments(call.path());
        try {
            route(call, p);
        } catch (TaskWriteException e) {
            call.json(400, errors(e.errors()));
        } catch (IllegalArgumentException | IllegalStateException | DateTimeParseException e) {
            // Our own messages (unknown org or user, bad admin input), never a library's internals.
            call.json(400, Json.object().put("error", safeMessage(e)));
        }
    }

    private void route(HttpCall call, List<String> p) throws IOException {
        String method = call.method();
        String first = p.isEmpty() ? "" : p.get(0);
        switch (first) {
            case "" -> summary(call);
            case "clock" -> clock(call);
            case "sessions" -> {
                require(call, p.size() == 2 && p.get(1).equals("expire") && method.equals("POST"));
                emulator.expireAllSessions();
                call.noContent();
            }
            case "faults" -> faults(call);
            case "outbound" -> outbound(call, p);
            case "change-events" -> changeEvents(call, p);
            case "orgs" -> {
                require(call, p.size() >= 2);
                org(call, emulator.org(p.get(1)), p.subList(2, p.size()));
            }
            default -> notFound(call);
        }
    }

    private void summary(HttpCall call) throws IOException {
        ObjectNode json = Json.object().put("baseUrl", emulator.baseUrl())
                .put("now", SfTime.rest(emulator.clock().instant()))
                .put("clientId", emulator.connectedApp().clientId());
        ArrayNode orgs = json.putArray("orgs");
        for (OrgAdmin org : emulator.orgs()) {
            orgs.add(orgJson(org));
        }
        call.json(200, json);
    }

    private static ObjectNode orgJson(OrgAdmin org) {
        ObjectNode json = Json.object().put("id", org.id()).put("name", org.name());
        ArrayNode users = json.putArray("users");
        for (User u : org.users()) {
            users.addObject().put("id", u.id()).put("username", u.username()).put("name", u.name())
                    .put("email", u.email()).put("timeZone", u.timeZone());
        }
        ApiUsageMeter.Usage usage = org.apiUsage();
        json.putObject("apiUsage").put("used", usage.used()).put("limit", usage.limit());
        return json;
    }

    private void clock(HttpCall call) throws IOException {
        if (call.method().equals("POST")) {
            JsonNode body = call.jsonBody();
            if (body.hasNonNull("advance")) {
                emulator.advanceClock(Duration.parse(body.get("advance").asText()));
            } else if (body.hasNonNull("set")) {
                emulator.mutableClock().set(SfTime.parseDateTime(body.get("set").asText())
                        .orElseThrow(() -> new IllegalArgumentException("'set' needs an ISO date-time with offset")));
            } else {
                throw new IllegalArgumentException(
                        "send {\"advance\":\"PT30H\"} or {\"set\":\"2026-01-01T00:00:00Z\"}");
            }
        } else {
            require(call, call.method().equals("GET"));
        }
        Instant now = emulator.clock().instant();
        call.json(200, Json.object().put("now", SfTime.rest(now)));
    }

    private void faults(HttpCall call) throws IOException {
        switch (call.method()) {
            case "GET" -> {
                ArrayNode list = Json.array();
                emulator.faults().pending().forEach(f -> list.addObject().put("kind", f.kind().name())
                        .put("count", f.count()).put("method", f.method()).put("path", f.pathContains())
                        .put("latencyMillis", f.latency().toMillis()));
                call.json(200, list);
            }
            case "POST" -> {
                JsonNode body = call.jsonBody();
                FaultKind kind = FaultKind.valueOf(body.path("kind").asText("").toUpperCase(Locale.ROOT));
                emulator.faults().add(new FaultRule(kind, body.path("count").asInt(1), text(body, "method"),
                        text(body, "path"), Duration.ofMillis(body.path("latencyMillis").asLong(0))));
                call.noContent();
            }
            case "DELETE" -> {
                emulator.faults().clear();
                emulator.outbound().clearFaults();
                call.noContent();
            }
            default -> notFound(call);
        }
    }

    /** Change events (Event Relay): the published log, and faults for the next n events. */
    private void changeEvents(HttpCall call, List<String> p) throws IOException {
        String what = p.size() == 2 ? p.get(1) : "";
        switch (what + " " + call.method()) {
            case "log GET" -> {
                ArrayNode list = Json.array();
                emulator.changeEvents().published().forEach(e -> list.add(Json.object()
                        .put("changeType", e.changeType()).put("recordIds", String.join(",", e.recordIds()))
                        .put("changeOrigin", e.changeOrigin()).put("commitTimestamp", e.commitTimestamp().toString())));
                call.json(200, list);
            }
            case "faults POST" -> deliveryFaults(call, Map.of(
                    "DROP", emulator.changeEvents()::dropNext,
                    "DUPLICATE", emulator.changeEvents()::duplicateNext,
                    "REORDER", emulator.changeEvents()::reorderNext,
                    "GAP", emulator.changeEvents()::gapNext,
                    "OVERFLOW", emulator.changeEvents()::overflowNext), "DROP, DUPLICATE, REORDER, GAP or OVERFLOW");
            case "capture POST" -> capture(call);
            case "await POST" -> awaitIdle(call, emulator.changeEvents()::awaitIdle);
            default -> notFound(call);
        }
    }

    private void outbound(HttpCall call, List<String> p) throws IOException {
        String what = p.size() == 2 ? p.get(1) : "";
        switch (what + " " + call.method()) {
            case "log GET" -> {
                ArrayNode list = Json.array();
                emulator.outboundLog().forEach(e -> list.add(logJson(e)));
                call.json(200, list);
            }
            case "log DELETE" -> {
                emulator.outbound().clearLog();
                call.noContent();
            }
            case "faults POST" -> deliveryFaults(call, Map.of(
                    "DROP", emulator.outbound()::dropNext,
                    "DUPLICATE", emulator.outbound()::duplicateNext,
                    "REORDER", emulator.outbound()::reorderNext), "DROP, DUPLICATE or REORDER");
            case "capture POST" -> capture(call);
            case "await POST" -> awaitIdle(call, emulator::awaitOutboundIdle);
            default -> notFound(call);
        }
    }

    /** Faults for the next {@code count} deliveries, by the body's {@code kind}; another kind is a 400. */
    private static void deliveryFaults(HttpCall call, Map<String, IntConsumer> byKind, String kinds)
            throws IOException {
        JsonNode body = call.jsonBody();
        int count = body.path("count").asInt(1);
        IntConsumer fault = byKind.get(body.path("kind").asText("").toUpperCase(Locale.ROOT));
        if (fault == null) {
            throw new IllegalArgumentException("kind is " + kinds);
        }
        fault.accept(count);
        call.noContent();
    }

    /** Turns Change Data Capture for Task on or off for an org (both the change-events and outbound routes). */
    private void capture(HttpCall call) throws IOException {
        JsonNode body = call.jsonBody();
        String orgId = body.path("orgId").asText("");
        if (orgId.isEmpty() || !body.path("enabled").isBoolean()) {
            throw new IllegalArgumentException("capture takes {\"orgId\": \"00D... or default\", \"enabled\": true|false}");
        }
        emulator.changeEvents().capture(emulator.org(orgId).id(), body.path("enabled").asBoolean());
        call.noContent();
    }

    /** Waits up to {@code ?timeoutMillis=} (default 10 s, at most 10 min) for deliveries to finish. */
    private static void awaitIdle(HttpCall call, Predicate<Duration> awaitIdle) throws IOException {
        long millis = call.param("timeoutMillis").map(Long::parseLong).orElse(10_000L);
        boolean idle = awaitIdle.test(Duration.ofMillis(Math.min(millis, 600_000L)));
        call.json(200, Json.object().put("idle", idle));
    }

    private static ObjectNode logJson(DeliveryLogEntry e) {
        ObjectNode json = Json.object().put("at", SfTime.rest(e.at())).put("messageId", e.messageId())
                .put("orgId", e.orgId()).put("endpoint", e.endpoint().toString()).put("attempt", e.attempt())
                .put("outcome", e.outcome().name()).put("httpStatus", e.httpStatus());
        ArrayNode notifications = json.putArray("notificationIds");
        e.notificationIds().forEach(notifications::add);
        ArrayNode tasks = json.putArray("taskIds");
        e.taskIds().forEach(tasks::add);
        return json;
    }

    private void org(HttpCall call, OrgAdmin org, List<String> p) throws IOException {
        String method = call.method();
        String as = call.param("as").orElse(org.users().get(0).username());
        if (p.isEmpty()) {
            require(call, method.equals("GET"));
            call.json(200, orgJson(org));
            return;
        }
        switch (p.get(0)) {
            case "tasks" -> tasks(call, org, as, p.subList(1, p.size()));
            case "outbound" -> {
                require(call, method.equals("PUT") || method.equals("DELETE"));
                JsonNode body = method.equals("PUT") ? call.jsonBody() : Json.object();
                URI endpoint = body.hasNonNull("endpoint") ? URI.create(body.get("endpoint").asText()) : null;
                Optional<String> user = call.param("user").or(() -> Optional.ofNullable(text(body, "user")));
                if (user.isPresent()) {
                    org.setOutboundEndpoint(user.get(), endpoint);
                } else {
                    org.setOutboundEndpoint(endpoint);
                }
                call.noContent();
            }
            case "usage" -> {
                require(call, method.equals("GET"));
                ApiUsageMeter.Usage usage = org.apiUsage();
                call.json(200, Json.object().put("used", usage.used()).put("limit", usage.limit())
                        .put("remaining", usage.remaining()));
            }
            case "limit" -> {
                require(call, method.equals("PUT"));
                org.setDailyApiLimit(call.jsonBody().path("dailyApiLimit").asLong(-1));
                call.noContent();
            }
            default -> notFound(call);
        }
    }

    private void tasks(HttpCall call, OrgAdmin org, String as, List<String> p) throws IOException {
        String method = call.method();
        if (p.isEmpty()) {
            if (method.equals("GET")) {
                boolean all = call.param("includeDeleted").map(Boolean::parseBoolean).orElse(false);
                ArrayNode list = Json.array();
                (all ? org.allTasks() : org.tasks()).forEach(t -> list.add(taskJson(t)));
                call.json(200, list);
            } else {
                require(call, method.equals("POST"));
                call.json(201, taskJson(org.createTask(as, fields(call))));
            }
            return;
        }
        String id = p.get(0);
        if (p.size() == 1 && id.equals("seed")) {
            require(call, method.equals("POST"));
            call.json(201, taskJson(org.seedTask(as, fields(call))));
            return;
        }
        if (p.size() == 2) {
            require(call, method.equals("POST"));
            switch (p.get(1)) {
                case "undelete" -> call.json(200, taskJson(org.undeleteTask(as, id)));
                case "touch" -> call.json(200, taskJson(org.systemTouch(id)));
                default -> notFound(call);
            }
            return;
        }
        switch (method) {
            case "GET" -> {
                Optional<SObjectRecord> task = org.task(id);
                if (task.isEmpty()) {
                    notFound(call);
                } else {
                    call.json(200, taskJson(task.get()));
                }
            }
            case "PATCH" -> call.json(200, taskJson(org.updateTask(as, id, fields(call))));
            case "DELETE" -> call.json(200, taskJson(org.deleteTask(as, id)));
            default -> notFound(call);
        }
    }

    /** The body's fields as scalars (text, boolean or null); the org admin types them per field. */
    private static Map<String, Object> fields(HttpCall call) throws IOException {
        JsonNode body = call.jsonBody();
        if (!body.isObject()) {
            throw new IllegalArgumentException("send the task's fields as a JSON object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            JsonNode v = e.getValue();
            if (v.isContainerNode()) {
                throw new IllegalArgumentException("field " + e.getKey() + " needs a scalar value");
            }
            fields.put(e.getKey(), v.isNull() ? null : v.isBoolean() ? (Object) v.booleanValue() : v.asText());
        }
        return fields;
    }

    private static ObjectNode taskJson(SObjectRecord task) {
        ObjectNode json = Json.object();
        json.putObject("attributes").put("type", task.type())
                .put("url", "/services/data/v62.0/sobjects/" + task.type() + "/" + task.id());
        task.values().forEach((k, v) -> json.set(k, FieldCodec.toJson(v)));
        return json;
    }

    private static ObjectNode errors(List<SaveError> errors) {
        ObjectNode json = Json.object();
        ArrayNode list = json.putArray("errors");
        for (SaveError e : errors) {
            ObjectNode err = list.addObject().put("statusCode", e.statusCode()).put("message", e.message());
            ArrayNode fields = err.putArray("fields");
            e.fields().forEach(fields::add);
        }
        return json;
    }

    private static void require(HttpCall call, boolean condition) {
        if (!condition) {
            throw new IllegalArgumentException("unsupported admin request: " + call.method() + " " + call.path());
        }
    }

    private static void notFound(HttpCall call) throws IOException {
        call.json(404, Json.object().put("error", "no admin resource " + call.method() + " " + call.path()));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String safeMessage(RuntimeException e) {
        if (e instanceof DateTimeParseException) {
            return "a duration looks like PT30H or P1D";
        }
        if (e.getMessage() != null && e.getMessage().startsWith("No enum constant")) {
            return "unknown kind; one of " + Arrays.toString(FaultKind.values());
        }
        return e.getMessage() == null ? "bad request" : e.getMessage();
    }

    private static List<String> segments(String path) {
        String rest = path.length() <= "/_emulator".length() ? "" : path.substring("/_emulator/".length());
        return Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
    }
}
