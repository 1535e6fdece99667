package com.salesconnect.tasksync.bench.drive;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The Salesforce emulator's admin API (HTTP): tasks seeded in bulk, tasks written as a person in the Salesforce UI
 * (each sends an outbound message), the org's outbound endpoint, and its API usage counter.
 */
public final class Emulator {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final Http http;
    private final URI base;

    public Emulator(Http http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** Creates a task silently (no outbound message), audit fields and SystemModstamp as given. */
    public String seedTask(String orgId, String owner, Map<String, Object> fields) throws IOException, InterruptedException {
        return http.require("POST", org(orgId, "/tasks/seed?as=" + encode(owner)), null, fields, TIMEOUT).body()
                .path("Id").asText();
    }

    /** Creates a task as {@code user} in the Salesforce UI would: it sends an outbound message. */
    public String createTaskAs(String orgId, String user, Map<String, Object> fields)
            throws IOException, InterruptedException {
        return http.require("POST", org(orgId, "/tasks?as=" + encode(user)), null, fields, TIMEOUT).body()
                .path("Id").asText();
    }

    /** The org's API requests in its rolling 24-hour window (REST calls; OAuth calls do not count). */
    public long apiUsage(String orgId) throws IOException, InterruptedException {
        JsonNode body = http.require("GET", org(orgId, "/usage"), null, null, TIMEOUT).body();
        return body.path("used").asLong();
    }

    /** Where the org's outbound messages go (the webhook URL the connect flow returned). */
    public void setOutboundEndpoint(String orgId, URI endpoint) throws IOException, InterruptedException {
        http.require("PUT", org(orgId, "/outbound"), null, Map.of("endpoint", endpoint.toString()), TIMEOUT);
    }

    private URI org(String orgId, String rest) {
        return base.resolve("/_emulator/orgs/" + orgId + rest);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
