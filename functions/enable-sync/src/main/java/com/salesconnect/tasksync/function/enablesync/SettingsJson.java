package com.salesconnect.tasksync.function.enablesync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.json.JsonTrees;
import com.salesconnect.tasksync.sync.SettingsView;

import java.io.IOException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** The settings API's JSON: the Settings page's view of a user's sync, and the body of a change. */
final class SettingsJson {

    /** A change of the toggle: {@code {"enabled": true|false, "timeZone": "Europe/Berlin"?}}. */
    record Change(boolean enabled, Optional<ZoneId> timeZone) {
    }

    /** The body cannot be used; {@link #userMessage()} is a fixed text meant for the caller. */
    static final class BadRequest extends Exception {
        private final String userMessage;

        BadRequest(String userMessage) {
            super(userMessage, null, false, false);
            this.userMessage = userMessage;
        }

        String userMessage() {
            return userMessage;
        }
    }

    SettingsJson() {
    }

    /**
     * Reads a change. Fields other than {@code enabled} and {@code timeZone} are ignored, a {@code userId}
     * included: the user is the one the authorizer verified.
     */
    Change readChange(String body) throws BadRequest {
        if (body == null || body.isBlank()) {
            throw new BadRequest("The body is empty; send {\"enabled\": true} or {\"enabled\": false}.");
        }
        JsonNode node;
        try {
            node = JsonTrees.read(body);
        } catch (IOException e) {
            throw new BadRequest("The body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest("The body must be a JSON object like {\"enabled\": true}.");
        }
        JsonNode enabled = node.get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw new BadRequest("\"enabled\" is required and must be true or false.");
        }
        JsonNode zone = node.get("timeZone");
        if (zone == null || zone.isNull()) {
            return new Change(enabled.booleanValue(), Optional.empty());
        }
        if (!zone.isTextual()) {
            throw new BadRequest("\"timeZone\" must be a time zone name such as \"Europe/Berlin\".");
        }
        try {
            return new Change(enabled.booleanValue(), Optional.of(ZoneId.of(zone.textValue())));
        } catch (DateTimeException e) {
            throw new BadRequest("\"timeZone\" is not a known time zone; use a name such as \"Europe/Berlin\".");
        }
    }

    /** The view as the Settings page reads it; {@code webhookUrl} is null until the org has an endpoint. */
    ObjectNode view(SettingsView view, URI webhookUrl) {
        ObjectNode out = JsonTrees.object();
        out.put("enabled", view.enabled());
        out.put("enabledAt", text(view.enabledAt()));
        out.put("previouslyEnabled", view.previouslyEnabled());
        out.put("timeZone", view.timeZone() == null ? null : view.timeZone().getId());
        ObjectNode connection = out.putObject("connection");
        connection.put("state", view.connection().state().name());
        connection.put("orgId", view.connection().orgId());
        connection.put("webhookUrl", webhookUrl == null ? null : webhookUrl.toString());
        SettingsView.FirstSyncView first = view.firstSync();
        ObjectNode firstSync = out.putObject("firstSync");
        firstSync.put("state", first.state().name());
        firstSync.put("imported", first.imported());
        firstSync.put("startedAt", text(first.startedAt()));
        firstSync.put("finishedAt", text(first.finishedAt()));
        firstSync.put("error", first.error());
        if (view.detached() == null) {
            out.putNull("detached");
        } else {
            ObjectNode detached = out.putObject("detached");
            detached.put("orgId", view.detached().orgId());
            detached.put("sfUserId", view.detached().sfUserId());
            detached.put("at", text(view.detached().at()));
        }
        out.put("apiBudget", view.apiBudget());
        return out;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
