package com.salesconnect.tasksync.emulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request and its response: decoded query parameters, a body read with a size bound, and helpers
 * for the JSON, HTML and redirect answers the emulator gives.
 */
public final class HttpCall {

    private final HttpExchange exchange;
    private final int maxBodyBytes;
    private final String method;
    private final Map<String, List<String>> query;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    private byte[] body;
    private boolean responded;

    public HttpCall(HttpExchange exchange, int maxBodyBytes) {
        this.exchange = exchange;
        this.maxBodyBytes = maxBodyBytes;
        this.query = FormEncoding.parseKeepingMalformed(exchange.getRequestURI().getRawQuery());
        String override = param("_HttpMethod").orElse(null);
        String requested = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        // Salesforce lets clients without PATCH support send POST ...?_HttpMethod=PATCH.
        this.method = "POST".equals(requested) && override != null ? override.toUpperCase(Locale.ROOT) : requested;
    }

    public String method() {
        return method;
    }

    /** The decoded path, e.g. {@code /services/data/v62.0/sobjects/Task}. */
    public String path() {
        return exchange.getRequestURI().getPath();
    }

    public URI uri() {
        return exchange.getRequestURI();
    }

    public Optional<String> param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Map<String, List<String>> params() {
        return query;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    /** The request body, at most the configured number of bytes. */
    public byte[] body() throws IOException {
        if (body != null) {
            return body;
        }
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBodyBytes) {
                    throw new PayloadTooLargeException();
                }
            } catch (NumberFormatException e) {
                throw new PayloadTooLargeException();
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] read = in.readNBytes(maxBodyBytes + 1);
            if (read.length > maxBodyBytes) {
                throw new PayloadTooLargeException();
            }
            body = read;
        }
        return body;
    }

    public String bodyText() throws IOException {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** The body as JSON; malformed JSON is the API's JSON_PARSER_ERROR (its position, never parser internals). */
    public JsonNode jsonBody() throws IOException {
        byte[] bytes = body();
        if (bytes.length == 0) {
            throw new com.salesconnect.tasksync.emulator.sobject.ApiRequestException(400, "JSON_PARSER_ERROR",
                    "The request body is empty");
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at [line:" + e.getLocation().getLineNr()
                    + ", column:" + e.getLocation().getColumnNr() + "]";
            throw new com.salesconnect.tasksync.emulator.sobject.ApiRequestException(400, "JSON_PARSER_ERROR",
                    "Unexpected character in the request body" + where);
        }
    }

    /** The body as an {@code application/x-www-form-urlencoded} form. */
    public Map<String, List<String>> formBody() throws IOException {
        return FormEncoding.parseKeepingMalformed(bodyText());
    }

    public void addHeader(String name, String value) {
        extraHeaders.put(name, value);
    }

    public boolean responded() {
        return responded;
    }

    public void json(int status, JsonNode body) throws IOException {
        send(status, "application/json;charset=UTF-8", Json.MAPPER.writeValueAsBytes(body));
    }

    public void html(int status, String html) throws IOException {
        send(status, "text/html;charset=UTF-8", html.getBytes(StandardCharsets.UTF_8));
    }

    public void text(int status, String text) throws IOException {
        send(status, "text/plain;charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public void redirect(String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        send(302, null, new byte[0]);
    }

    public void noContent() throws IOException {
        send(204, null, null);
    }

    public void send(int status, String contentType, byte[] bytes) throws IOException {
        if (responded) {
            throw new IllegalStateException("already responded");
        }
        responded = true;
        extraHeaders.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (bytes == null || status == 204) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
        exchange.close();
    }
}
