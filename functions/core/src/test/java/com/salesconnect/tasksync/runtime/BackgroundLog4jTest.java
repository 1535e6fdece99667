package com.salesconnect.tasksync.runtime;

import com.salesconnect.tasksync.metrics.EmfMetrics;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The functions' SLF4J provider: what its loggers answer and do before and after Log4j is up. */
class BackgroundLog4jTest {

    private static final List<String> NAMES = List.of("com.salesconnect.tasksync.sync.SweepService", "x", "",
            "software.amazon.awssdk", "software.amazon.awssdk.request", "software.amazon.awssdkx", "software.amazon",
            EmfMetrics.LOGGER, EmfMetrics.LOGGER + ".child", EmfMetrics.LOGGER + "x", "tasksync");

    @Test
    void beforeLog4jIsUp_aLoggersLevels_areTheConfigurations_forEveryLogLevelSetting() {
        for (String logLevel : Arrays.asList(null, "", "TRACE", "DEBUG", "info", "WARN", "ERROR", "OFF", "verbose")) {
            LoggerContext context = new LoggerContext("levels");
            try {
                context.start(new LambdaLogConfiguration(context, logLevel));
                Level root = LogLevels.root(logLevel);
                List<String> names = new ArrayList<>(NAMES);
                // Every logger the configuration names, a child of it and a name it merely starts: a logger added
                // to LambdaLogConfiguration but not to LogLevels fails here.
                for (String configured : context.getConfiguration().getLoggers().keySet()) {
                    names.addAll(List.of(configured, configured + ".child", configured + "x"));
                }
                for (String name : names) {
                    Level configured = context.getLogger(name).getLevel();
                    assertThat(LogLevels.of(name, root)).as("LOG_LEVEL=%s, logger '%s'", logLevel, name)
                            .isEqualTo(configured);
                    Logger deferred = new BackgroundLog4j.Deferred(name, LogLevels.of(name, root), n -> {
                        throw new AssertionError("a level question must not wait for Log4j");
                    });
                    assertThat(List.of(deferred.isTraceEnabled(), deferred.isDebugEnabled(), deferred.isInfoEnabled(),
                            deferred.isWarnEnabled(), deferred.isErrorEnabled()))
                            .as("LOG_LEVEL=%s, logger '%s'", logLevel, name)
                            .containsExactly(configured.isLessSpecificThan(Level.TRACE),
                                    configured.isLessSpecificThan(Level.DEBUG),
                                    configured.isLessSpecificThan(Level.INFO),
                                    configured.isLessSpecificThan(Level.WARN),
                                    configured.isLessSpecificThan(Level.ERROR));
                }
            } finally {
                context.stop();
            }
        }
    }

