package com.salesconnect.tasksync.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Writes an invocation's {@link MetricRecorder} as CloudWatch Embedded Metric Format documents with AWS's
 * {@code aws-embedded-metrics} library: one document per group of dimensions, namespace {@value #NAMESPACE}. The
 * documents go through the SLF4J logger {@value #LOGGER}, which the functions' Log4j configuration writes as the
 * bare document on a line of its own (CloudWatch Logs extracts the metrics; no API call). The library's own
 * environment detection is not used: it would probe EC2's metadata endpoint outside Lambda.
 */
public final class EmfMetrics {

    public static final String NAMESPACE = "TaskSync";
    public static final String LOGGER = "tasksync.metrics";

    private static final Logger LOG = LoggerFactory.getLogger(EmfMetrics.class);
    private static final Logger OUT = LoggerFactory.getLogger(LOGGER);

    private final Environment environment;

    /** Writes to the {@value #LOGGER} logger. */
    public EmfMetrics(String functionName) {
        this(functionName, OUT::info);
    }

    /** Writes each document to {@code lines} (tests). */
    public EmfMetrics(String functionName, Consumer<String> lines) {
        this.environment = new LogEnvironment(functionName, lines);
    }

    /** Writes what {@code recorder} holds; {@code properties} (e.g. the request id) go into every document. */
    public void write(MetricRecorder recorder, Map<String, String> properties) {
        for (MetricRecorder.Group group : recorder.groups()) {
            try {
                MetricsLogger logger = new MetricsLogger(environment);
                logger.setNamespace(NAMESPACE);
                DimensionSet dimensions = new DimensionSet();
                for (Map.Entry<String, String> d : group.dimensions().entrySet()) {
                    dimensions.addDimension(d.getKey(), d.getValue());
                }
                logger.setDimensions(dimensions);
                properties.forEach((name, value) -> {
                    if (value != null) {
                        logger.putProperty(name, value);
                    }
                });
                for (MetricRecorder.Metric metric : group.metrics().values()) {
                    for (double value : metric.values()) {
                        logger.putMetric(metric.name(), value, unit(metric.unit()));
                    }
                }
                logger.flush();
            } catch (RuntimeException e) {
                // The library's validation failures (names, dimensions) are runtime exceptions: never fail the sync.
                LOG.warn("metrics not written: {}", e.getClass().getSimpleName());
            }
        }
    }

    private static Unit unit(MetricRecorder.Unit unit) {
        return switch (unit) {
            case Count -> Unit.COUNT;
            case Milliseconds -> Unit.MILLISECONDS;
            case Seconds -> Unit.SECONDS;
            case Percent -> Unit.PERCENT;
        };
    }

    /** The library's environment, reduced to a sink that hands each serialised document to a line consumer. */
    private record LogEnvironment(String name, Consumer<String> lines) implements Environment, ISink {
        @Override public boolean probe() { return true; }
        @Override public String getName() { return name; }
        @Override public String getType() { return "AWS::Lambda::Function"; }
        @Override public String getLogGroupName() { return ""; }
        @Override public void configureContext(MetricsContext context) { }
        @Override public ISink getSink() { return this; }

        @Override
        public void accept(MetricsContext context) {
            try {
                for (String document : context.serialize()) {
                    lines.accept(document);
                }
            } catch (JsonProcessingException e) {
                LOG.warn("metrics not serialised: {}", e.getClass().getSimpleName());
            }
        }

        @Override
        public CompletableFuture<Void> shutdown() {
            return CompletableFuture.completedFuture(null);
        }
    }
}
