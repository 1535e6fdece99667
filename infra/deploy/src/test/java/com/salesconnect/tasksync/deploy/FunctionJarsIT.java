package com.salesconnect.tasksync.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.deploy.lambda.FunctionWorld;
import com.salesconnect.tasksync.deploy.lambda.LambdaProcess;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.wiring.EventFiles;
import com.salesconnect.tasksync.wiring.LiveSync;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four deployable jars, as template.yaml's CodeUri names them (built by {@code mvn package}, so this runs
 * after packaging): each holds its handler with the method the template names, and only what a function needs;
 * and each, run alone under AWS's runtime interface client (a JVM of its own, {@link LambdaProcess}) with the
 * environment the template gives it, answers real-shaped events from events/ against moto and the Salesforce
 * emulator with real outcomes on both sides. A jar that lost a class its handler reaches fails here.
 */
@AwsEngineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunctionJarsIT {

    /** 10 MB. */
    static final long MAX_JAR_BYTES = 10_000_000;
    private static final Duration ANSWER = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionWorld world;
    private LiveSync.BusTap bus;

    @BeforeAll
    void start(AwsResources aws) {
        world = FunctionWorld.start(aws);
        bus = world.live.tapBus("FunctionJarsIT-bus");
        bus.take();
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    /** Never in a function: other HTTP clients (one client implementation), test and container libraries. */
    static final List<String> FORBIDDEN = List.of(
            "io/netty/", "software/amazon/awssdk/http/nio/netty/",
            "org/apache/http/", "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/",
            "org/apache/hc/",
            "org/junit/", "junit/", "org/opentest4j/", "org/assertj/", "org/mockito/", "net/bytebuddy/",
            "org/testcontainers/", "com/github/dockerjava/", "org/rnorth/",
            "com/salesconnect/tasksync/emulator/", "com/salesconnect/tasksync/awsengine/",
            "com/salesconnect/tasksync/testing/", "com/amazonaws/services/lambda/runtime/tests/",
            "com/networknt/", "org/yaml/snakeyaml/", "ch/qos/logback/", "org/joda/");

    @TestFactory
    Stream<DynamicTest> eachFunctionJar_holdsItsHandler_withTheMethodTheTemplateNames() {
        return Template.functions().stream().map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
            Path jar = Template.repositoryRoot().resolve(f.codeUri());
            assertThat(jar).as("CodeUri of %s (mvn package builds it)", f.logicalId()).isRegularFile();
            // Only the jar and the JDK: the handler must load from the jar alone, as in Lambda.
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                Class<?> handler = Class.forName(f.handlerClass(), false, loader);
                Class<?> requestHandler = loader.loadClass("com.amazonaws.services.lambda.runtime.RequestHandler");
                Class<?> context = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");

                assertThat(requestHandler.isAssignableFrom(handler)).isTrue();
                assertThat(handler.getConstructor().getModifiers() & Modifier.PUBLIC).isNotZero();
                Method method = Arrays.stream(handler.getMethods())
                        .filter(m -> m.getName().equals(f.handlerMethod()) && !m.isBridge())
                        .filter(m -> m.getParameterCount() == 2 && m.getParameterTypes()[1] == context)
                        .findFirst().orElse(null);
                assertThat(method).as("%s has %s(event, Context)", f.handlerClass(), f.handlerMethod()).isNotNull();
                // What Lambda loads: the handler's nested entry, a stream handler the runtime builds as it is.
                Class<?> entry = Class.forName(f.entryClass(), false, loader);
                Class<?> streamHandler = loader.loadClass("com.amazonaws.services.lambda.runtime.RequestStreamHandler");
                assertThat(entry.getName()).isEqualTo(f.handlerClass() + "$Entry");
                assertThat(streamHandler.isAssignableFrom(entry)).as("%s is a RequestStreamHandler", entry).isTrue();
                assertThat(entry.getConstructor().getModifiers() & Modifier.PUBLIC).isNotZero();
                // Logging: SLF4J to Log4j 2, Lambda's appender, the JSON Template Layout (all named by reflection).
                loader.loadClass("org.apache.logging.slf4j.SLF4JServiceProvider");
                loader.loadClass("com.salesconnect.tasksync.runtime.BackgroundLog4j");
                loader.loadClass("com.amazonaws.services.lambda.runtime.log4j2.LambdaAppender");
                loader.loadClass("org.apache.logging.log4j.layout.template.json.JsonTemplateLayout");
                loader.loadClass("org.crac.Core");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachFunctionJar_holdsNoOtherHttpClient_noTestLibraries_noContainers() {
        return Template.functions().stream().map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
            try (ZipFile zip = new ZipFile(Template.repositoryRoot().resolve(f.codeUri()).toFile())) {
                List<String> offending = zip.stream().map(e -> e.getName())
                        .filter(name -> FORBIDDEN.stream().anyMatch(name::startsWith))
                        .limit(10).toList();

                assertThat(offending).as("entries of %s that must not be deployed", f.codeUri()).isEmpty();
                assertThat(zip.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class"))
                        .as("the one HTTP client of the SDK").isNotNull();
                for (String entry : List.of("log4j2.component.properties", "tasksync-log.json",
                        "com/salesconnect/tasksync/runtime/LambdaLogConfiguration$Factory.class")) {
                    assertThat(zip.getEntry(entry)).as("the logging configuration: %s", entry).isNotNull();
                }
                // SLF4J's one provider: core's BackgroundLog4j, which starts Log4j (its provider wrapped) beside the
                // handler's build; Log4j's own provider file is left out, so SLF4J finds no second one.
                assertThat(new String(zip.getInputStream(zip.getEntry(
                        "META-INF/services/org.slf4j.spi.SLF4JServiceProvider")).readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8).strip())
                        .isEqualTo("com.salesconnect.tasksync.runtime.BackgroundLog4j");
                // The configuration is built in code (core's runtime/LambdaLogConfiguration), not read from a file.
                assertThat(zip.getEntry("log4j2.properties")).as("a configuration file Log4j would look for").isNull();
                assertThat(new String(zip.getInputStream(zip.getEntry("log4j2.component.properties")).readAllBytes(),
                        java.nio.charset.StandardCharsets.ISO_8859_1)).contains(
                        "log4j2.configurationFactory = com.salesconnect.tasksync.runtime.LambdaLogConfiguration$Factory");
                // One plugin cache, core's: Lambda's appender and the JSON layout in it, Log4j's other plugins not.
                String plugins = new String(zip.getInputStream(zip.getEntry(
                        "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat")).readAllBytes(),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(plugins).contains("com.amazonaws.services.lambda.runtime.log4j2.LambdaAppender",
                        "org.apache.logging.log4j.layout.template.json.JsonTemplateLayout",
                        "org.apache.logging.log4j.core.layout.PatternLayout");
                assertThat(plugins).doesNotContain("org.apache.logging.log4j.core.appender.db.jdbc.JdbcAppender",
                        "org.apache.logging.log4j.core.appender.rolling.RollingFileAppender",
                        "org.apache.logging.log4j.core.config.json.JsonConfigurationFactory");
            } catch (IOException e) {
                throw new AssertionError("cannot open " + f.codeUri(), e);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachFunctionJar_holdsItsLambdasAsClasses_noneLeftForTheJvmToSpin() {
        byte[] metafactory = "java/lang/invoke/LambdaMetafactory".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] objectMethods = "java/lang/runtime/ObjectMethods".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Template.functions().stream().map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
            try (ZipFile zip = new ZipFile(Template.repositoryRoot().resolve(f.codeUri()).toFile())) {
                List<String> classes = classEntries(zip);
                List<String> spinning = new java.util.ArrayList<>();
                List<String> recordsLinking = new java.util.ArrayList<>();
                for (String name : classes) {
                    byte[] bytes = zip.getInputStream(zip.getEntry(name)).readAllBytes();
                    if (indexOf(bytes, metafactory) >= 0) {
                        spinning.add(name);
                    }
                    if (indexOf(bytes, objectMethods) >= 0) {
                        recordsLinking.add(name);
                    }
                }

                // infra/desugar's step ran last: every lambda site is a class of the jar (the bootstrap named in
                // no class's constant pool), the SDK's and Log4j's as well as core's.
                assertThat(spinning).as("classes of %s whose lambdas the JVM would spin", f.codeUri()).isEmpty();
                assertThat(recordsLinking).as("records of %s whose equals, hashCode or toString the JVM would link",
                        f.codeUri()).isEmpty();
                assertThat(classes).contains("com/salesconnect/tasksync/runtime/DesugaredLambdas$1.class",
                        "software/amazon/awssdk/services/dynamodb/model/DesugaredLambdas$1.class",
                        "org/apache/logging/log4j/core/DesugaredLambdas$1.class");
            }
        }));
    }

    /**
     * Every class of a jar, desugared lambdas and rewritten hosts included, passes the JVM's own verifier as its
     * class did before the step. {@code java -Xshare:dump} loads, links and verifies each class of a list; it skips
     * (and names) those that fail, here classes for libraries the jars leave out (Log4j's JMS, YAML, Disruptor
     * parts; the SDK's CRT signer; core's Secrets Manager adapter where the function has no Secrets Manager), the
     * same before and after.
     */
    @TestFactory
    Stream<DynamicTest> eachFunctionJar_everyClassPassesTheJvmsVerifier_asBeforeTheLambdasWereDesugared() {
        return Template.functions().stream().map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
            Path jar = Template.repositoryRoot().resolve(f.codeUri());
            Path shrunk = jar.resolveSibling(jar.getFileName().toString().replace(".jar", "-shrunk.jar"));

            List<String> after = classesFailingVerification(jar);
            List<String> before = classesFailingVerification(shrunk);

            assertThat(after).isEqualTo(before).noneMatch(c -> c.contains("DesugaredLambdas"));
            // The check sees failures: classes for libraries the jar leaves out (and in a function without Secrets
            // Manager, core's adapter for it), which the handler never loads.
            assertThat(after).contains("org/apache/logging/log4j/core/async/DisruptorUtil");
        }));
    }

    private static List<String> classesFailingVerification(Path jar) throws Exception {
        Path dir = Files.createTempDirectory("verify-");
        try {
            List<String> classes;
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                classes = classEntries(zip).stream().map(n -> n.substring(0, n.length() - ".class".length()))
                        .toList();
            }
            Path list = Files.write(dir.resolve("classes.lst"), classes);
            String classPath = jar + java.io.File.pathSeparator
                    + Files.readString(Path.of("target", "lambda-runtime.classpath")).trim();
            Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + dir.resolve("a.jsa"),
                    "-Xlog:cds=warning", "-cp", classPath).redirectErrorStream(true).start();
            String output = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(dump.waitFor()).as("java -Xshare:dump of %s: %s", jar, output).isZero();
            return output.lines().map(VERIFICATION_FAILED::matcher).filter(java.util.regex.Matcher::find)
                    .map(m -> m.group(1)).sorted().toList();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The jar's class entries, those under META-INF (multi-release versions) left out. */
    private static List<String> classEntries(ZipFile zip) {
        return zip.stream().map(e -> e.getName())
                .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/")).toList();
    }

    private static final Pattern VERIFICATION_FAILED = Pattern.compile("Skipping (\\S+): Failed verification");

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i <= data.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @TestFactory
    Stream<DynamicTest> eachFunctionJar_isAtMost10MB_andHoldsTheAwsServicesOfItsEnvironmentOnly() {
        Map<String, String> serviceByVariable = Map.of(
                "EVENT_BUS_NAME", "software/amazon/awssdk/services/eventbridge/",
                "TOKEN_KEY_ID", "software/amazon/awssdk/services/kms/",
                "SALESFORCE_CLIENT_SECRET_ARN", "software/amazon/awssdk/services/secretsmanager/");
        return Template.functions().stream().map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
            Path jar = Template.repositoryRoot().resolve(f.codeUri());
            assertThat(Files.size(jar)).as("bytes of %s", f.codeUri()).isLessThanOrEqualTo(MAX_JAR_BYTES);
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                serviceByVariable.forEach((variable, service) -> {
                    boolean present = zip.stream().anyMatch(e -> e.getName().startsWith(service));
                    assertThat(present).as("%s holds %s exactly when the template gives it %s", f.logicalId(),
                            service, variable).isEqualTo(f.environment().contains(variable));
                });
                assertThat(zip.getEntry("software/amazon/awssdk/services/dynamodb/DefaultDynamoDbClient.class"))
                        .isNotNull();
            }
        }));
    }

    @Test
    void enableSync_fromItsJarAlone_turnsSyncOffAndOn_publishesSyncEnabled_andConnectsSalesforce() throws Exception {
        try (LambdaProcess function = start(FunctionWorld.ENABLE_SYNC)) {
            JsonNode off = httpAnswer(function, event("enable-sync/put-settings-disable.json"), 200);
            assertThat(off.get("enabled").asBoolean()).isFalse();
            assertThat(world.live.components.stores().settings().get(UserId.of(LiveSync.USER)).orElseThrow().enabled())
                    .isFalse();

            httpAnswer(function, event("enable-sync/put-settings-enable.json"), 202);
            assertThat(bus.take()).as("SyncEnabled on the bus (EventBridge)").anySatisfy(e -> {
                assertThat(e.get("detail-type").asText()).isEqualTo("SyncEnabled");
                assertThat(e.get("detail").get("userId").asText()).isEqualTo(LiveSync.USER);
            });

            URI authorize = URI.create(httpAnswer(function, event("enable-sync/connect.json"), 200)
                    .get("authorizeUrl").asText());
            // The user picks demo@example.com on the emulator's login page.
            Map<String, String> back = LiveSync.query(world.live.redirectOf(URI.create(authorize + "&login_hint="
                    + URLEncoder.encode(LiveSync.SF_USERNAME, StandardCharsets.UTF_8))));
            ObjectNode callback = callback(back.get("code"), back.get("state"));
            LambdaProcess.Answer connected = function.invoke(callback.toString(), ANSWER);
            assertThat(connected.isResponse()).as(function.output()).isTrue();
            JsonNode redirect = JSON.readTree(connected.body());
            assertThat(redirect.get("statusCode").asInt()).as(connected.body()).isEqualTo(302);
            assertThat(redirect.get("headers").get("Location").asText()).endsWith("?connected=1");

            JsonNode settings = httpAnswer(function, event("enable-sync/get-settings.json"), 200);
            assertThat(settings.get("enabled").asBoolean()).isTrue();
            assertThat(settings.get("connection").get("state").asText()).isEqualTo("CONNECTED");
            assertThat(settings.get("connection").get("webhookUrl").asText())
                    .startsWith(LiveSync.EVENTS_BASE_URL + "/salesforce/outbound-messages/");
            assertLog4jStartedCleanly(function);
        }
    }

    @Test
    void salesforceInbound_fromItsJarAlone_importsTheTaskOfAnOutboundMessage() throws Exception {
        String event = world.outboundMessageAboutANewTask();
        try (LambdaProcess function = start(FunctionWorld.INBOUND)) {
            LambdaProcess.Answer answer = function.invoke(event, ANSWER);

            assertThat(answer.isResponse()).as(function.output()).isTrue();
            JsonNode response = JSON.readTree(answer.body());
            assertThat(response.get("statusCode").asInt()).as(answer.body()).isEqualTo(200);
            assertThat(response.get("body").asText()).contains("<Ack>true</Ack>");
            assertThat(world.live.components.stores().tasks().get(UserId.of(LiveSync.USER),
                    TaskId.of(FunctionWorld.importedTaskId(event)))).hasValueSatisfying(task ->
                    assertThat(task.fields().subject()).startsWith("Call Ada about the renewal"));
            assertLog4jStartedCleanly(function);
        }
    }

    @Test
    void taskStreamOutbound_fromItsJarAlone_renewsTheSession_andCreatesTheTaskInSalesforce() throws Exception {
        world.live.salesforce.expireAllSessions();
        String event = world.insertOfANewTask();
        try (LambdaProcess function = start(FunctionWorld.OUTBOUND)) {
            LambdaProcess.Answer answer = function.invoke(event, ANSWER);

            assertThat(answer.isResponse()).as(function.output()).isTrue();
            assertThat(JSON.readTree(answer.body()).get("batchItemFailures")).as(answer.body()).isEmpty();
            assertThat(world.salesforceTaskOf(FunctionWorld.insertedTaskId(event))).hasValueSatisfying(sf ->
                    assertThat(sf.string("Subject")).isEqualTo("Send the proposal to Ada"));
            assertLog4jStartedCleanly(function);
        }
    }

    @Test
    void reconciliationSweep_fromItsJarAlone_fansOut_andImportsWhatChangedInSalesforce() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Subject", "Prepare the renewal call");
        String sfId = world.live.salesforce.org().createTask(LiveSync.SF_USERNAME, fields).id();
        world.live.salesforce.expireAllSessions();
        try (LambdaProcess function = start(FunctionWorld.SWEEP)) {
            ObjectNode tick = (ObjectNode) JSON.readTree(event("reconciliation-sweep/schedule.json"));
            tick.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            LambdaProcess.Answer fannedOut = function.invoke(tick.toString(), ANSWER);
            assertThat(fannedOut.isResponse()).as(function.output()).isTrue();
            assertThat(JSON.readTree(fannedOut.body()).get("usersFannedOut").asInt()).as(fannedOut.body())
                    .isGreaterThanOrEqualTo(1);
            assertThat(bus.take()).as("UserSweepRequested on the bus (EventBridge)").anySatisfy(e ->
                    assertThat(e.get("detail-type").asText()).isEqualTo("UserSweepRequested"));

            LambdaProcess.Answer swept = function.invoke(world.userSweepRequested(), ANSWER);

            assertThat(swept.isResponse()).as(function.output()).isTrue();
            JsonNode summary = JSON.readTree(swept.body());
            assertThat(summary.get("failed").asInt()).as(swept.body()).isZero();
            assertThat(summary.get("swept").asInt()).isEqualTo(2);
            assertThat(world.live.components.stores().tasks().get(UserId.of(LiveSync.USER),
                    TaskId.of("sf-" + SalesforceIds.to18(sfId)))).as("imported by the sweep").isPresent();
            // Its log: JSON lines through Log4j and Lambda's appender, with the invocation's fields.
            List<JsonNode> logged = jsonLines(function, "\"requestId\"");
            assertThat(logged).as(function.output()).anySatisfy(l -> {
                assertThat(l.path("message").asText()).startsWith("user swept");
                assertThat(l.path("function").isTextual()).isTrue();
                assertThat(l.path("coldStart").asText()).isEqualTo("false");
                assertThat(l.path("level").asText()).isEqualTo("INFO");
            });
            // Its metrics: Embedded Metric Format documents on lines of their own, not inside a log event.
            List<JsonNode> metrics = jsonLines(function, "{\"_aws\"");
            assertThat(metrics).as(function.output()).isNotEmpty().allSatisfy(m -> {
                assertThat(m.has("level")).isFalse();
                assertThat(m.path("_aws").path("CloudWatchMetrics").isArray()).isTrue();
            });
            assertLog4jStartedCleanly(function);
        }
    }

    /**
     * Log4j configured from the jar's own plugin cache (core's Log4j2Plugins.dat, trimmed to the plugins the
     * configuration uses): a plugin it lacks would show as a status line ("main ERROR Unable to locate plugin ...")
     * and the function would log without its JSON layout.
     */
    private static void assertLog4jStartedCleanly(LambdaProcess function) {
        assertThat(function.output().lines().filter(l -> LOG4J_STATUS.matcher(l).find()))
                .as(function.output()).isEmpty();
    }

    /** The JSON objects of the function's output lines that contain {@code marker}, each read from its first brace. */
    private static List<JsonNode> jsonLines(LambdaProcess function, String marker) throws IOException {
        List<JsonNode> found = new java.util.ArrayList<>();
        for (String line : function.output().split("\n")) {
            int json = line.indexOf('{');
            if (json >= 0 && line.contains(marker)) {
                found.add(JSON.readTree(line.substring(json)));
            }
        }
        return found;
    }

    private static final Pattern LOG4J_STATUS = Pattern.compile("^\\S+ \\S+ (WARN|ERROR|FATAL) |StatusLogger");

    private LambdaProcess start(String logicalId) {
        Template.Function f = Template.functions().stream().filter(t -> t.logicalId().equals(logicalId))
                .findFirst().orElseThrow();
        return LambdaProcess.start(Template.repositoryRoot().resolve(f.codeUri()), f.handler(),
                world.environment(f));
    }

    private static String event(String file) {
        return EventFiles.text(file);
    }

    private JsonNode httpAnswer(LambdaProcess function, String event, int status) throws IOException {
        LambdaProcess.Answer answer = function.invoke(event, ANSWER);
        assertThat(answer.isResponse()).as("%s%n%s", answer, function.output()).isTrue();
        JsonNode response = JSON.readTree(answer.body());
        assertThat(response.get("statusCode").asInt()).as(answer.body()).isEqualTo(status);
        return JSON.readTree(response.get("body").asText());
    }

    /** events/enable-sync/callback.json with the code and state the emulator sent the browser back with. */
    private static ObjectNode callback(String code, String state) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(EventFiles.text("enable-sync/callback.json"));
        ObjectNode query = (ObjectNode) event.get("queryStringParameters");
        query.put("code", code);
        query.put("state", state);
        event.put("rawQueryString", "code=" + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8));
        return event;
    }
}
