package com.salesconnect.tasksync.local.e2e;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every line the process logs, exactly as the configured appenders format it: a copy of each configured appender
 * (same layout) is added beside it on the same logger, so what is captured is what the local runtime's log shows.
 */
final class LogCapture implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final List<Runnable> undo = new ArrayList<>();

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        for (LoggerConfig logger : config.getLoggers().values()) {
            for (Appender appender : List.copyOf(logger.getAppenders().values())) {
                Copy copy = new Copy(capture, appender.getName() + "-capture", appender.getLayout());
                copy.start();
                logger.addAppender(copy, null, null);
                capture.undo.add(() -> logger.removeAppender(copy.getName()));
            }
        }
        context.updateLoggers();
        return capture;
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        undo.forEach(Runnable::run);
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
    }

    private synchronized void add(String text) {
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
    }

    private static final class Copy extends AbstractAppender {
        private final LogCapture capture;

        Copy(LogCapture capture, String name, Layout<?> layout) {
            super(name, null, layout, true, Property.EMPTY_ARRAY);
            this.capture = capture;
        }

        @Override
        public void append(LogEvent event) {
            capture.add(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8));
        }
    }
}
