package com.salesconnect.tasksync.emulator.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.emulator.fault.FaultInjector;
import com.salesconnect.tasksync.emulator.fault.FaultKind;
import com.salesconnect.tasksync.emulator.fault.FaultRule;
import com.salesconnect.tasksync.emulator.http.HttpCall;
import com.salesconnect.tasksync.emulator.http.Json;
import com.salesconnect.tasksync.emulator.ids.IdGenerator;
import com.salesconnect.tasksync.emulator.oauth.OAuthServer;
import com.salesconnect.tasksync.emulator.org.ApiUsageMeter;
import com.salesconnect.tasksync.emulator.org.Org;
import com.salesconnect.tasksync.emulator.sobject.ApiRequestException;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code /services/data/...}: the version list, then, under a served version, bearer authentication, the
 * org's daily API allowance (every authenticated call counts, each response reports it in
 * {@code Sforce-Limit-Info}) and the resources.
 */
public final class RestApi {

    /** One authenticated call: the request, its session and the API version it addressed. */
    record Call(HttpCall http, OAuthServer.Session session, String version) {
        Org org() {
            return session.org();
        }
    }

    private final OAuthServer oauth;
    private final FaultInjector faults;
    private final SObjectResource sobjects;
    private final CollectionsResource collections;
    private final QueryResource query;
    private final ReplicationResource replication;
    private final CompositeResource composite = new CompositeResource();
    private final ThreadLocal<String> callOrigin;

    public RestApi(OAuthServer oauth, FaultInjector faults, Clock clock, IdGenerator ids, int queryPageSize) {
        this(oauth, faults, clock, ids, queryPageSize, new ThreadLocal<>());
    }

    /** @param callOrigin set to the changeOrigin of each call while it is served (change events read it) */
    public RestApi(OAuthServer oauth, FaultInjector faults, Clock clock, IdGenerator ids, int queryPageSize,
                   ThreadLocal<String> callOrigin) {
        this.callOrigin = callOrigin;
        this.oauth = oauth;
        this.faults = faults;
        this.sobjects = new SObjectResource(faults);
        this.collections = new CollectionsResource(faults);
        this.query = new QueryResource(clock, new QueryCursors(clock, ids), queryPageSize);
        this.replication = new ReplicationResource(clock);
    }

    public void handle(HttpCall http) throws IOException {
        String path = http.path();
        String rest = path.length() <= "/services/data".length() ? "" : path.substring("/services/data/".length());
        if (rest.isEmpty()) {
            http.json(200, ApiVersions.list());
            return;
        }
        String[] segments = rest.split("/", -1);
        Optional<String> version = ApiVersions.parse(segments[0]);
        if (version.isEmpty()) {
            http.json(404, Json.restError("NOT_FOUND", "The requested resource does not exist"));
            return;
        }
        Optional<OAuthServer.Session> session = OAuthServer.bearer(http).flatMap(oauth::authenticate);
        if (session.isEmpty()) {
            http.json(401, Json.restError("INVALID_SESSION_ID", "Session expired or invalid"));
            return;
        }
        ApiUsageMeter usage = session.get().org().usage();
        Optional<ApiUsageMeter.Usage> counted = usage.tryCount();
        ApiUsageMeter.Usage now = counted.orElseGet(usage::usage);
        http.addHeader("Sforce-Limit-Info", "api-usage=" + now.used() + "/" + now.limit());
        if (counted.isEmpty()) {
            limitExceeded(http);
            return;
        }
        Call call = new Call(http, session.get(), version.get());
        List<String> resource = Arrays.asList(segments).subList(1, segments.length);
        // Change Data Capture names the API, its version and the client of Sforce-Call-Options in changeOrigin.
        String client = http.header("Sforce-Call-Options").flatMap(RestApi::callOptionsClient).orElse(null);
        callOrigin.set("com/salesforce/api/rest/" + version.get() + (client == null ? "" : ";client=" + client));
        try {
            route(call, trimTrailingEmpty(resource));
        } catch (ApiRequestException e) {
            http.json(e.httpStatus(), Json.restError(e.errorCode(), e.getMessage(), e.fields()));
        } finally {
            callOrigin.remove();
        }
    }

