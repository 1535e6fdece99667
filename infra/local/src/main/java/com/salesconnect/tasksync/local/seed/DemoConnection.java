package com.salesconnect.tasksync.local.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Connects a Sales Connect user to a Salesforce user through the real OAuth flow, as a browser would: the app's
 * connect route gives the authorize URL, Salesforce (the emulator, told who logs in by {@code login_hint})
 * redirects to the app's callback with a code, and the callback's answer holds the org's webhook URL.
 */
public final class DemoConnection {

    /** @param webhookUrl where the org's outbound messages go (it carries the webhook's secret token) */
    public record Connected(String orgId, URI webhookUrl) {
        @Override
        public String toString() {
            return "Connected[" + orgId + "]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI app;

    public DemoConnection(URI app) {
        this.app = app;
    }

    public Connected connect(String userId, String salesforceUsername) throws IOException, InterruptedException {
        HttpResponse<String> start = http.send(HttpRequest.newBuilder(app.resolve("/settings/salesforce/connect"))
                .header("Authorization", "Bearer dev:" + userId).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        String authorizeUrl = field(start, "authorizeUrl");
        URI authorize = URI.create(authorizeUrl + "&login_hint="
                + URLEncoder.encode(salesforceUsername, StandardCharsets.UTF_8));
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(authorize).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        String callback = login.headers().firstValue("Location").orElseThrow(() -> new IOException(
                "Salesforce answered the authorize request with HTTP " + login.statusCode() + ", not a redirect"));
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(callback))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Connected(field(done, "orgId"), URI.create(field(done, "webhookUrl")));
    }

    private static String field(HttpResponse<String> response, String name) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (response.statusCode() != 200 || body == null || !body.path(name).isTextual()) {
            throw new IOException(response.request().uri().getPath() + " answered HTTP " + response.statusCode()
                    + " without \"" + name + "\"");
        }
        return body.get(name).asText();
    }
}
