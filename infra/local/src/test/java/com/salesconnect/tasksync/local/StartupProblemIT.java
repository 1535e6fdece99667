package com.salesconnect.tasksync.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

/**
 * Start-up problems met for real (StartupProblemTest has the wording): a port that something else listens on, and a
 * template parameter value the template does not allow. Each is explained in one line, and nothing the failed start
 * began (moto_server, the emulator) is left running.
 */
class StartupProblemIT {

    @Test
    void anAppPortAlreadyInUse_isExplainedInOneLine_andNothingStartedIsLeftRunning() throws IOException {
        List<ProcessHandle> before = ProcessHandle.current().descendants().toList();
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            LocalOptions options = LocalOptions.parse(new String[] {"--port", Integer.toString(busy.getLocalPort()),
                    "--salesforce-port", "0"}, name -> null);

            RuntimeException failure = catchRuntimeException(() -> LocalRuntime.start(options, name -> null));

            assertThat(StartupProblem.explain(failure, options)).hasValueSatisfying(line -> assertThat(line)
                    .contains("already in use", "--port " + busy.getLocalPort()).doesNotContain("\n"));
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> !before.contains(p)).toList()).as("processes the failed start left running").isEmpty();
    }

    @Test
    void aParameterValueTheTemplateRefuses_stopsTheStartBeforeAnythingRuns() {
        List<ProcessHandle> before = ProcessHandle.current().descendants().toList();
        LocalOptions options = LocalOptions.parse(new String[] {"--port", "0", "--salesforce-port", "0",
                "--param", "SalesforceApiBudgetPercent=150"}, name -> null);

        RuntimeException failure = catchRuntimeException(() -> LocalRuntime.start(options, name -> null));

        assertThat(StartupProblem.explain(failure, options)).hasValue(
                "--param SalesforceApiBudgetPercent=150: the value must be at most 100 (template.yaml)");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> !before.contains(p)).toList()).isEmpty();
    }
}
