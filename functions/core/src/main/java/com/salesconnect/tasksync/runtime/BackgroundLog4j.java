package com.salesconnect.tasksync.runtime;

import org.apache.logging.log4j.Level;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The deployed functions' SLF4J provider (named in each function jar's {@code META-INF/services} by the shade):
 * Log4j's own provider, with Log4j started on a thread of its own while the handler class builds its clients.
 *
 * <p>Why: Log4j's start (its configuration, the JSON template, Lambda's appender: about 500 classes) took 0.15 to
 * 0.3 s of each cold start on the main thread, because the first class to ask for a logger waited for it. Here a
 * logger is handed out at once; it answers "is this level on?" from {@link LogLevels}, the same
 * table the configuration is built from, and an event logged before Log4j is up waits for it, so nothing is lost or
 * reordered. Once Log4j is up every call goes straight to its logger.
 *
 * <p>Only in a Lambda execution environment starting on demand ({@link OnDemandStart}) and with no configuration
 * file named ({@code log4j2.configurationFile}: the local runtime and the benchmark name their own, with levels of
 * their own): otherwise Log4j starts on the caller's thread, as it does without this class.
 */
public final class BackgroundLog4j implements SLF4JServiceProvider {

    /** Longer than any Log4j start; past it a logging call starts Log4j on its own thread, as Log4j alone would. */
    private static final long START_WAIT_SECONDS = 30;

    private final org.apache.logging.slf4j.SLF4JServiceProvider log4j =
            new org.apache.logging.slf4j.SLF4JServiceProvider();
    private final Function<String, String> processEnvironment;
    private final Function<String, String> systemProperties;
    private final CountDownLatch started = new CountDownLatch(1);
    private ILoggerFactory loggers;

    /** SLF4J's entry (ServiceLoader). */
    public BackgroundLog4j() {
        this(System::getenv, System::getProperty);
    }

    BackgroundLog4j(Function<String, String> processEnvironment, Function<String, String> systemProperties) {
        this.processEnvironment = processEnvironment;
        this.systemProperties = systemProperties;
    }

    /**
     * Log4j's provider is initialised here, on SLF4J's thread: SLF4J asks for the MDC adapter while it still holds its
     * lock, and a version that waited there for the provider to be initialised on the other thread deadlocked
     * ({@code BackgroundLog4jProcessTest}). It only makes Log4j's SLF4J factories; the Log4j context starts on the
     * thread.
     */
    @Override
    public void initialize() {
        log4j.initialize();
        if (!OnDemandStart.of(processEnvironment) || configurationFileNamed()) {
            loggers = log4j.getLoggerFactory();
            started.countDown();
            return;
        }
        Level root = LogLevels.root(processEnvironment.apply("LOG_LEVEL"));
        Map<String, Logger> byName = new ConcurrentHashMap<>();   // one logger a name, as Log4j's factory keeps
        loggers = name -> byName.computeIfAbsent(name, n -> new Deferred(n, LogLevels.of(n, root), this::log4jLogger));
        Thread start = new Thread(this::startLog4j, "log4j-start");
        start.setDaemon(true);
        start.start();
    }

    private void startLog4j() {
        try {
            log4j.getLoggerFactory().getLogger(Logger.ROOT_LOGGER_NAME);
        } finally {
            started.countDown();   // a failed start is met again, and thrown, by the first logging call
        }
    }

