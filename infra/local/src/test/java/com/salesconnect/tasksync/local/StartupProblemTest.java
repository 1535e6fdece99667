package com.salesconnect.tasksync.local;

import com.salesconnect.tasksync.awsengine.EngineUnavailableException;
import com.salesconnect.tasksync.local.template.SamTemplate;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupProblemTest {

    private final LocalOptions options = LocalOptions.parse(new String[] {"--port", "18080", "--salesforce-port",
            "18081"}, name -> null);

    @Test
    void aPortInUse_isOneLineNamingBothPortsAndWhatToDo() {
        RuntimeException failure = new UncheckedIOException(new BindException("Address already in use"));

        assertThat(StartupProblem.explain(failure, options)).hasValueSatisfying(line -> assertThat(line)
                .contains("already in use", "--port 18080", "--salesforce-port 18081", "0 picks a free one")
                .doesNotContain("\n"));
    }

    @Test
    void noAwsEngine_saysHowToInstallMotoOrWhereToPoint() {
        RuntimeException failure = new EngineUnavailableException(
                com.salesconnect.tasksync.awsengine.AwsEngines.Choice.MOTO, "moto_server not found on PATH");

        assertThat(StartupProblem.explain(new IllegalStateException("boot", failure), options))
                .hasValueSatisfying(line -> assertThat(line)
                        .startsWith("moto_server not found on PATH")
                        .contains("pip install 'moto[server]'", "TASKSYNC_AWS_ENDPOINT"));
    }

    @Test
    void anythingElse_isNotExplainedAway() {
        assertThat(StartupProblem.explain(new IllegalStateException("a bug"), options)).isEmpty();
    }

    @Test
    void aMistypedTemplateParameter_isRefusedNamingTheOnesThatExist() {
        Map<String, SamTemplate.Parameter> declared = Map.of(
                "SweepSchedule", new SamTemplate.Parameter("SweepSchedule", "String", "rate(5 minutes)"),
                "LogLevel", new SamTemplate.Parameter("LogLevel", "String", "INFO"));

        assertThatThrownBy(() -> StartupProblem.checkParameters(declared, Map.of("SweepShedule", "rate(1 minute)")))
                .isInstanceOf(StartupProblem.class)
                .hasMessage("--param SweepShedule: template.yaml has no parameter of that name (it has LogLevel,"
                        + " SweepSchedule)");
        StartupProblem.checkParameters(declared, Map.of("SweepSchedule", "rate(1 minute)"));
    }

    @Test
    void aValueTheTemplateDoesNotAllow_isRefusedSayingWhatIsAllowed() {
        Map<String, SamTemplate.Parameter> declared = SamTemplate.load(
                com.salesconnect.tasksync.awsengine.TemplateResources.locateTemplate(java.nio.file.Path.of("")))
                .parameters();

        assertThatThrownBy(() -> StartupProblem.checkParameters(declared, Map.of("LogLevel", "VERBOSE")))
                .isInstanceOf(StartupProblem.class)
                .hasMessage("--param LogLevel=VERBOSE: the value must be one of ERROR, WARN, INFO, DEBUG (template.yaml)");
        assertThatThrownBy(() -> StartupProblem.checkParameters(declared, Map.of("SalesforceApiBudgetPercent", "0")))
                .hasMessage("--param SalesforceApiBudgetPercent=0: the value must be at least 1 (template.yaml)");
        assertThatThrownBy(() -> StartupProblem.checkParameters(declared, Map.of("SalesforceApiBudgetPercent", "ten")))
                .hasMessage("--param SalesforceApiBudgetPercent=ten: the value must be a number (template.yaml)");
        assertThatThrownBy(() -> StartupProblem.checkParameters(declared,
                Map.of("SalesforceEventRelayBusName", "bus with spaces")))
                .hasMessageStartingWith("--param SalesforceEventRelayBusName=bus with spaces: the value must match ^$|");
        assertThatThrownBy(() -> StartupProblem.checkParameters(declared, Map.of("SalesforceLoginUrl", "http://x")))
                .hasMessageContaining("must match ^https://");

        StartupProblem.checkParameters(declared, Map.of("LogLevel", "DEBUG", "SalesforceApiBudgetPercent", "25",
                "SalesforceEventRelayBusName", "", "SweepSchedule", "rate(1 minute)"));
    }
}
