package com.salesconnect.tasksync.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.metrics.EmfMetrics;
import com.salesconnect.tasksync.metrics.MetricRecorder;
import com.salesconnect.tasksync.metrics.SyncMetrics;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard and the alarms in template.yaml read the metrics the code writes: every TaskSync metric they name
 * exists with exactly those dimension names (CloudWatch matches a metric by its full set of dimensions, so one
 * dimension more or less is a graph that stays empty and an alarm that never fires), and every metric the code
 * writes is on the dashboard. The code's side is what {@link MetricRecorder} records when every {@link SyncMetrics}
 * method is called, found by reflection, so a metric added there must be added here too.
 */
class MetricsInTemplateTest {

    private static final Pattern SEARCH = Pattern.compile("SEARCH\\('\\{([^}]*)} MetricName=\"([^\"]+)\"");

    /** A metric as CloudWatch identifies it: its name and the names of its dimensions. */
    private record MetricId(String name, Set<String> dimensions) {
        @Override
        public String toString() {
            return name + dimensions;
        }
    }

    private record Written(MetricRecorder.Unit unit, Map<String, Set<String>> dimensionValues) {
    }

    /** Every metric the code writes, with its unit and the dimension values it uses. */
    private static Map<MetricId, Written> written() throws Exception {
        MetricRecorder recorder = new MetricRecorder();
        for (Method method : SyncMetrics.class.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            for (Object[] arguments : argumentsFor(method)) {
                method.invoke(recorder, arguments);
            }
        }
        Map<MetricId, Written> written = new HashMap<>();
        for (MetricRecorder.Group group : recorder.groups()) {
            for (MetricRecorder.Metric metric : group.metrics().values()) {
                Written w = written.computeIfAbsent(new MetricId(metric.name(),
                        new TreeSet<>(group.dimensions().keySet())), k -> new Written(metric.unit(), new HashMap<>()));
                group.dimensions().forEach((name, value) ->
                        w.dimensionValues().computeIfAbsent(name, n -> new TreeSet<>()).add(value));
            }
        }
        return written;
    }

    /** One call per direction (every enum constant), the others with plain values. */
    private static List<Object[]> argumentsFor(Method method) {
        Class<?>[] types = method.getParameterTypes();
        List<Object[]> calls = new ArrayList<>();
        Object[] enumValues = types.length > 0 && types[0].isEnum() ? types[0].getEnumConstants() : new Object[]{null};
        for (Object first : enumValues) {
            Object[] arguments = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                Class<?> type = types[i];
                if (i == 0 && type.isEnum()) {
                    arguments[i] = first;
                } else if (type == String.class) {
                    arguments[i] = "Update";
                } else if (type == Duration.class) {
                    arguments[i] = Duration.ofSeconds(3);
                } else if (type == double.class) {
                    arguments[i] = 42.0;
                } else {
                    throw new IllegalStateException("no sample value for " + type + " in " + method);
                }
            }
            calls.add(arguments);
        }
        return calls;
    }

    private static List<Map.Entry<String, JsonNode>> resources(String type) {
        List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> all = Template.tree().path("Resources").fields();
        while (all.hasNext()) {
            Map.Entry<String, JsonNode> resource = all.next();
            if (type.equals(resource.getValue().path("Type").asText())) {
                found.add(resource);
            }
        }
        return found;
    }

    /** The dashboard's body as JSON, its {@code ${...}} substitutions read as plain strings. */
    private static JsonNode dashboard() throws Exception {
        List<Map.Entry<String, JsonNode>> dashboards = resources("AWS::CloudWatch::Dashboard");
        assertThat(dashboards).hasSize(1);
        String body = dashboards.get(0).getValue().path("Properties").path("DashboardBody").path("Fn::Sub").asText();
        return new ObjectMapper().readTree(body.replaceAll("\\$\\{[^}]+}", "sub"));
    }

    /** The TaskSync metrics the dashboard draws, with the dimension values it asks for (empty for a SEARCH). */
    private static Map<MetricId, Map<String, String>> onTheDashboard() throws Exception {
        Map<MetricId, Map<String, String>> shown = new HashMap<>();
        for (JsonNode widget : dashboard().path("widgets")) {
            for (JsonNode line : widget.path("properties").path("metrics")) {
                JsonNode first = line.get(0);
                if (first.isObject()) {
                    Matcher search = SEARCH.matcher(first.path("expression").asText());
                    assertThat(search.find()).as("a SEARCH expression: %s", first).isTrue();
                    List<String> schema = List.of(search.group(1).split(","));
                    if (schema.get(0).equals(EmfMetrics.NAMESPACE)) {
                        shown.put(new MetricId(search.group(2), new TreeSet<>(schema.subList(1, schema.size()))),
                                Map.of());
                    }
                    continue;
                }
                if (!first.asText().equals(EmfMetrics.NAMESPACE)) {
                    continue;
                }
                Map<String, String> dimensions = new HashMap<>();
                for (int i = 2; i + 1 < line.size() && line.get(i).isTextual(); i += 2) {
                    dimensions.put(line.get(i).asText(), line.get(i + 1).asText());
                }
                shown.put(new MetricId(line.get(1).asText(), new TreeSet<>(dimensions.keySet())), dimensions);
            }
        }
        return shown;
    }

    @Test
    void everyMetricOnTheDashboard_isOneTheCodeWrites_withItsDimensions() throws Exception {
        Map<MetricId, Written> written = written();
        Map<MetricId, Map<String, String>> shown = onTheDashboard();

        assertThat(shown).isNotEmpty();
        assertThat(written.keySet()).as("metrics the code writes").containsAll(shown.keySet());
        shown.forEach((id, dimensions) -> dimensions.forEach((name, value) ->
                assertThat(written.get(id).dimensionValues().get(name)).as("%s %s", id, name).contains(value)));
    }

    @Test
    void everyMetricTheCodeWrites_isOnTheDashboard() throws Exception {
        assertThat(onTheDashboard().keySet()).as("metrics on the dashboard").containsAll(written().keySet());
    }

    @Test
    void everyAlarmOnTheSyncsMetrics_readsAMetricTheCodeWrites_inTheUnitOfItsThreshold() throws Exception {
        Map<MetricId, Written> written = written();
        int alarms = 0;
        for (Map.Entry<String, JsonNode> alarm : resources("AWS::CloudWatch::Alarm")) {
            JsonNode properties = alarm.getValue().path("Properties");
            if (!properties.path("Namespace").asText().equals(EmfMetrics.NAMESPACE)) {
                continue;
            }
            alarms++;
            Map<String, String> dimensions = new HashMap<>();
            properties.path("Dimensions").forEach(d -> dimensions.put(d.path("Name").asText(), d.path("Value").asText()));
            MetricId id = new MetricId(properties.path("MetricName").asText(), new TreeSet<>(dimensions.keySet()));

            assertThat(written).as("%s reads %s", alarm.getKey(), id).containsKey(id);
            dimensions.forEach((name, value) -> assertThat(written.get(id).dimensionValues().get(name))
                    .as("%s: %s=%s", alarm.getKey(), name, value).contains(value));
        }
        assertThat(alarms).isGreaterThanOrEqualTo(5);
        // The thresholds are written in these units: the lag alarms in milliseconds, the allowance one in percent.
        assertThat(written.get(new MetricId("ChangeLag", Set.of("Direction"))).unit())
                .isEqualTo(MetricRecorder.Unit.Milliseconds);
        assertThat(written.get(new MetricId("OrgApiRemaining", Set.of())).unit())
                .isEqualTo(MetricRecorder.Unit.Percent);
    }
}