    /** Log4j's logger of that name, once Log4j has started (waiting for it if it has not). */
    private Logger log4jLogger(String name) {
        try {
            started.await(START_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return log4j.getLoggerFactory().getLogger(name);
    }

    boolean hasStarted() {
        return started.getCount() == 0;
    }

    private boolean configurationFileNamed() {
        return systemProperties.apply("log4j2.configurationFile") != null
                || systemProperties.apply("log4j.configurationFile") != null
                || processEnvironment.apply("LOG4J_CONFIGURATION_FILE") != null;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return log4j.getMarkerFactory();
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return log4j.getMDCAdapter();
    }

    @Override
    public String getRequestedApiVersion() {
        return log4j.getRequestedApiVersion();
    }

    /**
     * A logger handed out before Log4j is up: its level from the configuration's table until then, its events
     * (which wait for Log4j) and afterwards everything through Log4j's logger of the same name.
     */
    static final class Deferred extends AbstractLogger {

        private static final long serialVersionUID = 1L;

        private final transient Level level;
        private final transient Function<String, Logger> log4jLogger;
        private transient volatile Logger log4j;

        Deferred(String name, Level level, Function<String, Logger> log4jLogger) {
            this.name = name;
            this.level = level;
            this.log4jLogger = log4jLogger;
        }

        /** Log4j's logger, or null while Log4j is still starting. */
        private Logger started() {
            return log4j;
        }

        private Logger log4j() {
            Logger logger = log4j;
            if (logger == null) {
                logger = log4jLogger.apply(name);
                log4j = logger;
            }
            return logger;
        }

        private boolean enabled(Level event) {
            return level.intLevel() >= event.intLevel();
        }

        @Override
        public boolean isTraceEnabled() {
            Logger logger = started();
            return logger == null ? enabled(Level.TRACE) : logger.isTraceEnabled();
        }

        @Override
        public boolean isTraceEnabled(Marker marker) {
            Logger logger = started();
            return logger == null ? enabled(Level.TRACE) : logger.isTraceEnabled(marker);
        }

        @Override
        public boolean isDebugEnabled() {
            Logger logger = started();
            return logger == null ? enabled(Level.DEBUG) : logger.isDebugEnabled();
        }

        @Override
        public boolean isDebugEnabled(Marker marker) {
            Logger logger = started();
            return logger == null ? enabled(Level.DEBUG) : logger.isDebugEnabled(marker);
        }

        @Override
        public boolean isInfoEnabled() {
            Logger logger = started();
            return logger == null ? enabled(Level.INFO) : logger.isInfoEnabled();
        }

        @Override
        public boolean isInfoEnabled(Marker marker) {
            Logger logger = started();
            return logger == null ? enabled(Level.INFO) : logger.isInfoEnabled(marker);
        }

        @Override
        public boolean isWarnEnabled() {
            Logger logger = started();
            return logger == null ? enabled(Level.WARN) : logger.isWarnEnabled();
        }

        @Override
        public boolean isWarnEnabled(Marker marker) {
            Logger logger = started();
            return logger == null ? enabled(Level.WARN) : logger.isWarnEnabled(marker);
        }

        @Override
        public boolean isErrorEnabled() {
            Logger logger = started();
            return logger == null ? enabled(Level.ERROR) : logger.isErrorEnabled();
        }

        @Override
        public boolean isErrorEnabled(Marker marker) {
            Logger logger = started();
            return logger == null ? enabled(Level.ERROR) : logger.isErrorEnabled(marker);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        /**
         * SLF4J's normalisation takes a trailing {@code Throwable} off the arguments; it goes back on, so Log4j gets
         * the call exactly as made and formats it as it always did.
         */
        @Override
        protected void handleNormalizedLoggingCall(org.slf4j.event.Level event, Marker marker, String message,
                Object[] arguments, Throwable cause) {
            Object[] asMade = cause == null ? arguments : withCause(arguments, cause);
            Logger logger = log4j();
            if (asMade == null) {
                switch (event) {
                    case ERROR -> logger.error(marker, message);
                    case WARN -> logger.warn(marker, message);
                    case INFO -> logger.info(marker, message);
                    case DEBUG -> logger.debug(marker, message);
                    case TRACE -> logger.trace(marker, message);
                    default -> throw new IllegalArgumentException("SLF4J level " + event);
                }
                return;
            }
            switch (event) {
                case ERROR -> logger.error(marker, message, asMade);
                case WARN -> logger.warn(marker, message, asMade);
                case INFO -> logger.info(marker, message, asMade);
                case DEBUG -> logger.debug(marker, message, asMade);
                case TRACE -> logger.trace(marker, message, asMade);
                default -> throw new IllegalArgumentException("SLF4J level " + event);
            }
        }

        private static Object[] withCause(Object[] arguments, Throwable cause) {
            if (arguments == null || arguments.length == 0) {
                return new Object[] {cause};
            }
            Object[] all = java.util.Arrays.copyOf(arguments, arguments.length + 1);
            all[arguments.length] = cause;
            return all;
        }
    }
}