    @Test
    void anEventLoggedBeforeLog4jIsUp_waitsForIt_andReachesLog4j_asCalled() throws Exception {
        CountDownLatch up = new CountDownLatch(1);
        List<String> calls = new ArrayList<>();
        Logger deferred = new BackgroundLog4j.Deferred("a.b", Level.INFO, name -> {
            awaitQuietly(up);
            return recording(name, calls);
        });
        IllegalStateException cause = new IllegalStateException("boom");

        CompletableFuture<Void> logging = CompletableFuture.runAsync(() -> deferred.warn("x {} {}", 1, cause));

        assertThatThrownBy(() -> logging.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(calls).isEmpty();
        up.countDown();
        logging.get(5, TimeUnit.SECONDS);
        assertThat(calls).containsExactly("a.b warn(null, x {} {}, [1, " + cause + "])");
    }

    @Test
    void onceLog4jIsUp_everyCallGoesToItsLogger_asMade() {
        List<String> calls = new ArrayList<>();
        int[] lookUps = {0};
        Logger deferred = new BackgroundLog4j.Deferred("a.b", Level.ERROR, name -> {
            lookUps[0]++;
            return recording(name, calls);
        });
        IllegalStateException cause = new IllegalStateException("boom");

        deferred.error("plain");
        deferred.error("failed", cause);
        deferred.error(new BasicMarkerFactory().getMarker("M"), "one {}", "a");
        deferred.error("two {} {}", "a", "b");
        deferred.error("a cause consumed by its placeholder: {}", cause);
        deferred.info("below the level: not passed on");
        boolean debug = deferred.isDebugEnabled();

        assertThat(calls).containsExactly(
                "a.b error(null, plain)",   // its level from the configuration's table, then Log4j looked up
                "a.b isErrorEnabled()", "a.b error(null, failed, [" + cause + "])",
                "a.b isErrorEnabled()", "a.b error(M, one {}, [a])",
                "a.b isErrorEnabled()", "a.b error(null, two {} {}, [a, b])",
                "a.b isErrorEnabled()", "a.b error(null, a cause consumed by its placeholder: {}, [" + cause + "])",
                "a.b isInfoEnabled()",
                "a.b isDebugEnabled()");
        assertThat(debug).as("Log4j's logger answers once it is up (the recorder says true)").isTrue();
        assertThat(lookUps[0]).as("Log4j's logger looked up once").isEqualTo(1);
    }

    @Test
    void inALambdaStartingOnDemand_loggersAreHandedOutAtOnce_andLog4jComesUpOnAThreadOfItsOwn() throws Exception {
        BackgroundLog4j provider = new BackgroundLog4j(
                Map.of("AWS_LAMBDA_FUNCTION_NAME", "sweep", "LOG_LEVEL", "WARN")::get, name -> null);

        provider.initialize();
        Logger logger = provider.getLoggerFactory().getLogger("com.salesconnect.tasksync.X");

        assertThat(logger).isInstanceOf(BackgroundLog4j.Deferred.class)
                .isSameAs(provider.getLoggerFactory().getLogger("com.salesconnect.tasksync.X"));
        assertThat(logger.isWarnEnabled()).isTrue();
        logger.warn("logged through Log4j once it is up");   // waits for it
        assertThat(provider.hasStarted()).isTrue();
        assertThat(provider.getMDCAdapter()).isInstanceOf(org.apache.logging.slf4j.Log4jMDCAdapter.class);
        assertThat(provider.getLoggerFactory().getLogger("software.amazon.awssdk.request").isInfoEnabled()).isFalse();
    }

    @Test
    void outsideLambda_inASnapStartInitialisation_orWithAConfigurationFile_itIsLog4jsOwnProvider() {
        List<BackgroundLog4j> providers = List.of(
                new BackgroundLog4j(name -> null, name -> null),
                new BackgroundLog4j(Map.of("AWS_LAMBDA_FUNCTION_NAME", "sweep",
                        "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")::get, name -> null),
                new BackgroundLog4j(Map.of("AWS_LAMBDA_FUNCTION_NAME", "sweep")::get,
                        Map.of("log4j2.configurationFile", "local-log4j2.properties")::get),
                new BackgroundLog4j(Map.of("AWS_LAMBDA_FUNCTION_NAME", "sweep",
                        "LOG4J_CONFIGURATION_FILE", "local-log4j2.properties")::get, name -> null));

        for (BackgroundLog4j provider : providers) {
            provider.initialize();
            assertThat(provider.hasStarted()).isTrue();
            assertThat(provider.getLoggerFactory()).isInstanceOf(org.apache.logging.slf4j.Log4jLoggerFactory.class);
        }
    }

    /** An SLF4J logger that writes down each call, its level questions answering true (INFO: false, to see it). */
    private static Logger recording(String name, List<String> calls) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("is")) {
                        calls.add(name + " " + method.getName() + "()");
                        return !method.getName().equals("isInfoEnabled");
                    }
                    if (method.getName().equals("getName")) {
                        return name;
                    }
                    StringBuilder call = new StringBuilder(name).append(' ').append(method.getName()).append('(');
                    int i = 0;
                    if (method.getParameterTypes()[0] == org.slf4j.Marker.class) {
                        call.append(args[0]).append(", ");
                        i = 1;
                    } else {
                        call.append("null, ");
                    }
                    call.append(args[i]);
                    for (int a = i + 1; a < args.length; a++) {
                        call.append(", ").append(args[a] instanceof Object[] all ? Arrays.toString(all)
                                : "[" + args[a] + "]");
                    }
                    calls.add(call.append(')').toString());
                    return null;
                });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
