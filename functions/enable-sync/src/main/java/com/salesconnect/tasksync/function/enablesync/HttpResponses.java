package com.salesconnect.tasksync.function.enablesync;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.json.JsonTrees;

import java.net.URI;
import java.util.Map;

/**
 * The responses of the settings API. Every body is JSON; nothing is cached (a settings body holds the webhook
 * URL, which carries the org's secret token). Error bodies carry fixed texts, never an exception's message.
 */
final class HttpResponses {

    private static final Map<String, String> JSON_HEADERS = Map.of(
            "Content-Type", "application/json",
            "Cache-Control", "no-store");

    HttpResponses() {
    }

    APIGatewayV2HTTPResponse json(int status, JsonNode body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(JSON_HEADERS)
                .withBody(JsonTrees.write(body))
                .build();
    }

    /** {@code {"error": message}} with a fixed, user-safe message; extra fields (e.g. a reason code) may follow. */
    APIGatewayV2HTTPResponse error(int status, String message, String... more) {
        var body = JsonTrees.object().put("error", message);
        for (int i = 0; i + 1 < more.length; i += 2) {
            body.put(more[i], more[i + 1]);
        }
        return json(status, body);
    }

    APIGatewayV2HTTPResponse redirect(URI location) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(302)
                .withHeaders(Map.of("Location", location.toString(), "Cache-Control", "no-store"))
                .build();
    }
}
