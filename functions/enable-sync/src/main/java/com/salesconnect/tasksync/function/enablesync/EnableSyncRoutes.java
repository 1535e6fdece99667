package com.salesconnect.tasksync.function.enablesync;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.salesconnect.tasksync.runtime.LogFields;

import java.util.Map;
import java.util.Optional;

/**
 * The settings API's routes: a request's method and path to the action that answers it (the function's README
 * lists them). An unknown route is 404; a route for a signed-in user without the authorizer's claim is 401.
 */
final class EnableSyncRoutes {

    /** A route anyone may call: the OAuth callback, whose user is the one its one-time state was issued to. */
    @FunctionalInterface
    interface Open {
        APIGatewayV2HTTPResponse answer(HttpRequest request);
    }

    /** A route for the signed-in user (the JWT authorizer's {@code sub}). */
    @FunctionalInterface
    interface SignedIn {
        APIGatewayV2HTTPResponse answer(HttpRequest request, String userId);
    }

    private final Map<String, Open> open;
    private final Map<String, SignedIn> signedIn;
    private final HttpResponses responses;

    /** @param open, signedIn by route key, {@code "GET /settings/task-sync"} */
    EnableSyncRoutes(Map<String, Open> open, Map<String, SignedIn> signedIn, HttpResponses responses) {
        this.open = Map.copyOf(open);
        this.signedIn = Map.copyOf(signedIn);
        this.responses = responses;
    }

    APIGatewayV2HTTPResponse answer(HttpRequest request) {
        String route = request.route();
        Open anyone = open.get(route);
        if (anyone != null) {
            return anyone.answer(request);
        }
        SignedIn action = signedIn.get(route);
        if (action == null) {
            return responses.error(404, "No such route.");
        }
        Optional<String> user = request.userId();
        if (user.isEmpty()) {
            return responses.error(401, "Sign in to change your settings.");
        }
        // The signed-in user's id is a field of every line the route logs (an operator filters by it).
        try (LogFields.Scope ignored = LogFields.with(LogFields.USER_ID, user.get())) {
            return action.answer(request, user.get());
        }
    }
}
