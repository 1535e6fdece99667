package com.salesconnect.tasksync.runtime;

import org.slf4j.MDC;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The structured log fields that come from the MDC (Log4j's ThreadContext); the JSON template
 * {@code tasksync-log.json} writes each as a field of its own. Ids only, never task content or credentials.
 */
public final class LogFields {

    public static final String FUNCTION = "function";
    public static final String REQUEST_ID = "requestId";
    public static final String COLD_START = "coldStart";
    public static final String USER_ID = "userId";
    public static final String TASK_ID = "taskId";
    public static final String SF_ID = "sfId";
    public static final String ORG_ID = "orgId";
    /** Follows one change across functions (README, "Operations"): {@link #scChange} or {@link #sfChange}. */
    public static final String CHANGE_ID = "changeId";

    private LogFields() {
    }

    /** Sets (or, for null, removes) one field for the rest of the invocation. */
    public static void put(String field, String value) {
        if (value == null) {
            MDC.remove(field);
        } else {
            MDC.put(field, value);
        }
    }

    /**
     * The correlation id of a Sales Connect write: the task and the version the write gave it, which the stream
     * record's image carries to task-stream-outbound.
     */
    public static String scChange(String taskId, long version) {
        return "sc:" + taskId + ":v" + version;
    }

    /**
     * The correlation id of a Salesforce change: the record's 18-character id and its SystemModstamp (epoch
     * milliseconds), which an outbound message, a change event's read and a sweep's query all see.
     */
    public static String sfChange(String sfId18, Instant systemModstamp) {
        return "sf:" + sfId18 + ":" + (systemModstamp == null ? "deleted" : systemModstamp.toEpochMilli());
    }

    /** Sets fields (name, value, name, value, ...; null values remove) until the scope closes, which restores them. */
    public static Scope with(String... namesAndValues) {
        Map<String, String> previous = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            previous.putIfAbsent(namesAndValues[i], MDC.get(namesAndValues[i]));
            put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return () -> previous.forEach(LogFields::put);
    }

    /** Restores the fields it set when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
