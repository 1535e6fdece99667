package com.salesconnect.tasksync.deploy.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One function's jar run as Lambda runs it: the jar extracted into a task root of its own (Lambda extracts the
 * deployment package into {@code /var/task}), a JVM of its own whose working directory is that root and whose class
 * path is Lambda's Java runtime (AWS's runtime interface client and the libraries it brings,
 * {@code target/lambda-runtime.classpath}) and nothing else, with only the environment given, fed by a minimal Lambda
 * Runtime API (2018-06-01) served here. The runtime loads the handler the template names from the task root through
 * its own class loader (and makes that loader the thread's context class loader), as the managed runtime does.
 */
public final class LambdaProcess implements AutoCloseable {

    /** What the runtime posted for one invocation: {@code response}, {@code error} or {@code init-error}. */
    public record Answer(String kind, String body) {
        public boolean isResponse() {
            return kind.equals("response");
        }
    }

    private static final String PREFIX = "/2018-06-01/runtime";

    private final HttpServer server;
    private final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<Answer> initError = new CompletableFuture<>();
    private final Process process;
    private final Path log;
    private final Path taskRoot;

    private LambdaProcess(Path jar, String handler, Map<String, String> environment) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "lambda-runtime-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext(PREFIX, this::serve);
        server.start();
        log = Files.createTempFile("lambda-" + jar.getFileName(), ".log");
        taskRoot = extract(jar);
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(javaCommand, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", runtimeClasspath(), "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler)
                .directory(taskRoot.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment);
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getAddress().getPort());
        env.put("_HANDLER", handler);
        env.put("AWS_LAMBDA_FUNCTION_NAME", handler.substring(handler.lastIndexOf('.') + 1, handler.indexOf("::")));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_LOG_FORMAT", "Text");
        env.put("LANG", "C.UTF-8");
        process = builder.start();
    }

    /** Starts {@code handler} from {@code jar} with {@code environment} (plus what Lambda's runtime sets). */
    public static LambdaProcess start(Path jar, String handler, Map<String, String> environment) {
        try {
            return new LambdaProcess(jar, handler, environment);
        } catch (IOException e) {
            throw new UncheckedIOException("the function's JVM did not start", e);
        }
    }

    /** The jar's entries in a new temporary directory (an entry naming a path outside it is refused). */
    private static Path extract(Path jar) throws IOException {
        Path root = Files.createTempDirectory("task-root-");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("an entry outside the jar's root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
        return root;
    }

    /** Lambda's Java runtime, as infra/deploy's build wrote its class path. */
    public static String runtimeClasspath() {
        Path file = Path.of("target", "lambda-runtime.classpath");
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("no " + file.toAbsolutePath() + ": build infra/deploy (mvn package)", e);
        }
    }

    /** Delivers one event and waits for the function's answer (the first delivery includes the JVM's start). */
    public Answer invoke(String event, Duration timeout) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        events.add(new String[] {requestId, event});
        try {
            return CompletableFuture.anyOf(answer, initError, process.onExit().thenApply(
                    p -> new Answer("exited", "exit code " + p.exitValue())))
                    .thenApply(Answer.class::cast).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Answer("timeout", "no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** What the function wrote to stdout and stderr so far (for failure messages). */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            if (exchange.getRequestMethod().equals("GET") && path.equals("/invocation/next")) {
                String[] event = take();
                if (event == null) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                exchange.getResponseHeaders().put("Lambda-Runtime-Aws-Request-Id", List.of(event[0]));
                exchange.getResponseHeaders().put("Lambda-Runtime-Deadline-Ms",
                        List.of(Long.toString(System.currentTimeMillis() + 300_000)));
                exchange.getResponseHeaders().put("Lambda-Runtime-Invoked-Function-Arn",
                        List.of("arn:aws:lambda:us-east-1:123456789012:function:local"));
                exchange.getResponseHeaders().put("Lambda-Runtime-Trace-Id",
                        List.of("Root=1-00000000-000000000000000000000000;Sampled=0"));
                exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
                byte[] body = event[1].getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            String body = read(exchange.getRequestBody());
            String[] parts = path.split("/");
            if (path.equals("/init/error")) {
                initError.complete(new Answer("init-error", body));
            } else if (parts.length == 4 && parts[1].equals("invocation")
                    && (parts[3].equals("response") || parts[3].equals("error"))) {
                CompletableFuture<Answer> answer = answers.remove(parts[2]);
                if (answer != null) {
                    answer.complete(new Answer(parts[3], body));
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(202, -1);
        }
    }

    /** The next event; null when this process is being closed. */
    private String[] take() {
        try {
            String[] event = events.take();
            return event.length == 0 ? null : event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Kills the function's JVM by its process id and stops the Runtime API. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.add(new String[0]);
        server.stop(0);
        try {
            Files.deleteIfExists(log);
            try (Stream<Path> paths = Files.walk(taskRoot)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }
}
