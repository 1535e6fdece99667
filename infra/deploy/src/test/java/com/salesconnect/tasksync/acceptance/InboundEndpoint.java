package com.salesconnect.tasksync.acceptance;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.salesconnect.tasksync.function.inbound.SalesforceInboundHandler;
import com.salesconnect.tasksync.wiring.EventFiles;
import com.salesconnect.tasksync.wiring.TestLambdaContext;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stands in for API Gateway in front of the salesforce-inbound function: the Salesforce emulator delivers its
 * real SOAP outbound messages here, and each becomes the HTTP API event of
 * events/salesforce-inbound/outbound-message.json (with this request's path and body) for the real handler.
 */
final class InboundEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final AtomicReference<SalesforceInboundHandler> handler = new AtomicReference<>();

    InboundEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            APIGatewayV2HTTPResponse response = handle(exchange.getRequestURI().getPath(), body);
            byte[] out = response.getBody().getBytes(StandardCharsets.UTF_8);
            response.getHeaders().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(response.getStatusCode(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    /** The handler the next messages go to (each test wires its own). */
    void route(SalesforceInboundHandler inbound) {
        handler.set(inbound);
    }

    /** The endpoint URL to configure in Salesforce for a webhook token. */
    URI url(String webhookToken) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/salesforce/outbound-messages/" + webhookToken);
    }

    private APIGatewayV2HTTPResponse handle(String path, byte[] body) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(
                EventFiles.path("salesforce-inbound/outbound-message.json"));
        String token = path.substring(path.lastIndexOf('/') + 1);
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        Map<String, String> parameters = new HashMap<>();
        parameters.put("webhookToken", token);
        event.setPathParameters(parameters);
        event.setBody(new String(body, StandardCharsets.UTF_8));
        event.setIsBase64Encoded(false);
        return AwsCallRecorder.as("SalesforceInboundFunction",
                () -> handler.get().handleRequest(event, TestLambdaContext.of("outbound-message")));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