    /** Faults a server answers before it looks at the request (tests ask for them). */
    public boolean injectServerFault(HttpCall http) throws IOException {
        Optional<FaultRule> fault = faults.take(http.method(), http.path(), FaultInjector.SERVER_FAULTS);
        if (fault.isEmpty()) {
            return false;
        }
        FaultKind kind = fault.get().kind();
        switch (kind) {
            case HTTP_500 -> http.json(500, Json.restError("UNKNOWN_EXCEPTION",
                    "An unexpected error occurred. Please include this ErrorId if you contact support: "
                            + "1234567890-12345 (-1234567890)"));
            case HTTP_503 -> http.json(503, Json.restError("SERVER_UNAVAILABLE",
                    "Server temporarily unavailable. Please try again later."));
            default -> limitExceeded(http);
        }
        return true;
    }

    private static void limitExceeded(HttpCall http) throws IOException {
        http.json(403, Json.restError("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
    }

    private void route(Call call, List<String> r) throws IOException {
        String method = call.http().method();
        if (r.isEmpty()) {
            only(call, "GET");
            call.http().json(200, resources(call.version()));
            return;
        }
        switch (r.get(0)) {
            case "sobjects" -> sobjects.handle(call, r.subList(1, r.size()), replication);
            case "composite" -> {
                if (r.size() >= 2 && r.get(1).equals("sobjects")) {
                    collections.handle(call, r.subList(2, r.size()));
                } else if (r.size() == 1) {
                    // Subrequests are not counted again: the composite request is one call.
                    composite.handle(call, sub -> route(sub, resourceOf(sub.http().path())));
                } else {
                    throw notFound();
                }
            }
            case "query", "queryAll" -> {
                only(call, "GET");
                query.handle(call, r.get(0), r.subList(1, r.size()));
            }
            case "limits" -> {
                only(call, "GET");
                call.http().json(200, limits(call.org().usage().usage()));
            }
            default -> throw notFound();
        }
        if (!call.http().responded()) {
            throw new IllegalStateException("no response for " + method + " " + call.http().path());
        }
    }

    private static List<String> resourceOf(String path) {
        String[] segments = path.substring("/services/data/".length()).split("/", -1);
        return trimTrailingEmpty(Arrays.asList(segments).subList(1, segments.length));
    }

    static void only(Call call, String... methods) {
        if (!Arrays.asList(methods).contains(call.http().method())) {
            throw new ApiRequestException(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + call.http().method()
                    + "' not allowed. Allowed are " + String.join(",", methods));
        }
    }

    static ApiRequestException notFound() {
        return new ApiRequestException(404, "NOT_FOUND", "The requested resource does not exist");
    }

    private static ObjectNode resources(String version) {
        String base = "/services/data/v" + version;
        return Json.object().put("limits", base + "/limits").put("sobjects", base + "/sobjects")
                .put("query", base + "/query").put("queryAll", base + "/queryAll")
                .put("composite", base + "/composite");
    }

    private static ObjectNode limits(ApiUsageMeter.Usage usage) {
        ObjectNode json = Json.object();
        json.putObject("DailyApiRequests").put("Max", usage.limit()).put("Remaining", usage.remaining());
        json.putObject("DailyAsyncApexExecutions").put("Max", 250000).put("Remaining", 250000);
        json.putObject("DailyBulkApiBatches").put("Max", 15000).put("Remaining", 15000);
        json.putObject("DataStorageMB").put("Max", 5).put("Remaining", 5);
        json.putObject("FileStorageMB").put("Max", 20).put("Remaining", 20);
        return json;
    }

    private static List<String> trimTrailingEmpty(List<String> segments) {
        int end = segments.size();
        while (end > 0 && segments.get(end - 1).isEmpty()) {
            end--;
        }
        return segments.subList(0, end);
    }

    /** {@code client=abc, defaultNamespace=x} gives {@code abc}. */
    static Optional<String> callOptionsClient(String header) {
        for (String part : header.split(",")) {
            String p = part.trim();
            if (p.startsWith("client=") && p.length() > "client=".length()) {
                return Optional.of(p.substring("client=".length()));
            }
        }
        return Optional.empty();
    }
}
