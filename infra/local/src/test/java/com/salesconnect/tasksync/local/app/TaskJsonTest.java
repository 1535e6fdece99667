package com.salesconnect.tasksync.local.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.Priority;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void create_readsEveryField() throws Exception {
        TaskFields f = TaskJson.create(json("""
                {"subject": "Call Ada", "notes": "n", "dueDate": "2026-11-25", "priority": "HIGH", "type": "call",
                 "reminderAt": "2026-11-25T09:00:00Z", "status": "COMPLETED"}"""));
        assertThat(f).isEqualTo(new TaskFields("Call Ada", "n", LocalDate.parse("2026-11-25"), true, Priority.HIGH,
                Instant.parse("2026-11-25T09:00:00Z"), TaskType.CALL, null, null));
        assertThat(TaskJson.create(json("{\"subject\": \"x\", \"type\": \"to-do\"}")).type()).isEqualTo(TaskType.TODO);
    }

    @Test
    void patch_changesOnlyTheGivenFields_andNullClears() throws Exception {
        TaskFields before = TaskFields.todo("a").with(TaskFields.Field.NOTES, "keep")
                .with(TaskFields.Field.DUE_DATE, LocalDate.parse("2026-01-01"));
        TaskFields after = TaskJson.patch(json("{\"dueDate\": null, \"status\": \"OPEN\", \"subject\": \"b\"}"))
                .apply(before);
        assertThat(after.subject()).isEqualTo("b");
        assertThat(after.notes()).isEqualTo("keep");
        assertThat(after.dueDate()).isNull();
        assertThat(after.completed()).isFalse();
    }

    @Test
    void badInput_namesTheFieldAndNeverTheValue() {
        assertThatThrownBy(() -> TaskJson.create(json("{\"notes\": \"x\"}"))).hasMessage("subject is required");
        assertThatThrownBy(() -> TaskJson.create(json("[1]"))).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> TaskJson.create(null)).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> TaskJson.patch(json("{\"colour\": \"red\"}"))).hasMessage("unknown field colour");
        assertThatThrownBy(() -> TaskJson.patch(json("{\"dueDate\": \"24.11.2026\"}"))).hasMessageContaining("dueDate");
        assertThatThrownBy(() -> TaskJson.patch(json("{\"priority\": \"urgent\"}"))).hasMessageContaining("priority");
        assertThatThrownBy(() -> TaskJson.patch(json("{\"status\": \"DONE\"}"))).hasMessageContaining("status");
        assertThatThrownBy(() -> TaskJson.patch(json("{\"subject\": null}"))).hasMessageContaining("subject");
        assertThatThrownBy(() -> TaskJson.patch(json("{\"subject\": 7}"))).hasMessage("subject must be a string");
        assertThatThrownBy(() -> TaskJson.patch(json("{\"reminderAt\": \"tomorrow\"}")))
                .hasMessageContaining("reminderAt");
    }

    @Test
    void write_showsStatusDatesAndTheSalesforceId() {
        ScTask task = new ScTask("demo", "t1", TaskFields.todo("x").with(TaskFields.Field.COMPLETED, true),
                Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T11:00:00Z"), 2, Origin.SALES_CONNECT,
                null, null);
        Map<String, Object> json = TaskJson.write(task, "00T000000000001AAA");
        assertThat(json).containsEntry("id", "t1").containsEntry("status", "COMPLETED")
                .containsEntry("priority", "normal").containsEntry("type", "todo")
                .containsEntry("createdAt", "2026-11-24T10:00:00Z").containsEntry("updatedAt", "2026-11-24T11:00:00Z")
                .containsEntry("salesforceId", "00T000000000001AAA").containsEntry("dueDate", null);
    }
}
