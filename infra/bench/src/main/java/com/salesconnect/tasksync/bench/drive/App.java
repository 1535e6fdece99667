package com.salesconnect.tasksync.bench.drive;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.local.seed.DemoConnection;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The app as its users reach it: the Sales Connect stand-in's task API and Command Center, the Settings page's API
 * (the enable-sync function), the connect flow through Salesforce's OAuth pages, and the local controls (sweep,
 * clock). Every request carries the dev bearer token of the user it acts for.
 */
public final class App {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final Http http;
    private final URI base;
    private final DemoConnection connections;

    public App(Http http, URI base) {
        this.http = http;
        this.base = base;
        this.connections = new DemoConnection(base);
    }

    /** Connects {@code userId} to Salesforce user {@code sfUsername} the way a browser does (OAuth web-server flow). */
    public DemoConnection.Connected connect(String userId, String sfUsername) throws IOException, InterruptedException {
        return connections.connect(userId, sfUsername);
    }

    public void enable(String userId) throws IOException, InterruptedException {
        http.require("PUT", base.resolve("/settings/task-sync"), token(userId), Map.of("enabled", true), TIMEOUT);
    }

    public void disable(String userId) throws IOException, InterruptedException {
        http.require("PUT", base.resolve("/settings/task-sync"), token(userId), Map.of("enabled", false), TIMEOUT);
    }

    /** Creates a task; returns its id. */
    public String createTask(String userId, Map<String, Object> fields) throws IOException, InterruptedException {
        JsonNode body = http.require("POST", base.resolve("/tasks"), token(userId), fields, TIMEOUT).body();
        return body.path("id").asText();
    }

    public void patchTask(String userId, String taskId, Map<String, Object> fields)
            throws IOException, InterruptedException {
        http.require("PATCH", base.resolve("/tasks/" + taskId), token(userId), fields, TIMEOUT);
    }

    public void deleteTask(String userId, String taskId) throws IOException, InterruptedException {
        http.require("DELETE", base.resolve("/tasks/" + taskId), token(userId), null, TIMEOUT);
    }

    public Http.Answer get(String userId, String path, Duration timeout) throws IOException, InterruptedException {
        return http.send("GET", base.resolve(path), token(userId), null, timeout);
    }

    /**
     * Runs the scheduled sweep now ({@code POST /_local/sweep}: 200 when it is done, 202 when it still runs after 2
     * minutes).
     */
    public Http.Answer sweep() throws IOException, InterruptedException {
        return http.send("POST", base.resolve("/_local/sweep"), null, null, Duration.ofMinutes(3));
    }

    /** Sets the shared clock (app, functions, emulator) to real time plus {@code offset}. */
    public void clockOffset(Duration offset) throws IOException, InterruptedException {
        http.require("POST", base.resolve("/_local/clock"), null, Map.of("offset", offset.toString()), TIMEOUT);
    }

    private static String token(String userId) {
        return "dev:" + userId;
    }
}
