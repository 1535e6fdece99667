package com.salesconnect.tasksync.local.app;

import com.salesconnect.tasksync.local.http.Request;
import com.salesconnect.tasksync.local.http.Response;
import com.salesconnect.tasksync.local.http.Route;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pages (plain HTML, JS and CSS from the jar's {@code /static}); {@code /} is the Settings page. */
public final class StaticPages implements Route {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    @Override
    public Optional<Response> handle(Request request) throws IOException {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return Optional.empty();
        }
        String path = request.path().equals("/") ? "/index.html" : request.path();
        if (!path.matches("/[a-z0-9-]+\\.(html|js|css|svg)")) {
            return Optional.empty();
        }
        try (InputStream in = StaticPages.class.getResourceAsStream("/static" + path)) {
            if (in == null) {
                return Optional.empty();
            }
            String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
            return Optional.of(new Response(200, Map.of("Content-Type", List.of(type),
                    "Cache-Control", List.of("no-store")), in.readAllBytes()));
        }
    }
}
