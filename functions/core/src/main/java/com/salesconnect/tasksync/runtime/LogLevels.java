package com.salesconnect.tasksync.runtime;

import com.salesconnect.tasksync.metrics.EmfMetrics;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * The levels of {@link LambdaLogConfiguration}, kept apart from it so that {@link BackgroundLog4j} can answer "is
 * this level on?" from them before Log4j's core is loaded; {@code BackgroundLog4jTest} checks that both answer
 * alike.
 */
final class LogLevels {

    static final String AWS_SDK = "software.amazon.awssdk";

    private LogLevels() {
    }

    /**
     * The level of a logger of this name, as Log4j finds it in this configuration (its nearest configured ancestor):
     * metrics at INFO, the AWS SDK at WARN, the rest at the root's.
     */
    static Level of(String loggerName, Level root) {
        if (within(loggerName, EmfMetrics.LOGGER)) {
            return Level.INFO;
        }
        if (within(loggerName, AWS_SDK)) {
            return Level.WARN;
        }
        return root;
    }

    private static boolean within(String loggerName, String ancestor) {
        return loggerName.startsWith(ancestor)
                && (loggerName.length() == ancestor.length() || loggerName.charAt(ancestor.length()) == '.');
    }

    /** INFO when unset; a value Log4j does not know is said (Log4j's status log) and INFO is used. */
    static Level root(String logLevel) {
        if (logLevel == null || logLevel.isBlank()) {
            return Level.INFO;
        }
        Level parsed = Level.toLevel(logLevel.trim(), null);
        if (parsed == null) {
            StatusLogger.getLogger().warn("LOG_LEVEL={} is not a Log4j level (TRACE, DEBUG, INFO, WARN, ERROR, "
                    + "FATAL, OFF, ALL); logging at INFO", logLevel);
            return Level.INFO;
        }
        return parsed;
    }
}
