package com.salesconnect.tasksync.wiring;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deployed wiring without any network: building clients and services opens no connection. */
class SyncComponentsTest {

    private final Map<String, String> env = new HashMap<>(Map.of(
            "AWS_REGION", "eu-west-1",
            "TASKS_TABLE", "tasks",
            "SYNC_TABLE", "sync",
            "TOKEN_KEY_ID", "arn:aws:kms:eu-west-1:123456789012:key/k",
            "EVENT_BUS_NAME", "bus",
            "SALESFORCE_LOGIN_URL", "https://login.salesforce.com",
            "SALESFORCE_CLIENT_ID", "client",
            "SALESFORCE_API_BUDGET_PERCENT", "10",
            "SALESFORCE_CLIENT_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:sf-AbCdEf",
            "SETTINGS_PAGE_URL", "https://app.example.com/settings"));
    private final Set<String> read = new LinkedHashSet<>();
    private final Function<String, String> lookup = name -> {
        read.add(name);
        return env.get(name);
    };

    @Test
    void nothingIsReadUntilAServiceIsAskedFor() {
        SyncComponents.fromEnvironment(lookup, Clock.systemUTC());

        assertThat(read).isEmpty();
    }

    @Test
    void inboundSync_readsTheStoresKmsAndTheApiVersion_butNoConnectedAppNorEventBusNorPages() {
        SyncComponents components = SyncComponents.fromEnvironment(lookup, Clock.systemUTC());

        components.inboundSync();

        assertThat(read).contains("AWS_REGION", "TASKS_TABLE", "SYNC_TABLE", "TOKEN_KEY_ID", "SALESFORCE_API_VERSION")
                .as("it never renews a session: no connected app, no secret")
                .doesNotContain("SALESFORCE_LOGIN_URL", "SALESFORCE_CLIENT_ID", "SALESFORCE_CLIENT_SECRET_ARN")
                .doesNotContain("EVENT_BUS_NAME", "SETTINGS_PAGE_URL", "PUBLIC_BASE_URL");
    }

    @Test
    void outboundSync_namesTheClientSecretsArn_butReadsNoSecretUntilAnOAuthCall() {
        SyncComponents components = SyncComponents.fromEnvironment(lookup, Clock.systemUTC());

        components.outboundSync();

        assertThat(read).contains("SALESFORCE_LOGIN_URL", "SALESFORCE_CLIENT_ID", "SALESFORCE_CLIENT_SECRET_ARN")
                .doesNotContain("SALESFORCE_CLIENT_SECRET");
    }

    @Test
    void withoutTheClientSecretsArn_theFunctionsUsingOAuthDoNotStart_namingIt() {
        env.remove("SALESFORCE_CLIENT_SECRET_ARN");

        assertThatThrownBy(() -> SyncComponents.fromEnvironment(lookup, Clock.systemUTC()).outboundSync())
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessage("environment variable SALESFORCE_CLIENT_SECRET_ARN is not set");
        assertThat(SyncComponents.fromEnvironment(lookup, Clock.systemUTC()).inboundSync()).isNotNull();
    }

    @Test
    void aMissingVariable_failsTheServiceThatNeedsIt_namingTheVariable() {
        env.remove("EVENT_BUS_NAME");
        SyncComponents components = SyncComponents.fromEnvironment(lookup, Clock.systemUTC());

        assertThat(components.outboundSync()).isNotNull();
        assertThatThrownBy(components::sweepService)
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessage("environment variable EVENT_BUS_NAME is not set");
    }

    @Test
    void aMissingRegion_isNamed() {
        env.remove("AWS_REGION");

        assertThatThrownBy(() -> SyncComponents.fromEnvironment(lookup, Clock.systemUTC()).settingsService())
                .hasMessageContaining("AWS_REGION");
    }

    @Test
    void anUnsafeLoginUrl_isRefused_withoutRepeatingTheSecret() {
        env.put("SALESFORCE_LOGIN_URL", "http://login.example.com");

        assertThatThrownBy(() -> SyncComponents.fromEnvironment(lookup, Clock.systemUTC()).outboundSync())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("SALESFORCE_LOGIN_URL").hasMessageNotContaining("secret");
    }

    @Test
    void connectService_isBuiltOncePerBaseUrl() {
        SyncComponents components = SyncComponents.fromEnvironment(lookup, Clock.systemUTC());

        var first = components.connectService(URI.create("https://api.example.com/"));
        var again = components.connectService(URI.create("https://api.example.com"));
        var other = components.connectService(URI.create("https://other.example.com"));

        assertThat(again).isSameAs(first);
        assertThat(other).isNotSameAs(first);
    }

    @Test
    void publicBaseUrl_isOptional_andTheSettingsPageRequired() {
        SyncComponents components = SyncComponents.fromEnvironment(lookup, Clock.systemUTC());
        env.put("PUBLIC_BASE_URL", "");

        assertThat(components.publicBaseUrl()).isEmpty();
        assertThat(components.settingsPageUrl()).isEqualTo(URI.create("https://app.example.com/settings"));
    }
}
