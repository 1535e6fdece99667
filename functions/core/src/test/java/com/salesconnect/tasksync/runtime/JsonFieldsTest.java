package com.salesconnect.tasksync.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonFieldsTest {

    @Test
    void aNestedObject_isReadAndSet_onlyWhenPresent() {
        List<String> set = new ArrayList<>();
        Map<String, Object> json = new HashMap<>();
        json.put("http", Map.of("method", "GET"));
        json.put("authorizer", null);

        JsonFields.object(json, "http", http -> JsonFields.text(http, "method"), set::add);
        JsonFields.object(json, "authorizer", authorizer -> "read", set::add);
        JsonFields.object(json, "missing", missing -> "read", set::add);

        assertThat(set).containsExactly("GET");
    }

    @Test
    void aNestedField_ofAnotherType_failsNamingTheField() {
        assertThatThrownBy(() -> JsonFields.object(Map.of("http", "GET"), "http", http -> "read", value -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field http is not an object");
    }
}
