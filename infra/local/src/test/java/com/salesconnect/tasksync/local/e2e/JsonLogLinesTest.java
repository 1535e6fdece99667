package com.salesconnect.tasksync.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.runtime.InvocationLog;
import com.salesconnect.tasksync.runtime.LogFields;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The log lines as the local runtime's configuration (the functions' template) writes them. */
class JsonLogLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anExceptionInAnInvocation_isOneJsonLine_withTheInvocationsFieldsAndTheErrorAsAField() throws Exception {
        InvocationLog invocations = new InvocationLog("test-function");
        List<String> lines;
        try (LogCapture capture = LogCapture.start()) {
            try (InvocationLog.Invocation ignored = invocations.begin(null, "req-42");
                 LogFields.Scope task = LogFields.with(LogFields.USER_ID, "u-1", LogFields.TASK_ID, "t-1",
                         LogFields.CHANGE_ID, "sc:t-1:v2")) {
                LoggerFactory.getLogger(JsonLogLinesTest.class).warn("push failed: taskId={}", "t-1",
                        new IllegalStateException("boom", new RuntimeException("cause")));
            }
            LoggerFactory.getLogger(JsonLogLinesTest.class).info("after the invocation");
            lines = capture.lines();
        }

        assertThat(lines).hasSize(2);
        JsonNode failed = JSON.readTree(lines.get(0));
        assertThat(failed.path("level").asText()).isEqualTo("WARN");
        assertThat(failed.path("message").asText()).isEqualTo("push failed: taskId=t-1");
        assertThat(failed.path("function").asText()).isEqualTo("test-function");
        assertThat(failed.path("requestId").asText()).isEqualTo("req-42");
        assertThat(failed.path("coldStart").asText()).isEqualTo("true");
        assertThat(failed.path("userId").asText()).isEqualTo("u-1");
        assertThat(failed.path("taskId").asText()).isEqualTo("t-1");
        assertThat(failed.path("changeId").asText()).isEqualTo("sc:t-1:v2");
        assertThat(failed.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(failed.path("error").path("type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.path("error").path("message").asText()).isEqualTo("boom");
        assertThat(failed.path("error").path("stackTrace").asText()).contains("Caused by", "cause");

        JsonNode after = JSON.readTree(lines.get(1));
        assertThat(after.has("requestId")).as("the invocation's fields are cleared after it").isFalse();
        assertThat(after.has("userId")).isFalse();
        assertThat(after.has("error")).isFalse();
    }
}
