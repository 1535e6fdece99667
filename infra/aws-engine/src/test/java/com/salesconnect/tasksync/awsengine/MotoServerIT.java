package com.salesconnect.tasksync.awsengine;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts its own moto_server (not the run's shared one) to prove start, reset and close. */
class MotoServerIT {

    @Test
    void start_answersOnLoopback_reportsItsVersion_resetClears_andCloseKillsTheProcess() throws Exception {
        MotoServer moto = MotoServer.start();
        long pid;
        try (moto; AwsClients clients = AwsClients.connect(moto)) {
            pid = moto.pid();
            assertThat(moto.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(moto.version()).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(moto.describe()).startsWith("moto_server " + moto.version() + " at http://127.0.0.1:");
            // started by python3 with its garbage collector tuned, or (moto installed for another interpreter only)
            // as the moto_server command
            ProcessHandle.Info started = ProcessHandle.of(pid).orElseThrow().info();
            assertThat(started.arguments().map(List::of).orElse(List.of()).contains(MotoServer.BOOTSTRAP)
                    || started.command().orElse("").endsWith(MotoServer.EXECUTABLE))
                    .as("moto started as %s %s", started.command(), started.arguments().map(List::of))
                    .isTrue();
            Path environ = Path.of("/proc", Long.toString(pid), "environ");
            if (started.arguments().map(List::of).orElse(List.of()).contains(MotoServer.BOOTSTRAP)
                    && Files.isReadable(environ)) {
                // the bootstrap runs the tuned start that the launcher put into python3's environment
                assertThat(new String(Files.readAllBytes(environ), StandardCharsets.UTF_8))
                        .contains(MotoServer.START_VARIABLE + "=" + MotoServer.TUNED_START);
            }

            clients.sqs().createQueue(r -> r.queueName("survives-not"));
            assertThat(queueCount(clients.sqs())).isEqualTo(1);
            moto.reset();
            assertThat(queueCount(clients.sqs())).isZero();
        }
        assertThat(awaitGone(pid)).as("moto_server process %d still alive after close()", pid).isTrue();
    }

    private static int queueCount(SqsClient sqs) {
        return sqs.listQueues().queueUrls().size();
    }

    private static boolean awaitGone(long pid) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
