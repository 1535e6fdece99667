package com.salesconnect.tasksync.awsengine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * moto_server on a free loopback port, as a child process of this JVM. {@link #close()} kills it (and any
 * children) by process id; a shutdown hook does the same if the JVM exits first, so no server outlives its run.
 */
public final class MotoServer implements AwsEngine {

    static final String EXECUTABLE = "moto_server";
    static final String INSTALL_COMMAND = "python3 -m pip install 'moto[server]'";

    private static final Logger LOG = LoggerFactory.getLogger(MotoServer.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;
    private static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private final Process process;
    private final URI endpoint;
    private final String version;
    private final Path log;
    private final HttpClient http;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MotoServer(Process process, URI endpoint, Path log, HttpClient http) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.http = http;
        this.version = readVersion(process);
        this.shutdownHook = new Thread(this::kill, "moto-server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** True when moto_server is on the PATH. */
    public static boolean installed() {
        return Executables.onPath(EXECUTABLE).isPresent();
    }

    /**
     * Starts moto_server and waits until it answers. Installs moto with pip once if it is missing.
     *
     * @throws EngineUnavailableException when moto cannot be found, installed or started
     */
    public static MotoServer start() {
        List<String> launcher = launcher();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String lastFailure = "not started";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Path log = createLog();
            List<String> command = new ArrayList<>(launcher);
            command.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
            Process process = spawn(command, log);
            Optional<String> failure = awaitReady(process, endpoint, http, log);
            if (failure.isEmpty()) {
                return new MotoServer(process, endpoint, log, http);
            }
            // Most likely another process took the port between probing and binding: try another one.
            destroy(process);
            Executables.deleteQuietly(log);
            lastFailure = failure.get();
        }
        throw new EngineUnavailableException(AwsEngines.Choice.MOTO, "moto_server did not start: " + lastFailure);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public Region region() {
        return Region.US_EAST_1;
    }

    @Override
    public AwsCredentialsProvider credentials() {
        return CREDENTIALS;
    }

    @Override
    public String name() {
        return EXECUTABLE;
    }

    @Override
    public String version() {
        return version;
    }

    /** The process id, so callers can check that {@link #close()} really ended it. */
    public long pid() {
        return process.pid();
    }

    /** Clears every resource of every service through moto's reset API. */
    @Override
    public void reset() {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto reset failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting moto", e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (harmlessly) anyway
        }
        Executables.deleteQuietly(log);
    }

    private void kill() {
        destroy(process);
    }

    private static void destroy(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * The Python statements run before moto's server starts, each measured on moto 5.2 (infra/aws-engine's README):
     * <ul>
     * <li>Python's cyclic garbage collector run less often: a full collection walks every object moto holds (every
     * stored item, as several Python objects each), which at the benchmark's 20,000 tasks stalls whatever request is
     * being answered for 0.3 to 0.5 s, every few dozen requests (a Query of a 250-task page: median 0.42 s, slowest
     * of 40 0.79 s by default, 0.45 s with these thresholds). moto keeps its items for the life of the process, so
     * few of them are garbage: collecting less often costs some memory held by short-lived cycles a little longer,
     * not a growing heap.</li>
     * <li>moto's list of its service folders read once: its server looks up the backend of every request, under one
     * lock that all requests share, in that list, which it reads from the disk each time (a directory listing and
     * a {@code stat} per folder, about 180 folders). Read once, the list is the same (the installed package does not
     * change while it runs). Skipped when the module or the function is not there (another moto version).</li>
     * <li>werkzeug's access log (a line per request, written through colorama's stream wrapper) off: nothing reads
     * it, and start-up failures and errors are still written.</li>
     * </ul>
     * Conditional PutItems from 8 threads: 185 a second with the garbage collector tuned alone, 285 with the list
     * read once too, 310 with all three (moto's CPU seconds for 3,000 puts: 16, 10, 9).
     */
    static final String TUNING = "import gc, logging, sys\n"
            + "gc.set_threshold(100000, 50, 100)\n"
            + "logging.getLogger('werkzeug').setLevel(logging.WARNING)\n"
            + "try:\n"
            + "    import moto.backends\n"
            + "except ImportError:\n"
            + "    pass\n"
            + "else:\n"
            + "    if callable(getattr(moto.backends, 'list_of_moto_modules', None)):\n"
            + "        _moto_modules = tuple(moto.backends.list_of_moto_modules())\n"
            + "        moto.backends.list_of_moto_modules = lambda: _moto_modules\n";

    /** The program {@code python3 -c} runs: {@link #TUNING}, then moto's server as the moto_server command does. */
    static final String TUNED_START = TUNING
            + "from moto.server import main\n"
            + "sys.argv[0] = 'moto_server'\n"
            + "sys.exit(main())\n";

    private static volatile List<String> knownLauncher;

    /**
     * The command that starts moto: python3 running {@link #TUNED_START} when python3 imports moto, else
     * moto_server from the PATH as it is (moto installed for another interpreter), else after a pip install.
     * Found once per JVM.
     */
    private static List<String> launcher() {
        List<String> known = knownLauncher;
        if (known != null) {
            return known;
        }
        Optional<List<String>> found = findLauncher();
        if (found.isPresent()) {
            knownLauncher = found.get();
            return found.get();
        }
        if (Executables.onPath("python3").isEmpty()) {
            throw new EngineUnavailableException(AwsEngines.Choice.MOTO,
                    "moto_server not found on PATH and no python3 to install it (" + INSTALL_COMMAND + ")");
        }
        LOG.info("moto_server not found on PATH: running {}", INSTALL_COMMAND);
        Executables.Result install = Executables.run(List.of("python3", "-m", "pip", "install",
                "--disable-pip-version-check", "--retries", "1", "--timeout", "15", "moto[server]"), 600);
        if (!install.ok()) {
            throw new EngineUnavailableException(AwsEngines.Choice.MOTO, "moto_server not found on PATH and "
                    + INSTALL_COMMAND + " failed: " + Executables.errorLine(install.output()));
        }
        knownLauncher = findLauncher().orElseThrow(() -> new EngineUnavailableException(AwsEngines.Choice.MOTO,
                INSTALL_COMMAND + " succeeded but neither python3 imports moto.server nor moto_server runs"));
        return knownLauncher;
    }

    private static Optional<List<String>> findLauncher() {
        if (pythonImportsMoto()) {
            return Optional.of(List.of("python3", "-c", TUNED_START));
        }
        return Executables.onPath(EXECUTABLE).map(executable -> List.of(executable.toString()));
    }

    /** Whether python3 is on the PATH and imports moto's server: then moto starts as {@link #TUNED_START}. */
    static boolean pythonImportsMoto() {
        return Executables.onPath("python3").isPresent()
                && Executables.run(List.of("python3", "-c", "import moto.server"), 60).ok();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static Path createLog() {
        try {
            return Files.createTempFile("moto-server-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the moto_server log file", e);
        }
    }

    private static Process spawn(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new EngineUnavailableException(AwsEngines.Choice.MOTO,
                    "cannot run " + String.join(" ", command) + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** Empty when the server answers HTTP; else why it did not. */
    private static Optional<String> awaitReady(Process process, URI endpoint, HttpClient http, Path log) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return Optional.of("exited with " + process.exitValue() + ": " + Executables.lastLine(readLog(log)));
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return Optional.empty();
            } catch (IOException e) {
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while waiting for it");
            }
        }
        return Optional.of("no answer within " + STARTUP_TIMEOUT.toSeconds() + " s");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Asks the interpreter that runs this very server, so the version is the one actually serving. */
    private static String readVersion(Process process) {
        String python = process.info().command()
                .filter(command -> Path.of(command).getFileName().toString().startsWith("python"))
                .orElse("python3");
        Executables.Result result = Executables.run(
                List.of(python, "-c", "import moto;print(moto.__version__)"), 60);
        return result.ok() ? Executables.lastLine(result.output()) : "(version unknown)";
    }
}
