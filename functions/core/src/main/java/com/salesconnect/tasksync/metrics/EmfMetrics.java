package com.salesconnect.tasksync.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.json.JsonTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes an invocation's {@link MetricRecorder} as CloudWatch Embedded Metric Format documents: one JSON line per
 * group of dimensions, namespace {@value #NAMESPACE}, through the SLF4J logger {@value #LOGGER}, which the
 * functions' Log4j configuration writes bare on a line of its own; CloudWatch Logs extracts the metrics (no API
 * call, no permission).
 *
 * <p>The shape (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * {@code {"_aws": {"Timestamp": <epoch ms>, "CloudWatchMetrics": [{"Namespace", "Dimensions": [[names]],
 * "Metrics": [{"Name", "Unit"}]}]}, <dimension>: <value>, ..., <metric>: <value or values>, <property>: ...}},
 * at most 100 values per metric in a document. Written with core's JSON trees rather than AWS's
 * {@code aws-embedded-metrics} 4.2.0: that library builds a Jackson {@code ObjectMapper} (with the JSR-310 module)
 * at its first flush, which measured +0.46 to +0.56 s on the cold start of the functions that write metrics
 * (infra/deploy/README.md, "Jar size and cold start"); this writer adds nothing to load.
 */
public final class EmfMetrics {

    public static final String NAMESPACE = "TaskSync";
    public static final String LOGGER = "tasksync.metrics";
    static final int MAX_VALUES = 100;

    private static final Logger OUT = LoggerFactory.getLogger(LOGGER);

    private final Consumer<String> lines;
    private final Clock clock;

    /** Writes to the {@value #LOGGER} logger. */
    public EmfMetrics() {
        this(OUT::info, Clock.systemUTC());
    }

    /** Writes each document to {@code lines} (tests). */
    public EmfMetrics(Consumer<String> lines, Clock clock) {
        this.lines = lines;
        this.clock = clock;
    }

    /** Writes what {@code recorder} holds; {@code properties} (e.g. the request id) go into every document. */
    public void write(MetricRecorder recorder, Map<String, String> properties) {
        long timestamp = clock.millis();
        for (MetricRecorder.Group group : recorder.groups()) {
            for (int chunk = 0; ; chunk++) {
                ObjectNode document = document(group, properties, timestamp, chunk);
                if (document == null) {
                    break;
                }
                lines.accept(JsonTrees.write(document));
            }
        }
    }

    /** The {@code chunk}th document of a group (values {@code chunk*100} on of each metric), null when none is left. */
    private static ObjectNode document(MetricRecorder.Group group, Map<String, String> properties, long timestamp,
                                       int chunk) {
        ObjectNode document = JsonTrees.object();
        ObjectNode directive = JsonTrees.object();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        group.dimensions().keySet().forEach(dimensionSet::add);
        ArrayNode definitions = directive.putArray("Metrics");
        ObjectNode aws = document.putObject("_aws");
        aws.put("Timestamp", timestamp);
        aws.putArray("CloudWatchMetrics").add(directive);
        properties.forEach((name, value) -> {
            if (value != null) {
                document.put(name, value);
            }
        });
        group.dimensions().forEach(document::put);
        for (MetricRecorder.Metric metric : group.metrics().values()) {
            List<Double> values = metric.values();
            int from = chunk * MAX_VALUES;
            if (from >= values.size()) {
                continue;
            }
            List<Double> part = values.subList(from, Math.min(values.size(), from + MAX_VALUES));
            definitions.addObject().put("Name", metric.name()).put("Unit", metric.unit().name());
            if (part.size() == 1) {
                document.put(metric.name(), part.get(0));
            } else {
                ArrayNode array = document.putArray(metric.name());
                part.forEach(array::add);
            }
        }
        return definitions.isEmpty() ? null : document;
    }
}
