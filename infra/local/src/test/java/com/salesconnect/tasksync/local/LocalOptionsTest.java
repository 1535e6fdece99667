package com.salesconnect.tasksync.local;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalOptionsTest {

    @Test
    void defaults_areTheDocumentedPortsMotoAndTheEmulator() {
        LocalOptions o = LocalOptions.parse(new String[0], Map.<String, String>of()::get);
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.salesforcePort()).isEqualTo(8081);
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.awsEndpoint()).isEmpty();
        assertThat(o.salesforceOrg()).isEmpty();
        assertThat(o.seed()).isTrue();
    }

    @Test
    void optionsAndEnvironment_chooseThePortsTheEnginesAndParameters() {
        LocalOptions o = LocalOptions.parse(new String[]{"--port", "0", "--salesforce-port", "9001", "--param",
                "SweepSchedule=rate(1 minute)", "--no-seed"}, Map.of(
                "TASKSYNC_AWS_ENDPOINT", "http://localhost:4566",
                "SALESFORCE_LOGIN_URL", "https://login.salesforce.com",
                "SALESFORCE_CLIENT_ID", "id", "SALESFORCE_CLIENT_SECRET", "s3cret")::get);
        assertThat(o.port()).isZero();
        assertThat(o.salesforcePort()).isEqualTo(9001);
        assertThat(o.parameters()).containsEntry("SweepSchedule", "rate(1 minute)");
        assertThat(o.awsEndpoint()).contains(URI.create("http://localhost:4566"));
        assertThat(o.salesforceOrg()).hasValueSatisfying(org -> {
            assertThat(org.clientId()).isEqualTo("id");
            assertThat(org.toString()).doesNotContain("s3cret");
        });
        assertThat(o.seed()).isFalse();
    }

    @Test
    void badOptions_areRefusedWithTheReason() {
        assertThatThrownBy(() -> LocalOptions.parse(new String[]{"--port", "http"}, k -> null))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> LocalOptions.parse(new String[]{"--port"}, k -> null)).hasMessageContaining("value");
        assertThatThrownBy(() -> LocalOptions.parse(new String[]{"--verbose"}, k -> null))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> LocalOptions.parse(new String[]{"--param", "x"}, k -> null))
                .hasMessageContaining("Name=Value");
        assertThatThrownBy(() -> LocalOptions.parse(new String[0], Map.of("SALESFORCE_CLIENT_ID", "id")::get))
                .hasMessageContaining("together");
    }
}
