package com.salesconnect.tasksync.bench.drive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;

/** JSON over HTTP, as the pages and scripts talk to the app and to the emulator's admin API. */
public final class Http {

    /** An answer: status, body as JSON (null when empty or not JSON) and how long it took. */
    public record Answer(int status, JsonNode body, long millis) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Connections idle for 10 s are dropped here, before the JDK's server closes them (idle 30 s): a request sent
        // as the server closes its connection gets no answer (see send). Read when the first client is built.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "10");
        }
    }

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "bench-http");
                t.setDaemon(true);
                return t;
            })).build();

    public Answer send(String method, URI uri, String bearer, Object body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long start = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // A kept-alive connection the server closed as the request went out: not one byte of an answer came
            // (HttpTest). The JDK's client sends only GET and HEAD again; an idempotent request is sent once more,
            // on a new connection. Anything else fails: the server may have acted on it.
            if (!IDEMPOTENT.contains(method) || !closedBeforeAnswer(e)) {
                throw e;
            }
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        JsonNode json = null;
        if (response.body().length > 0) {
            try {
                json = JSON.readTree(response.body());
            } catch (IOException e) {
                json = null;
            }
        }
        return new Answer(response.statusCode(), json, millis);
    }

    private static boolean closedBeforeAnswer(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    /** As {@link #send}, failing unless the answer is 2xx. */
    public Answer require(String method, URI uri, String bearer, Object body, Duration timeout)
            throws IOException, InterruptedException {
        Answer answer = send(method, uri, bearer, body, timeout);
        if (!answer.ok()) {
            throw new IOException(method + " " + uri.getPath() + " answered HTTP " + answer.status()
                    + (answer.body() == null ? "" : " " + abbreviate(answer.body().toString())));
        }
        return answer;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
