package com.salesconnect.tasksync.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.salesconnect.tasksync.emulator.admin.AdminHttp;
import com.salesconnect.tasksync.emulator.fault.FaultInjector;
import com.salesconnect.tasksync.emulator.fault.FaultKind;
import com.salesconnect.tasksync.emulator.fault.FaultRule;
import com.salesconnect.tasksync.emulator.http.HttpCall;
import com.salesconnect.tasksync.emulator.http.Json;
import com.salesconnect.tasksync.emulator.http.PayloadTooLargeException;
import com.salesconnect.tasksync.emulator.oauth.OAuthHttp;
import com.salesconnect.tasksync.emulator.rest.RestApi;
import com.salesconnect.tasksync.emulator.sobject.ApiRequestException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Sends each request to its part of the emulator and turns failures into the answers Salesforce gives. Only
 * the method and path are ever logged: tokens travel in headers, bodies and (for revoke) query strings.
 */
final class Router implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final RestApi rest;
    private final OAuthHttp oauth;
    private final AdminHttp admin;
    private final FaultInjector faults;
    private final int maxRequestBytes;

    Router(RestApi rest, OAuthHttp oauth, AdminHttp admin, FaultInjector faults, int maxRequestBytes) {
        this.rest = rest;
        this.oauth = oauth;
        this.admin = admin;
        this.faults = faults;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handle(HttpExchange exchange) {
        HttpCall call = new HttpCall(exchange, maxRequestBytes);
        String path = call.path();
        try {
            if (path.startsWith("/services/") || path.startsWith("/id/")) {
                if (delayedOrFailed(call)) {
                    return;
                }
            }
            if (path.equals("/services/data") || path.startsWith("/services/data/")) {
                rest.handle(call);
            } else if (path.startsWith("/services/oauth2/") || path.startsWith("/id/")) {
                oauth.handle(call);
            } else if (path.equals("/_emulator") || path.startsWith("/_emulator/")) {
                admin.handle(call);
            } else if (path.equals("/")) {
                call.redirect("/_emulator");
            } else {
                call.json(404, Json.restError("NOT_FOUND", "The requested resource does not exist"));
            }
        } catch (PayloadTooLargeException e) {
            answer(call, 413, "REQUEST_ENTITY_TOO_LARGE", "The request body is larger than "
                    + maxRequestBytes + " bytes");
        } catch (ApiRequestException e) {
            answer(call, e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("{} {} failed", call.method(), path, e);
            answer(call, 500, "UNKNOWN_EXCEPTION", "An unexpected error occurred in the emulator.");
        } catch (IOException e) {
            // The client hung up (it timed out or stopped): one line, as for any server, and nobody left to answer.
            LOG.info("{} {}: the client closed the connection ({})", call.method(), path, e.getClass().getSimpleName());
        } finally {
            exchange.close();
        }
    }

    private boolean delayedOrFailed(HttpCall call) throws IOException {
        Optional<FaultRule> latency = faults.take(call.method(), call.path(), Set.of(FaultKind.LATENCY));
        if (latency.isPresent()) {
            try {
                Thread.sleep(latency.get().latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rest.injectServerFault(call);
    }

    private static void answer(HttpCall call, int status, String errorCode, String message) {
        if (call.responded()) {
            return;
        }
        try {
            call.json(status, Json.restError(errorCode, message));
        } catch (IOException e) {
            LOG.debug("could not answer {} {}", call.method(), call.path());
        }
    }
}
