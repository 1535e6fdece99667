package com.salesconnect.tasksync.emulator.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.emulator.sobject.PicklistValue;
import com.salesconnect.tasksync.emulator.sobject.TaskSchema;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the emulator starts with: the connected app and the orgs with their users and tasks. */
public record SeedData(ConnectedApp connectedApp, List<OrgSeed> orgs) {

    public static final String DEMO_USERNAME = "demo@example.com";
    public static final String DEMO_PASSWORD = "demo-password";
    public static final String SECOND_USERNAME = "sam@example.com";

    public SeedData {
        Objects.requireNonNull(connectedApp, "connectedApp");
        orgs = List.copyOf(orgs);
        if (orgs.isEmpty()) {
            throw new IllegalArgumentException("seed at least one org");
        }
    }

    /** One org, "Emulated Org", with demo@example.com and sam@example.com, the demo connected app, no tasks. */
    public static SeedData demo() {
        return new SeedData(ConnectedApp.demo(), List.of(new OrgSeed("Emulated Org", List.of(
                new UserSeed(DEMO_USERNAME, "Demo", "User", DEMO_USERNAME, DEMO_PASSWORD, "Europe/Berlin", true),
                new UserSeed(SECOND_USERNAME, "Sam", "Seller", SECOND_USERNAME, "sam-password", "America/New_York")))));
    }

    /** {@link #demo()} plus a few tasks for the demo user, due around today (for the local runtime). */
    public static SeedData demoWithSampleTasks() {
        OrgSeed org = demo().orgs().get(0).withTasks(List.of(
                new TaskSeed(DEMO_USERNAME, Map.of("Subject", "Call Ada about the renewal", "ActivityDate", "TODAY",
                        "TaskSubtype", "Call", "Priority", "High")),
                new TaskSeed(DEMO_USERNAME, Map.of("Subject", "Send the proposal", "ActivityDate", "TODAY+1",
                        "TaskSubtype", "Email", "Description", "Pricing v2 attached")),
                new TaskSeed(DEMO_USERNAME, Map.of("Subject", "Prepare the quarterly review",
                        "TaskSubtype", "Task", "CreatedDate", "NOW-30h", "LastModifiedDate", "NOW-30h",
                        "SystemModstamp", "NOW-30h"))));
        return new SeedData(ConnectedApp.demo(), List.of(org));
    }

    public SeedData withConnectedApp(ConnectedApp app) {
        return new SeedData(app, orgs);
    }

    public SeedData withOrgs(List<OrgSeed> seededOrgs) {
        return new SeedData(connectedApp, seededOrgs);
    }

    /** Reads the JSON seed format the module README documents. */
    public static SeedData fromJson(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a seed file holds one JSON object");
        }
        ConnectedApp app = root.has("connectedApp") ? connectedApp(root.get("connectedApp")) : ConnectedApp.demo();
        List<OrgSeed> orgs = new ArrayList<>();
        for (JsonNode org : root.path("orgs")) {
            orgs.add(org(org));
        }
        return new SeedData(app, orgs);
    }

    private static ConnectedApp connectedApp(JsonNode node) {
        List<String> uris = new ArrayList<>();
        node.path("redirectUris").forEach(u -> uris.add(u.asText()));
        return new ConnectedApp(required(node, "clientId"), required(node, "clientSecret"), uris);
    }

    private static OrgSeed org(JsonNode node) {
        List<UserSeed> users = new ArrayList<>();
        for (JsonNode u : node.path("users")) {
            users.add(new UserSeed(required(u, "username"), text(u, "firstName"), required(u, "lastName"),
                    text(u, "email"), required(u, "password"), text(u, "timeZone"),
                    u.path("viewAllData").asBoolean(false)));
        }
        List<TaskSeed> tasks = new ArrayList<>();
        for (JsonNode t : node.path("tasks")) {
            Map<String, Object> fields = new LinkedHashMap<>();
            t.path("fields").properties().forEach(e -> fields.put(e.getKey(), scalar(e.getValue())));
            tasks.add(new TaskSeed(required(t, "owner"), fields));
        }
        List<PicklistValue> statuses = new ArrayList<>();
        for (JsonNode s : node.path("taskStatuses")) {
            String value = required(s, "value");
            statuses.add(new PicklistValue(value, s.path("label").asText(value), s.path("default").asBoolean(false),
                    s.path("closed").asBoolean(false), false));
        }
        return new OrgSeed(required(node, "name"), users, tasks,
                statuses.isEmpty() ? TaskSchema.STANDARD_STATUSES : statuses);
    }

    private static Object scalar(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        return value.isBoolean() ? (Object) value.booleanValue() : value.asText();
    }

    private static String required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new IllegalArgumentException("seed: missing \"" + field + "\"");
        }
        return v.asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
