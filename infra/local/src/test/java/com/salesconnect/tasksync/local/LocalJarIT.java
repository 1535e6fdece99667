package com.salesconnect.tasksync.local;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar as a process: it prints the READY line, serves, and SIGTERM leaves no process behind. */
class LocalJarIT {

    private static final Path JAR = Path.of("target", "tasksync-local.jar");
    private static final Pattern READY = Pattern.compile("READY app=(\\S+) salesforce=(\\S+)");

    @Test
    void jar_printsReady_servesThePages_andSigtermStopsItAndItsMotoServer() throws Exception {
        assertThat(JAR).exists();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--port", "0", "--salesforce-port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long start = System.nanoTime();
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readyLine(process));
            String line = ready.get(90, TimeUnit.SECONDS);
            System.out.printf("jar READY after %d ms%n", (System.nanoTime() - start) / 1_000_000);
            Matcher m = READY.matcher(line);
            assertThat(m.matches()).as(line).isTrue();

            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(m.group(1) + "/")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Sync tasks with Salesforce");
            List<ProcessHandle> children = process.descendants().toList();
            assertThat(children).as("moto_server runs as a child").anySatisfy(child ->
                    assertThat(child.info().commandLine().orElse("")).contains("moto"));

            process.destroy();  // SIGTERM

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            for (ProcessHandle child : children) {
                child.onExit().get(10, TimeUnit.SECONDS);
                assertThat(child.isAlive()).as("child %s", child.info().commandLine().orElse("?")).isFalse();
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** Reads stdout up to the READY line; the stream stays open, as the process may outlive the reading. */
    private static String readyLine(Process process) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    return line;
                }
            }
            throw new IllegalStateException("the jar ended without READY (exit " + process.waitFor() + ")");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
