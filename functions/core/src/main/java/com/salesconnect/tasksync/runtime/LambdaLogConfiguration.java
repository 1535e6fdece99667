package com.salesconnect.tasksync.runtime;

import com.amazonaws.services.lambda.runtime.LambdaRuntimeInternal;
import com.amazonaws.services.lambda.runtime.log4j2.LambdaAppender;
import com.salesconnect.tasksync.metrics.EmfMetrics;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

import java.net.URI;

/**
 * The deployed functions' Log4j configuration, built in code: one JSON object per line (core's template
 * {@code tasksync-log.json}, Log4j's JSON Template Layout) through Lambda's appender, which hands each event to the
 * runtime as one record (a stack trace stays in its event); metrics (logger {@code tasksync.metrics}) are Embedded
 * Metric Format documents, written bare through a second Lambda appender; the AWS SDK at WARN; the level from
 * {@code LOG_LEVEL} (template parameter {@code LogLevel}), INFO without it.
 *
 * <p>Why code and not a {@code log4j2.properties}: Log4j builds a file's elements as plugins, by reflection over
 * their builders' annotated fields (annotation proxies, type converters, a node tree), which cost every cold
 * start 30 to 50 ms (infra/deploy/README.md, "Jar size and cold start"); the same appenders and layouts built here
 * by their builders come up without it.
 *
 * <p>Each function's {@code log4j2.component.properties} names {@link Factory}. It answers only when no
 * configuration file is named: the local runtime and the benchmark, which run the functions in one JVM with the
 * function modules on their class path, name their own file, and get it.
 */
public final class LambdaLogConfiguration extends AbstractConfiguration {

    static final String EVENT_TEMPLATE = "classpath:tasksync-log.json";

    /** Log4j's context property of the host's name. */
    static final String HOST_NAME = "hostName";

    private final Level level;

    LambdaLogConfiguration(LoggerContext context, String logLevel) {
        super(context, ConfigurationSource.NULL_SOURCE);
        setName("tasksync-lambda");
        this.level = LogLevels.root(logLevel);
        // Log4j looks the host's name up (InetAddress.getLocalHost) for this property unless it is set, while it
        // starts, at each cold start; nothing here reads it. Its own value when the lookup fails.
        getProperties().put(HOST_NAME, "unknown");
    }

    @Override
    protected void doConfigure() {
        Layout<?> json = JsonTemplateLayout.newBuilder().setConfiguration(this)
                .setEventTemplateUri(EVENT_TEMPLATE).build();
        Appender events = lambdaAppender("Json", json);
        Appender metrics = lambdaAppender("Emf",
                PatternLayout.newBuilder().withConfiguration(this).withPattern("%m%n").build());

        LoggerConfig emf = LoggerConfig.newBuilder().withLoggerName(EmfMetrics.LOGGER)
                .withLevel(LogLevels.of(EmfMetrics.LOGGER, level)).withAdditivity(false).withConfig(this).build();
        emf.addAppender(metrics, null, null);
        addLogger(EmfMetrics.LOGGER, emf);
        addLogger(LogLevels.AWS_SDK, LoggerConfig.newBuilder().withLoggerName(LogLevels.AWS_SDK)
                .withLevel(LogLevels.of(LogLevels.AWS_SDK, level)).withAdditivity(true).withConfig(this).build());

        LoggerConfig root = getRootLogger();
        root.setLevel(level);
        root.addAppender(events, null, null);
        // Lambda's appender tells the runtime it is in use; the runtime then puts the request id into Log4j's
        // ThreadContext (as AWSRequestId) before each invocation, through a class it loads with the runtime's own
        // class loader. Each event here carries the request id already (InvocationLog's requestId), and under
        // TaskRootEntry that class is a second copy of Log4j's API, started on the first request (about 70 classes).
        LambdaRuntimeInternal.setUseLog4jAppender(false);
    }

    private Appender lambdaAppender(String name, Layout<?> layout) {
        Appender appender = LambdaAppender.newBuilder().setName(name).setLayout(layout).setConfiguration(this).build();
        appender.start();
        addAppender(appender);
        return appender;
    }

    /**
     * Named by the functions' {@code log4j2.component.properties} ({@code log4j2.configurationFactory}); Log4j asks
     * it first. With no configuration file named it builds {@link LambdaLogConfiguration}; a named file (a
     * {@code ConfigurationSource}) it leaves to Log4j's own factories.
     */
    public static final class Factory extends ConfigurationFactory {

        @Override
        protected String[] getSupportedTypes() {
            return new String[] {"*"};   // asked whatever the file kind; answers only when none is named
        }

        @Override
        public Configuration getConfiguration(LoggerContext context, String name, URI configLocation) {
            return configLocation == null ? new LambdaLogConfiguration(context, System.getenv("LOG_LEVEL")) : null;
        }

        @Override
        public Configuration getConfiguration(LoggerContext context, ConfigurationSource source) {
            return null;
        }
    }
}
