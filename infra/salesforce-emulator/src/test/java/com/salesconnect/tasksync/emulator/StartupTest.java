package com.salesconnect.tasksync.emulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupTest {

    @Test
    void start_takesWellUnderTwoSecondsAndCloseReleasesThePort() throws IOException {
        long start = System.nanoTime();
        SalesforceEmulator sf = SalesforceEmulator.start(EmulatorConfig.defaults());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        int port = sf.port();
        try {
            assertThat(took).isLessThan(Duration.ofSeconds(2));
            assertThat(port).isPositive();
            assertThat(sf.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(new TestHttp(sf.baseUrl()).get("/services/data/", null).status()).isEqualTo(200);
        } finally {
            sf.close();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void twoEmulatorsRunSideBySideWithTheirOwnState() throws IOException {
        try (SalesforceEmulator a = SalesforceEmulator.start(EmulatorConfig.defaults());
             SalesforceEmulator b = SalesforceEmulator.start(EmulatorConfig.defaults())) {
            a.org().createTask("demo@example.com", java.util.Map.of("Subject", "only in a"));
            assertThat(a.port()).isNotEqualTo(b.port());
            assertThat(a.org().tasks()).hasSize(1);
            assertThat(b.org().tasks()).isEmpty();
        }
    }
}
