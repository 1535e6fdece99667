package com.salesconnect.tasksync.bench.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A kept-alive connection the server closes as the next request goes out (the JDK's server closes a connection
 * idle for 30 s; the fan-out's calls to the emulator came about 30 s apart): the client reads no byte of an answer.
 * Here the server answers a connection's first request and closes it at the second, unanswered, every time.
 */
class HttpTest {

    private ServerSocket server;
    private Thread acceptor;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket connection = server.accept()) {
                    InputStream in = connection.getInputStream();
                    OutputStream out = connection.getOutputStream();
                    readRequest(in);
                    requests.incrementAndGet();
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    readRequest(in);   // the next request on the kept-alive connection: dropped unanswered
                    requests.incrementAndGet();
                } catch (IOException e) {
                    // closed: the test is over
                }
            }
        }, "http-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        server.close();
        acceptor.join(5_000);
    }

    @Test
    void anIdempotentRequestOnAConnectionTheServerDropped_isSentOnceMoreOnANewConnection() throws Exception {
        Http http = new Http();
        URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/_emulator/orgs/o/outbound");

        assertThat(http.require("PUT", uri, null, Map.of("endpoint", "http://x"), Duration.ofSeconds(5)).ok()).isTrue();
        assertThat(http.require("PUT", uri, null, Map.of("endpoint", "http://x"), Duration.ofSeconds(5)).ok()).isTrue();

        // the first connection's two requests, then the new connection's one
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void aPostOnAConnectionTheServerDropped_isNotSentAgain_theCallerSeesTheFailure() throws Exception {
        Http http = new Http();
        URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/tasks");

        http.require("POST", uri, null, Map.of("subject", "a"), Duration.ofSeconds(5));
        assertThatThrownBy(() -> http.require("POST", uri, null, Map.of("subject", "b"), Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class);
        assertThat(requests.get()).isEqualTo(2);
    }

    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String s = head.toString(StandardCharsets.US_ASCII);
            if (s.endsWith("\r\n\r\n")) {
                int at = s.toLowerCase().indexOf("content-length:");
                if (at >= 0) {
                    int length = Integer.parseInt(s.substring(at + 15, s.indexOf("\r\n", at)).trim());
                    in.readNBytes(length);
                }
                return;
            }
        }
        throw new IOException("connection closed");
    }
}
