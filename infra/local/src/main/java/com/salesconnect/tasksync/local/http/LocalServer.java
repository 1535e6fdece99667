package com.salesconnect.tasksync.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app's HTTP server (JDK HttpServer): asks each route in turn, answers 404 when none takes the request and
 * 500 (without details) when one fails. Request bodies over {@value #MAX_BODY} bytes are refused with 413.
 */
public final class LocalServer implements AutoCloseable {

    static final int MAX_BODY = 10 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);

    static {
        // TCP_NODELAY, as API Gateway's servers have it: otherwise a kept-alive client waits 40 ms for each
        // response's body (the Salesforce emulator's KeepAliveTest). The JDK reads it when its first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Route> routes;

    private LocalServer(HttpServer server, ExecutorService executor, List<Route> routes) {
        this.server = server;
        this.executor = executor;
        this.routes = List.copyOf(routes);
    }

    /** Binds {@code host:port} (0 picks a free port) and starts serving. */
    public static LocalServer start(String host, int port, List<Route> routes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 64);
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        LocalServer local = new LocalServer(server, executor, routes);
        server.createContext("/", local::exchange);
        server.setExecutor(executor);
        server.start();
        return local;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                Optional<Request> request = read(exchange);
                response = request.isEmpty() ? Response.error(413, "request body too large") : dispatch(request.get());
            } catch (Exception e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
                response = Response.error(500, "internal error");
            }
            write(exchange, response);
        }
    }

    private Response dispatch(Request request) throws Exception {
        for (Route route : routes) {
            Optional<Response> response = route.handle(request);
            if (response.isPresent()) {
                return response.get();
            }
        }
        return Response.error(404, "not found");
    }

    private static Optional<Request> read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            return Optional.empty();
        }
        return Optional.of(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol()));
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((name, values) -> values.forEach(v -> exchange.getResponseHeaders().add(name, v)));
        boolean empty = response.body().length == 0;
        exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
