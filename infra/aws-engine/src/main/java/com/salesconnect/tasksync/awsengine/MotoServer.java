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
     * <li>moto's response serializer finds each member of a reply in a plain dict (every DynamoDB attribute value,
     * item, key, stream record) through the names its alias rules give that member, built anew for each of the ten
     * members of every attribute value (six rule objects, the snake_case form of each name): the names of a member
     * are remembered by its shape (and the shape's parent, which some rules read) and looked up in the dict
     * directly. The rules for a plain dict depend on nothing else (the dict's class, never its contents), so the
     * reply is the same byte for byte; any other value, a response transformer, or a name with a dot goes the
     * stock way, and nothing is changed when moto's serializer is not the one measured (another version).</li>
     * <li>Two look-ups moto repeats for every request remembered: the names of the response class's methods (a
     * {@code inspect.getmembers} of the class, to check that the action is one of them), and the tokens of a
     * condition expression (the lexer's output depends on the expression's text alone; each parse gets a fresh
     * copy of the tokens, which it consumes), and a condition's parsed tree by its expression, names and values
     * (the tree only reads them and holds no state; the names and values it found are added to the parser's lists
     * as the stock parse adds them; an expression that fails to parse fails every time, as before). A conditional
     * PutItem parses its condition twice, and most of the sync's conditions repeat (a link's version, a marker's
     * absence).</li>
     * <li>moto's record of every model object it ever made left off: its {@code BaseModel} appends each new
     * instance (every stored item's version, every stream record, every message and event) to a list of its class,
     * for moto's dashboard ({@code /moto-api/data.json}), and nothing removes them until a reset. Each PutItem or
     * UpdateItem makes new items, so the process grew with every write, not with what is stored: 18,085 items held
     * for 6,172 stored after a 1,000-user fan-out, as many {@code DynamoType} objects as ten stored attributes each.
     * The dashboard then lists nothing; S3's models, whose clean-up reads that list, keep it.</li>
     * </ul>
     * Conditional PutItems from 8 threads: 185 a second with the garbage collector tuned alone, 285 with the list
     * read once too, 310 with all three (moto's CPU seconds for 3,000 puts: 16, 10, 9). moto's CPU in the
     * benchmark's creates went a third to serializing replies (BatchGetItem: 33 ms of CPU a request, 28 of them
     * serializing); with the serializer tuned, the same 300 BatchGetItems of 100 items take a third of the time.
     */
    static final String TUNING = """
            import gc, logging, sys
            gc.set_threshold(100000, 50, 100)
            logging.getLogger('werkzeug').setLevel(logging.WARNING)
            try:
                import moto.backends
            except ImportError:
                pass
            else:
                if callable(getattr(moto.backends, 'list_of_moto_modules', None)):
                    _moto_modules = tuple(moto.backends.list_of_moto_modules())
                    moto.backends.list_of_moto_modules = lambda: _moto_modules
            def _tune_moto_serializer():
                try:
                    from moto.core import serialize as s
                except ImportError:
                    return
                known = ('ExplicitAlias', 'ShapeNameAlias', 'NoAlias', 'ShapePrefixAlias', 'ClassPrefixAlias',
                         'ModelAlias')
                picker_cls = getattr(s, 'XFormedAttributePicker', None)
                serializer_cls = getattr(s, 'ResponseSerializer', None)
                context_cls = getattr(s, 'AttributePickerContext', None)
                providers = getattr(s, 'DEFAULT_ALIAS_PROVIDERS', None)
                if None in (picker_cls, serializer_cls, context_cls, providers) \\
                        or tuple(getattr(p, '__name__', '') for p in providers) != known \\
                        or not callable(getattr(serializer_cls, 'get_value', None)):
                    return
                stock = serializer_cls.get_value
                names = {}
                def get_value(self, value, key, shape):
                    picker = getattr(self, '_value_picker', None)
                    if type(value) is not dict or type(picker) is not picker_cls \\
                            or picker.response_transformers or picker.alias_providers is not providers:
                        return stock(self, value, key, shape)
                    parent = getattr(shape, 'parent', None)
                    known_names = names.get((id(shape), id(parent), key))
                    if known_names is None or known_names[0] is not shape or known_names[1] is not parent:
                        context = context_cls(obj=value, key=key, shape=shape, operation_model=self.operation_model,
                                              service_model=self.operation_model.service_model,
                                              key_path='.'.join(self.path))
                        candidates = tuple(picker.get_possible_keys(context))
                        if any('.' in k for k in candidates):
                            return stock(self, value, key, shape)
                        if len(names) > 100000:
                            names.clear()
                        known_names = (shape, parent, candidates)
                        names[(id(shape), id(parent), key)] = known_names
                    for k in known_names[2]:
                        if k in value:
                            return value[k]
                    return None
                get_value.tuned = True
                serializer_cls.get_value = get_value
            _tune_moto_serializer()
            def _tune_moto_dispatch():
                try:
                    import moto.core.responses as r
                    from moto.dynamodb.comparisons import ConditionExpressionParser as p
                except ImportError:
                    return
                stock_names = getattr(r, 'method_names_from_class', None)
                if callable(stock_names):
                    known_names = {}
                    def method_names_from_class(clazz):
                        found = known_names.get(clazz)
                        if found is None:
                            found = known_names[clazz] = stock_names(clazz)
                        return found
                    r.method_names_from_class = method_names_from_class
                stock_lex = getattr(p, '_lex_condition_expression', None)
                if callable(stock_lex):
                    known_nodes = {}
                    def lex(self):
                        expression = self.condition_expression
                        if type(expression) is not str:
                            return stock_lex(self)
                        nodes = known_nodes.get(expression)
                        if nodes is None:
                            nodes = tuple(stock_lex(self))
                            if len(known_nodes) > 10000:
                                known_nodes.clear()
                            known_nodes[expression] = nodes
                        return collections.deque(nodes)
                    p._lex_condition_expression = lex
                stock_parse = getattr(p, 'parse', None)
                if callable(stock_parse):
                    known_conditions = {}
                    def parse(self):
                        try:
                            key = (self.condition_expression,
                                   json.dumps(self.expression_attribute_names, sort_keys=True),
                                   json.dumps(self.expression_attribute_values, sort_keys=True))
                        except (TypeError, ValueError):
                            return stock_parse(self)
                        known = known_conditions.get(key)
                        if known is None:
                            names_before = len(self.expr_attr_names_found)
                            values_before = len(self.expr_attr_values_found)
                            condition = stock_parse(self)
                            if len(known_conditions) > 1000:
                                known_conditions.clear()
                            known_conditions[key] = (condition, tuple(self.expr_attr_names_found[names_before:]),
                                                     tuple(self.expr_attr_values_found[values_before:]))
                            return condition
                        self.expr_attr_names_found.extend(known[1])
                        self.expr_attr_values_found.extend(known[2])
                        return known[0]
                    p.parse = parse
            import collections, json
            _tune_moto_dispatch()
            def _tune_moto_models():
                try:
                    from moto.core import common_models
                except ImportError:
                    return
                base = getattr(common_models, 'BaseModel', None)
                if base is None or '__new__' not in vars(base) or type(base).__name__ != 'InstanceTrackerMeta':
                    return
                stock_new = base.__new__
                def __new__(cls, *args, **kwargs):
                    if cls.__module__.startswith('moto.s3.'):
                        return stock_new(cls, *args, **kwargs)
                    return super(base, cls).__new__(cls)
                __new__.tuned = True
                base.__new__ = staticmethod(__new__)
            _tune_moto_models()
            """;

    /** The program python3 runs: {@link #TUNING}, then moto's server as the moto_server command does. */
    static final String TUNED_START = TUNING
            + "from moto.server import main\n"
            + "sys.argv[0] = 'moto_server'\n"
            + "sys.exit(main())\n";

    /** The environment variable that hands {@link #TUNED_START} to python3 ({@link #BOOTSTRAP}). */
    static final String START_VARIABLE = "TASKSYNC_MOTO_START";

    /**
     * What {@code python3 -c} runs: {@link #TUNED_START}, read from {@link #START_VARIABLE}. The command line stays
     * short: the JDK reads no more than a page of a process's {@code /proc/<pid>/cmdline}, so a longer one leaves
     * {@code ProcessHandle.Info.arguments()} empty (measured: 5,000 characters), and {@code ps} shows a line, not
     * the program.
     */
    static final String BOOTSTRAP = "import os; exec(compile(os.environ['" + START_VARIABLE
            + "'], 'moto-tuned-start', 'exec'))";

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
            return Optional.of(List.of("python3", "-c", BOOTSTRAP));
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
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put(START_VARIABLE, TUNED_START);
            return builder.start();
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
