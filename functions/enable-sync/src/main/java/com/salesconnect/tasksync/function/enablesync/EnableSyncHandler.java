package com.salesconnect.tasksync.function.enablesync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.json.JsonTrees;
import com.salesconnect.tasksync.runtime.Failures;
import com.salesconnect.tasksync.runtime.HttpApiEvents;
import com.salesconnect.tasksync.runtime.LambdaJson;
import com.salesconnect.tasksync.runtime.TaskRootEntry;
import com.salesconnect.tasksync.salesforce.ConnectFlowException;
import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.sync.ConnectService;
import com.salesconnect.tasksync.sync.EnableOutcome;
import com.salesconnect.tasksync.sync.SettingsService;
import com.salesconnect.tasksync.sync.SettingsView;
import com.salesconnect.tasksync.sync.SyncHealthService;
import com.salesconnect.tasksync.sync.SyncHealthView;
import com.salesconnect.tasksync.wiring.SnapStartEntry;
import com.salesconnect.tasksync.wiring.SyncComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Settings page's API (HTTP API, payload 2.0): read and switch "Sync tasks with Salesforce", and connect
 * Salesforce. The user is the JWT authorizer's {@code sub}, except on the OAuth callback, where it is the user
 * the one-time state was issued to. See the function's README for the routes and their answers.
 */
