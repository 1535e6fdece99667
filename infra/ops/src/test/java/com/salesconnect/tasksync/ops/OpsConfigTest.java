package com.salesconnect.tasksync.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpsConfigTest {

    @Test
    void defaults_areTheLocalRuntimesNames_andFlagsWinOverTheEnvironment() {
        OpsConfig defaults = OpsConfig.parse(new String[]{"show", "demo"}, name -> null);
        assertThat(defaults).isEqualTo(new OpsConfig(Optional.empty(), Optional.empty(), "TasksTable", "SyncTable",
                "SyncEventBus", "StreamFailureQueue", "SweepFailureQueue", "ChangeEventFailureQueue",
                List.of("show", "demo"), Optional.empty()));

        Map<String, String> env = Map.of("SYNC_TABLE", "prod-SyncTable-1", "TASKSYNC_AWS_ENDPOINT",
                "http://127.0.0.1:5000", "AWS_REGION", "eu-west-1");
        OpsConfig given = OpsConfig.parse(new String[]{"--sync-table", "flag-SyncTable", "pause", "00D1"}, env::get);
        assertThat(given.syncTable()).isEqualTo("flag-SyncTable");
        assertThat(given.endpoint()).contains(URI.create("http://127.0.0.1:5000"));
        assertThat(given.region()).contains("eu-west-1");
        assertThat(given.command()).containsExactly("pause", "00D1");
    }

    @Test
    void aLocalRunsInfo_givesEndpointRegionAndNames() throws Exception {
        OpsConfig config = OpsConfig.parse(new String[]{"--local", "http://localhost:8080", "show", "demo"},
                name -> null).withLocalRun(new ObjectMapper().readTree("""
                {"endpoint":"http://127.0.0.1:45123","region":"us-east-1","tasksTable":"TasksTable",
                 "syncTable":"SyncTable","bus":"SyncEventBus","streamFailureQueue":"http://q/stream",
                 "sweepFailureQueue":"http://q/sweep"}"""));
        assertThat(config.endpoint()).contains(URI.create("http://127.0.0.1:45123"));
        assertThat(config.streamFailureQueue()).isEqualTo("http://q/stream");
        assertThat(config.command()).containsExactly("show", "demo");
    }

    @Test
    void mistakes_areOneLineAndExitCode2_anAbsentLocalRunExitCode1() throws Exception {
        assertThatThrownBy(() -> OpsConfig.parse(new String[]{"--bus"}, name -> null))
                .hasMessage("--bus needs a value");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[]{"--nope", "x", "show", "demo"}, name -> null, System.out, errors))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ops: unknown option --nope");
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        err.reset();
        assertThat(Main.run(new String[]{"--local", "http://127.0.0.1:" + freePort, "show", "demo"}, name -> null,
                System.out, errors)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ops: no local run answers at");
    }
}
