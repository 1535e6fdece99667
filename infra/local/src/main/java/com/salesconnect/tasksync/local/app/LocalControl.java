package com.salesconnect.tasksync.local.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.local.http.Request;
import com.salesconnect.tasksync.local.http.Response;
import com.salesconnect.tasksync.local.http.Route;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local-only controls: {@code GET/POST /_local/clock} (the shared clock's offset from real time),
 * {@code POST /_local/sweep} (the reconciliation for every user, answering when it is done),
 * {@code GET /_local/salesforce/tasks} (the emulator's tasks, through its admin API, for the pages),
 * the Salesforce page's writes as a person in the Salesforce UI ({@code POST /_local/salesforce/tasks},
 * {@code PATCH|DELETE /_local/salesforce/tasks/{id}}, {@code POST /_local/salesforce/tasks/{id}/undelete}, each with
 * {@code ?as=username}; passed to the emulator's admin API, so they fire the same outbound messages),
 * {@code GET /_local/salesforce/users} (the org's users) and {@code GET /_local/info}.
 */
public final class LocalControl implements Route {

    /** Runs the scheduled reconciliation now and waits for everything it started. */
    @FunctionalInterface
    public interface Sweeper {
        Outcome sweepNow(Duration timeout) throws InterruptedException;
    }

    /** How a sweep asked for ended, as far as the wait saw. */
    public enum Outcome {
        /** Every scheduled invocation succeeded and everything they started has ended. */
        DONE,
        /** A scheduled invocation failed (its error is in the runtime's log). */
        FAILED,
        /** The wait ran out while invocations still ran: they go on in the background. */
        STILL_RUNNING
    }

    /** Longest a sweep request waits. */
    static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SharedClock clock;
    private final Sweeper sweeper;
    private static final Pattern TASK_PATH =
            Pattern.compile("/_local/salesforce/tasks/([A-Za-z0-9]{15}|[A-Za-z0-9]{18})(/undelete)?");

    private final Optional<URI> emulatorOrg;
    private final Map<String, Object> info;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param emulatorUrl the Salesforce emulator's base URL; empty when a real org is used
     * @param info        what {@code /_local/info} shows (URLs, seeded users); nothing secret
     */
    public LocalControl(SharedClock clock, Sweeper sweeper, Optional<URI> emulatorUrl, Map<String, Object> info) {
        this.clock = clock;
        this.sweeper = sweeper;
        this.emulatorOrg = emulatorUrl.map(u -> URI.create(u + "/_emulator/orgs/default"));
        this.info = Map.copyOf(info);
    }

    @Override
    public Optional<Response> handle(Request request) throws InterruptedException {
        String path = request.path();
        if (!path.startsWith("/_local/")) {
            return Optional.empty();
        }
        return Optional.of(switch (path) {
            case "/_local/clock" -> switch (request.method()) {
                case "GET" -> Response.json(200, clockView());
                case "POST" -> setClock(request);
                default -> Response.error(405, "method not allowed");
            };
            case "/_local/sweep" -> request.method().equals("POST") ? sweep()
                    : Response.error(405, "method not allowed");
            case "/_local/salesforce/tasks" -> switch (request.method()) {
                case "GET" -> emulator("GET", "/tasks?includeDeleted=true", null);
                case "POST" -> emulator("POST", "/tasks" + as(request), request.body());
                default -> Response.error(405, "method not allowed");
            };
            case "/_local/salesforce/users" -> request.method().equals("GET") ? emulator("GET", "", null)
                    : Response.error(405, "method not allowed");
            case "/_local/info" -> request.method().equals("GET") ? Response.json(200, info)
                    : Response.error(405, "method not allowed");
            default -> salesforceTask(request);
        });
    }

    /** One task's write as a person in the Salesforce UI: edit, delete or undelete. */
    private Response salesforceTask(Request request) throws InterruptedException {
        Matcher m = TASK_PATH.matcher(request.path());
        if (!m.matches()) {
            return Response.error(404, "not found");
        }
        String task = "/tasks/" + m.group(1);
        if (m.group(2) != null) {
            return request.method().equals("POST") ? emulator("POST", task + "/undelete" + as(request), null)
                    : Response.error(405, "method not allowed");
        }
        return switch (request.method()) {
            case "PATCH" -> emulator("PATCH", task + as(request), request.body());
            case "DELETE" -> emulator("DELETE", task + as(request), null);
            default -> Response.error(405, "method not allowed");
        };
    }

    private static String as(Request request) {
        return request.queryParam("as").filter(u -> !u.isBlank())
                .map(u -> "?as=" + URLEncoder.encode(u, StandardCharsets.UTF_8)).orElse("");
    }

    private Map<String, Object> clockView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("now", clock.now().toString());
        view.put("offset", clock.offset().toString());
        return view;
    }

    private Response setClock(Request request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            return Response.error(400, "the body must be a JSON object like {\"offset\": \"-P20D\"}");
        }
        if (body == null || !body.path("offset").isTextual()) {
            return Response.error(400, "the body must be a JSON object like {\"offset\": \"-P20D\"}");
        }
        Duration offset;
        try {
            offset = Duration.parse(body.get("offset").asText());
        } catch (DateTimeParseException e) {
            return Response.error(400, "offset must be an ISO-8601 duration such as -P20D or PT2H");
        }
        if (offset.abs().compareTo(Duration.ofDays(3650)) > 0) {
            return Response.error(400, "offset must be within ten years");
        }
        clock.setOffset(offset);
        return Response.json(200, clockView());
    }

    /**
     * 200 when the sweep is done, 500 when a scheduled invocation failed, 202 when it still runs after
     * {@link #SWEEP_TIMEOUT} (many users locally): accepted, not failed.
     */
    private Response sweep() throws InterruptedException {
        long start = System.nanoTime();
        Outcome outcome = sweeper.sweepNow(SWEEP_TIMEOUT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return switch (outcome) {
            case DONE -> Response.json(200, Map.of("swept", true, "tookMillis", millis));
            case FAILED -> Response.json(500, Map.of("error", "the sweep failed; see the runtime's log",
                    "tookMillis", millis));
            case STILL_RUNNING -> Response.json(202, Map.of("swept", false, "running", true, "message",
                    "the sweep still runs after " + SWEEP_TIMEOUT.toMinutes() + " minutes and goes on in the"
                            + " background; the runtime's log shows each user swept", "tookMillis", millis));
        };
    }

    /** Passes a request to the emulator's admin API for the default org and answers with its answer. */
    private Response emulator(String method, String pathAndQuery, byte[] body) throws InterruptedException {
        if (emulatorOrg.isEmpty()) {
            return Response.error(404, "this run uses a real Salesforce org, not the emulator");
        }
        HttpRequest.BodyPublisher publisher = body == null || body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(emulatorOrg.get() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).method(method, publisher);
        if (body != null && body.length > 0) {
            builder.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), Map.of("Content-Type", List.of("application/json")),
                    response.body());
        } catch (IOException e) {
            return Response.error(502, "the Salesforce emulator did not answer");
        }
    }
}
