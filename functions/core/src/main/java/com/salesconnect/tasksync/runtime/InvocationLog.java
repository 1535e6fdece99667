package com.salesconnect.tasksync.runtime;

import com.salesconnect.tasksync.metrics.EmfMetrics;
import com.salesconnect.tasksync.metrics.MetricRecorder;
import com.salesconnect.tasksync.metrics.Metrics;
import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One handler instance's invocations, as the logs and metrics see them. {@link #begin} starts an invocation: the
 * log fields function, requestId and coldStart (true on the instance's first invocation, that is a new execution
 * environment), and an empty metrics recorder; closing it writes the metrics (EMF) and clears every log field, so
 * nothing carries over to the next invocation on the same thread (the local runtime reuses its threads).
 */
public final class InvocationLog {

    private final String defaultName;
    private final EmfMetrics emf;
    private volatile boolean warm;

    public InvocationLog(String defaultName) {
        this(defaultName, new EmfMetrics());
    }

    InvocationLog(String defaultName, EmfMetrics emf) {
        this.defaultName = defaultName;
        this.emf = emf;
    }

    /**
     * @param functionName the deployed function's name (Lambda's context), null for the default
     * @param requestId    Lambda's request id, null when there is none
     */
    public Invocation begin(String functionName, String requestId) {
        boolean cold = !warm;
        warm = true;
        MDC.clear();
        String name = functionName == null || functionName.isBlank() ? defaultName : functionName;
        LogFields.put(LogFields.FUNCTION, name);
        LogFields.put(LogFields.REQUEST_ID, requestId);
        MDC.put(LogFields.COLD_START, Boolean.toString(cold));
        MetricRecorder recorder = new MetricRecorder();
        Metrics.Scope scope = Metrics.install(recorder);
        return new Invocation(name, requestId, cold, recorder, scope);
    }

    /** An invocation in progress. */
    public final class Invocation implements AutoCloseable {
        private final String name;
        private final String requestId;
        private final boolean cold;
        private final MetricRecorder recorder;
        private final Metrics.Scope scope;

        private Invocation(String name, String requestId, boolean cold, MetricRecorder recorder,
                           Metrics.Scope scope) {
            this.name = name;
            this.requestId = requestId;
            this.cold = cold;
            this.recorder = recorder;
            this.scope = scope;
        }

        public MetricRecorder metrics() {
            return recorder;
        }

        @Override
        public void close() {
            try {
                if (!recorder.isEmpty()) {
                    Map<String, String> properties = new LinkedHashMap<>();
                    properties.put(LogFields.FUNCTION, name);
                    properties.put(LogFields.REQUEST_ID, requestId);
                    properties.put(LogFields.COLD_START, Boolean.toString(cold));
                    emf.write(recorder, properties);
                }
            } finally {
                scope.close();
                MDC.clear();
            }
        }
    }
}