public final class EnableSyncHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String SETTINGS = "/settings/task-sync";
    static final String HEALTH = "/settings/task-sync/health";
    static final String CONNECT = "/settings/salesforce/connect";

    static {
        // Before the logger below: building the AWS clients' HTTP client then overlaps the start of logging.
        SyncComponents.prebuildAwsHttpClient();
    }

    private static final Logger LOG = LoggerFactory.getLogger(EnableSyncHandler.class);

    /** A route no user calls: priming walks the whole request path and answers 404 without any I/O. */
    private static final byte[] PRIMING_EVENT = ("{\"version\": \"2.0\", \"routeKey\": \"GET /priming\", "
            + "\"rawPath\": \"/priming\", \"headers\": {\"accept\": \"application/json\"}, \"requestContext\": "
            + "{\"http\": {\"method\": \"GET\", \"path\": \"/priming\"}, \"requestId\": \"priming\"}, "
            + "\"isBase64Encoded\": false}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** Each invocation's log fields and metrics, and the SnapStart priming ({@link #prime}). */
    final SnapStartEntry entry = new SnapStartEntry("enable-sync", this::prime);

    private final SyncComponents components;
    private final SettingsService settings;
    private final SyncHealthService health;
    private final Optional<URI> publicBaseUrl;
    private final URI settingsPage;
    private final SettingsJson settingsJson;
    private final HealthJson healthJson;
    private final HttpResponses responses;
    private final EnableSyncRoutes routes;

    /** Lambda's entry: the deployed wiring, primed for SnapStart before the snapshot is taken. */
    public EnableSyncHandler() {
        this(SnapStartEntry.deployedComponents());
        entry.registerForSnapStart();
    }

    /** Builds what the routes use now, so a missing setting fails the function's start, naming it. */
    public EnableSyncHandler(SyncComponents components) {
        this.components = components;
        this.settings = components.settingsService();
        this.health = components.syncHealth();
        this.publicBaseUrl = components.publicBaseUrl();
        this.settingsPage = components.settingsPageUrl();
        components.requireSalesforceApp();
        components.oauthStates();
        components.tokenCipher();
        this.settingsJson = new SettingsJson();
        this.healthJson = new HealthJson(CONNECT);
        this.responses = new HttpResponses();
        this.routes = new EnableSyncRoutes(
                Map.of("GET " + SyncComponents.CALLBACK_PATH, this::callback),
                Map.of("GET " + SETTINGS, this::getSettings,
                        "PUT " + SETTINGS, this::putSettings,
                        "GET " + HEALTH, this::getHealth,
                        "GET " + CONNECT, this::connect),
                responses);
    }

    /**
     * Lambda's entry (the runtime picks this overload of the template's {@code handleRequest}): the event read and
     * the answer written by hand ({@link HttpApiEvents}), not by the runtime's reflective mapping.
     */
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaJson.write(HttpApiEvents.response(handleRequest(HttpApiEvents.event(LambdaJson.readObject(input)),
                context)), output);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return entry.invoke(context, () -> handleRequestLogged(event, context));
    }

    private APIGatewayV2HTTPResponse handleRequestLogged(APIGatewayV2HTTPEvent event, Context context) {
        HttpRequest request = new HttpRequest(event);
        try {
            return routes.answer(request);
        } catch (RuntimeException e) {
            String requestId = context != null ? context.getAwsRequestId() : request.requestId();
            LOG.error("request failed: route={} requestId={} failure={}", request.route(), requestId,
                    Failures.describe(e));
            return responses.error(500, "Something went wrong. Please try again.", "requestId", requestId);
        }
    }

    private APIGatewayV2HTTPResponse getSettings(HttpRequest request, String userId) {
        SettingsView view = settings.view(UserId.of(userId));
        return responses.json(200, settingsJson.view(view, webhookUrl(request, view)));
    }

    private APIGatewayV2HTTPResponse getHealth(HttpRequest request, String userId) {
        return responses.json(200, healthJson.view(health.view(UserId.of(userId))));
    }

    /** 202 only when this request turned sync on, so the page knows the first sync started (README). */
    private APIGatewayV2HTTPResponse putSettings(HttpRequest request, String userId) {
        SettingsJson.Change change;
        try {
            change = settingsJson.readChange(request.body());
        } catch (SettingsJson.BadRequest e) {
            return responses.error(400, e.userMessage());
        } catch (IllegalArgumentException e) {
            return responses.error(400, "The body is not valid base64.");
        }
        if (!change.enabled()) {
            SettingsView view = settings.disable(UserId.of(userId));
            return responses.json(200, settingsJson.view(view, webhookUrl(request, view)));
        }
        boolean wasEnabled = settings.view(UserId.of(userId)).enabled();
        EnableOutcome outcome = change.timeZone().map(zone -> settings.enable(UserId.of(userId), zone))
                .orElseGet(() -> settings.enable(UserId.of(userId)));
        if (!(outcome instanceof EnableOutcome.Enabled enabled)) {
            return responses.error(409, "Connect Salesforce before turning task sync on.");
        }
        SettingsView view = enabled.view();
        return responses.json(wasEnabled ? 200 : 202, settingsJson.view(view, webhookUrl(request, view)));
    }

    /** The authorize URL with a fresh one-time state, as a redirect or as JSON (README). */
    private APIGatewayV2HTTPResponse connect(HttpRequest request, String userId) {
        URI authorize = connectService(request).start(UserId.of(userId));
        if (request.wantsJson()) {
            return responses.json(200, JsonTrees.object()
                    .put("authorizeUrl", authorize.toString()));
        }
        return responses.redirect(authorize);
    }

    /** Salesforce sends the browser back here; the outcome goes back to the Settings page (README). */
    private APIGatewayV2HTTPResponse callback(HttpRequest request) {
        Optional<String> denied = request.query("error");
        if (denied.isPresent()) {
            LOG.info("Salesforce connect declined at Salesforce: requestId={}", request.requestId());
            return connectFailed(request, "DENIED", 400);
        }
        ConnectService.Connected connected;
        try {
            connected = connectService(request).callback(request.query("code").orElse(null),
                    request.query("state").orElse(null));
        } catch (ConnectFlowException e) {
            LOG.info("Salesforce connect refused: reason={} requestId={}", e.reason(), request.requestId());
            return connectFailed(request, e.reason().name(), 400);
        } catch (SalesforceException e) {
            LOG.warn("Salesforce connect failed: requestId={} failure={}", request.requestId(), Failures.describe(e));
            return connectFailed(request, "SALESFORCE_UNAVAILABLE", 502);
        }
        if (request.wantsJson()) {
            return responses.json(200, JsonTrees.object()
                    .put("connected", true)
                    .put("orgId", connected.orgId())
                    .put("webhookUrl", connected.webhookUrl().toString()));
        }
        return responses.redirect(URI.create(settingsPage + "?connected=1"));
    }

    private APIGatewayV2HTTPResponse connectFailed(HttpRequest request, String reason, int status) {
        if (request.wantsJson()) {
            return responses.error(status, "Salesforce could not be connected. Please start again.",
                    "reason", reason);
        }
        return responses.redirect(URI.create(settingsPage + "?connectError="
                + URLEncoder.encode(reason.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8)));
    }

    private URI webhookUrl(HttpRequest request, SettingsView view) {
        String orgId = view.connection().orgId();
        if (orgId == null) {
            return null;
        }
        return connectService(request).webhookUrl(OrgId.of(orgId)).orElse(null);
    }

    private ConnectService connectService(HttpRequest request) {
        URI base = publicBaseUrl.or(request::ownBaseUrl)
                .orElseThrow(() -> new IllegalStateException("no PUBLIC_BASE_URL and no domain name in the request"));
        return components.connectService(base);
    }

    /** SnapStart priming: loads and exercises the JSON paths with sample data; no I/O, nothing per instance. */
    private void prime() {
        SettingsView sample = new SettingsView(false, null, false, ZoneOffset.UTC,
                new SettingsView.Connection(SettingsView.ConnectionStatus.NOT_CONNECTED, null),
                new SettingsView.FirstSyncView(FirstSyncState.NONE, 0, Instant.EPOCH, null, null), null, null);
        responses.json(200, settingsJson.view(sample, null));
        responses.json(200, healthJson.view(new SyncHealthView(Instant.EPOCH, null,
                List.of(new SyncHealthView.Waiting(SyncHealthView.Reason.RETRYING, 1, "sample",
                        SyncHealthView.Action.NONE)), false,
                List.of(new SyncHealthView.Problem("t", "s", List.of("subject"), "sample", Instant.EPOCH,
                        SyncHealthView.Action.EDIT_TASK)),
                List.of(new SyncHealthView.RecentConflict("t", null, List.of(), null, "sample", Instant.EPOCH)))));
        try {
            settingsJson.readChange("{\"enabled\": true, \"timeZone\": \"Europe/Berlin\"}");
        } catch (SettingsJson.BadRequest e) {
            throw new IllegalStateException("the priming sample is valid", e);
        }
        try {
            handleRequest(new java.io.ByteArrayInputStream(PRIMING_EVENT), OutputStream.nullOutputStream(), null);
        } catch (IOException e) {
            throw new IllegalStateException("the priming event is readable", e);
        }
    }

    /**
     * Lambda's entry, the class template.yaml names: this handler, loaded by a class loader of its own that loads
     * classes on several threads at once ({@link TaskRootEntry}).
     */
    public static final class Entry extends TaskRootEntry {
    }
}
