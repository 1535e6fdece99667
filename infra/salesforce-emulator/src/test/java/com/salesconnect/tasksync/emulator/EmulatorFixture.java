package com.salesconnect.tasksync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.emulator.org.SeedData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** An emulator on a free port with a still-standing clock, plus an API client logged in as the demo user. */
final class EmulatorFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final String V = "/services/data/v62.0";

    final MutableClock clock = MutableClock.fixed(T0);
    final SalesforceEmulator sf;
    final TestHttp http;

    EmulatorFixture() {
        this(c -> c);
    }

    EmulatorFixture(UnaryOperator<EmulatorConfig> customise) {
        try {
            sf = SalesforceEmulator.start(customise.apply(EmulatorConfig.forTests(clock)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http = new TestHttp(sf.baseUrl());
    }

    /** A password-grant token response for the demo user. */
    JsonNode login(String username, String password) {
        TestHttp.Res res = http.form("/services/oauth2/token", TestHttp.form("grant_type", "password",
                "client_id", sf.connectedApp().clientId(), "client_secret", sf.connectedApp().clientSecret(),
                "username", username, "password", password));
        if (res.status() != 200) {
            throw new IllegalStateException("login failed: " + res.status() + " " + res.body());
        }
        return res.json();
    }

    String token() {
        return login(SeedData.DEMO_USERNAME, SeedData.DEMO_PASSWORD).get("access_token").asText();
    }

    String demoUserId() {
        return sf.org().user(SeedData.DEMO_USERNAME).id();
    }

    @Override
    public void close() {
        sf.close();
    }
}
