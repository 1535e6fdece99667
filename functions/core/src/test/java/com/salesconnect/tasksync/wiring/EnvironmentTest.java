package com.salesconnect.tasksync.wiring;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentTest {

    private final Environment env = new Environment(Map.of(
            "SET", " value ",
            "BLANK", "  ",
            "URL", "https://api.example.com/base",
            "NOT_HTTP", "ftp://example.com",
            "WITH_QUERY", "https://example.com/?a=1")::get);

    @Test
    void required_namesTheMissingVariable_andTreatsBlankAsMissing() {
        assertThat(env.required("SET")).isEqualTo("value");
        assertThatThrownBy(() -> env.required("ABSENT"))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessage("environment variable ABSENT is not set");
        assertThatThrownBy(() -> env.required("BLANK")).hasMessageContaining("BLANK");
    }

    @Test
    void optional_isEmptyForUnsetAndBlank() {
        assertThat(env.optional("ABSENT")).isEmpty();
        assertThat(env.optional("BLANK")).isEmpty();
        assertThat(env.optional("SET")).contains("value");
    }

    @Test
    void urls_mustBeAbsoluteHttp_withoutQuery_andTheMessageNeverRepeatsTheValue() {
        assertThat(env.requiredUrl("URL")).isEqualTo(URI.create("https://api.example.com/base"));
        assertThatThrownBy(() -> env.requiredUrl("NOT_HTTP"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("NOT_HTTP").hasMessageNotContaining("ftp://");
        assertThatThrownBy(() -> env.optionalUrl("WITH_QUERY")).hasMessageContaining("WITH_QUERY");
        assertThat(env.optionalUrl("BLANK")).isEmpty();
    }
}
