package com.salesconnect.tasksync.salesforce;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HttpServer on the loopback interface that each test scripts: per method and path, the replies to give
 * in order (the last one repeats). Records every request. Closing it stops the server and its threads.
 */
final class StubServer implements AutoCloseable {

    static final Path REFERENCE = Path.of("/work/shared/reference/salesforce");

    record Reply(int status, String body, Map<String, String> headers, Duration delay) {
        Reply header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, h, delay);
        }

        Reply delayed(Duration by) {
            return new Reply(status, body, headers, by);
        }
    }

    record Request(String method, String path, String rawQuery, Map<String, String> headers, String body) {
        /** A decoded query parameter, or null. */
        String param(String name) {
            if (rawQuery == null) {
                return null;
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /** A decoded form body parameter, or null. */
        String formParam(String name) {
            return new Request(method, path, body, headers, null).param(name);
        }
    }

    private record Route(String method, String path, boolean prefix, Deque<Reply> replies) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    StubServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static Reply json(int status, String body) {
        return new Reply(status, body, Map.of("Content-Type", "application/json;charset=UTF-8"), Duration.ZERO);
    }

    static Reply reference(int status, String file) {
        try {
            return json(status, Files.readString(REFERENCE.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String referenceText(String file) {
        try {
            return Files.readString(REFERENCE.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Replies for exactly this method and path. */
    StubServer on(String method, String path, Reply... replies) {
        routes.add(new Route(method, path, false, new ArrayDeque<>(List.of(replies))));
        return this;
    }

    /** Replies for this method and any path starting with {@code prefix}. */
    StubServer onPrefix(String method, String prefix, Reply... replies) {
        routes.add(new Route(method, prefix, true, new ArrayDeque<>(List.of(replies))));
        return this;
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            // Like Salesforce: a client without PATCH sends POST ...?_HttpMethod=PATCH.
            Request asSent = new Request(method, uri.getRawPath(), uri.getRawQuery(), headers, body);
            if ("POST".equals(method) && asSent.param("_HttpMethod") != null) {
                method = asSent.param("_HttpMethod");
            }
            requests.add(new Request(method, uri.getRawPath(), uri.getRawQuery(), headers, body));
            Reply reply = replyFor(method, uri.getRawPath());
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private Reply replyFor(String method, String path) {
        for (Route route : routes) {
            boolean matches = route.method().equals(method)
                    && (route.prefix() ? path.startsWith(route.path()) : path.equals(route.path()));
            if (matches) {
                synchronized (route.replies()) {
                    return route.replies().size() > 1 ? route.replies().poll() : route.replies().peek();
                }
            }
        }
        return json(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"no stub for " + method + " " + path + "\"}]");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
