package com.salesconnect.tasksync.salesforce.contract;

import com.salesconnect.tasksync.salesforce.OutboundMessageCodec;
import com.salesconnect.tasksync.salesforce.WebhookTokens;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * An Outbound Message endpoint for tests: a JDK HttpServer on loopback that keeps every request it gets and answers
 * request number n (0-based) with {@code answers.apply(n)}; the default answers with the codec's acknowledgement.
 */
final class SoapListener implements AutoCloseable {

    /** A captured POST. */
    record Received(String path, byte[] body, String contentType, String soapAction) {
        /** The last path segment: the webhook token of the endpoint URL. */
        String token() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An HTTP answer. */
    record Answer(int status, String body) {
    }

    private final OutboundMessageCodec codec = new OutboundMessageCodec();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "soap-listener");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final String token;
    private volatile IntFunction<Answer> answers = n -> ack();

    SoapListener() {
        this("t0k3n");
    }

    /** @param token the last segment of the endpoint URL, as in the endpoints ConnectService hands out */
    SoapListener(String token) {
        this.token = token;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(WebhookTokens.PATH_PREFIX, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    Answer ack() {
        return new Answer(200, codec.acknowledgement());
    }

    Answer serverFault(String text) {
        return new Answer(500, codec.fault(OutboundMessageCodec.FaultCode.SERVER, text));
    }

    void answerWith(IntFunction<Answer> answersByRequestNumber) {
        this.answers = answersByRequestNumber;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + WebhookTokens.PATH_PREFIX + token);
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Waits until at least {@code n} requests arrived (the emulator sends on its own thread). */
    List<Received> awaitReceived(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return received();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int number;
            synchronized (received) {
                number = received.size();
                received.add(new Received(exchange.getRequestURI().getRawPath(), body,
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("SOAPAction")));
            }
            Answer answer = answers.apply(number);
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", OutboundMessageCodec.CONTENT_TYPE);
            exchange.sendResponseHeaders(answer.status(), out.length);
            exchange.getResponseBody().write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
