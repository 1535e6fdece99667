package com.salesconnect.tasksync.local.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The local HTTP server's own answers: a request it cannot read is the client's error, never a 500. */
class LocalServerTest {

    private LocalServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Sends the request line as given (no client library would send a malformed one) and returns the answer. */
    private String send(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void serve() throws IOException {
        server = LocalServer.start("127.0.0.1", 0, List.of(request -> Optional.of(Response.json(200,
                java.util.Map.of("path", request.path(), "query", request.query().toString())))));
    }

    @Test
    void aWellFormedTarget_isDecodedForTheRoutes() throws IOException {
        serve();
        String answer = send("/tasks/a%20b?limit=5&cursor=x%2By");

        assertThat(answer).startsWith("HTTP/1.1 200").contains("/tasks/a b").contains("x+y");
    }

    @Test
    void aMalformedPercentEscape_isAnswered400_withWhatIsWrong() throws IOException {
        serve();

        for (String target : List.of("/tasks?limit=%zz", "/tasks?cursor=%", "/tasks/%E0%A4%zz")) {
            String answer = send(target);
            assertThat(answer).as(target).startsWith("HTTP/1.1 400");
            assertThat(answer).as(target).doesNotContain("internal error");
        }
    }
}
