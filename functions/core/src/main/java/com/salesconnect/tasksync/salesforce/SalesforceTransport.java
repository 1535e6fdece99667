package com.salesconnect.tasksync.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends one Salesforce request and reads its whole answer, on the JDK's {@link HttpURLConnection}: the classes
 * the AWS SDK's url-connection client already loads, no selector thread, no second TLS context (a
 * {@code java.net.http.HttpClient} cost a function's first Salesforce call about 270 classes, its own
 * {@code SSLContext} and a selector thread; see infra/deploy/README.md, "Jar size and cold start").
 *
 * <p>What the previous client did, this one does: HTTP/1.1 with keep-alive, redirects never followed (a redirect
 * must not carry a bearer token elsewhere), nothing cached, no compression asked for. A request with a body is sent
 * in fixed-length streaming mode, so the JDK never silently sends it a second time on a stale keep-alive
 * connection (creates must not be replayed once sent). {@code PATCH}, which {@code HttpURLConnection} does not
 * speak, goes as {@code POST ...?_HttpMethod=PATCH}, Salesforce's documented override for such clients.
 *
 * <p>Time-outs: connecting waits at most the connect time-out (or the attempt's time-out when shorter) and fails
 * with {@link ConnectFailure}; then every read waits at most the attempt's time-out, and running out of it throws
 * {@link java.net.SocketTimeoutException}.
 */
public final class SalesforceTransport {

    /** Set (to anything) to log each request's method and URI, with no header or body, for the bench's meter. */
    static final String REQUEST_LOG_PROPERTY = "tasksync.salesforce.requestLog";
    /** The java.util.logging logger those lines go to, at FINE: {@code REQUEST: <uri> <method>}. */
    static final String REQUEST_LOGGER = "com.salesconnect.tasksync.salesforce.requests";

    private static final boolean LOG_REQUESTS = System.getProperty(REQUEST_LOG_PROPERTY) != null;

    private final Duration connectTimeout;

    public SalesforceTransport(Duration connectTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    /** The connection could not be made (refused, unreachable, timed out): nothing was sent. */
    static final class ConnectFailure extends IOException {
        ConnectFailure(IOException cause) {
            super("connect failure: " + cause.getClass().getSimpleName(), cause);
        }
    }

    /** One request: method, URI, headers, an optional UTF-8 body. */
    static final class Request {
        private final URI uri;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String method = "GET";
        private String body;

        Request(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** {@code body} null: no body. */
        Request method(String method, String body) {
            this.method = Objects.requireNonNull(method, "method");
            this.body = body;
            return this;
        }

        Request post(String body) {
            return method("POST", body);
        }

        URI uri() {
            return uri;
        }

        String method() {
            return method;
        }

        String body() {
            return body;
        }

        Map<String, String> headers() {
            return headers;
        }
    }

    /** A whole answer: status, body text and headers (names compared ignoring case). */
    static final class Response {
        private final int statusCode;
        private final String body;
        private final Map<String, List<String>> headers;

        Response(int statusCode, String body, Map<String, List<String>> headers) {
            this.statusCode = statusCode;
            this.body = body;
            Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> {
                if (name != null) {
                    byName.put(name, values);
                }
            });
            this.headers = byName;
        }

        int statusCode() {
            return statusCode;
        }

        String body() {
            return body;
        }

        Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    /**
     * Sends {@code request} and reads the whole answer within {@code timeout}.
     *
     * @throws ConnectFailure                    when no connection could be made (nothing was sent)
     * @throws java.net.SocketTimeoutException   when the answer did not come in time
     * @throws IOException                       for any other failure once connected
     */
    Response exchange(Request request, Duration timeout) throws IOException {
        URI uri = request.uri();
        String method = request.method();
        if ("PATCH".equals(method)) {
            uri = URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + "_HttpMethod=PATCH");
            method = "POST";
        }
        if (LOG_REQUESTS) {
            Logger.getLogger(REQUEST_LOGGER).log(Level.FINE, "REQUEST: " + request.uri() + " " + request.method());
        }
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            return exchange(connection, request, method, timeout);
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            throw e;
        }
    }

    private Response exchange(HttpURLConnection connection, Request request, String method, Duration timeout)
            throws IOException {
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout(millis(timeout.compareTo(connectTimeout) < 0 ? timeout : connectTimeout));
        connection.setReadTimeout(millis(timeout));
        try {
            connection.setRequestMethod(method);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException("HTTP method not supported: " + method, e);
        }
        request.headers().forEach(connection::setRequestProperty);
        byte[] body = request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
        }
        try {
            connection.connect();
        } catch (IOException e) {
            throw new ConnectFailure(e);
        }
        if (body != null) {
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status;
        try {
            status = connection.getResponseCode();
        } catch (HttpRetryException e) {
            // A 401 to a streamed body: the JDK would have to send it again to authenticate, so it reports the
            // status without the answer. The caller renews the session on the status alone.
            if (e.responseCode() == HttpURLConnection.HTTP_UNAUTHORIZED) {
                return new Response(e.responseCode(), "", Map.of());
            }
            throw e;
        }
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        String text = "";
        if (in != null) {
            try (in) {
                text = new String(in.readAllBytes(), charset(connection.getContentType()));
            }
        }
        return new Response(status, text, connection.getHeaderFields());
    }

    /** The charset a Content-Type names, UTF-8 when it names none or one this JVM lacks. */
    static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    String name = p.substring("charset=".length()).trim().replace("\"", "");
                    try {
                        return Charset.forName(name);
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static int millis(Duration d) {
        long ms = d.toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }
}
