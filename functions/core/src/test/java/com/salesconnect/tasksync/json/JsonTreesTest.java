package com.salesconnect.tasksync.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JsonTrees reads and writes what a default ObjectMapper reads and writes. */
class JsonTreesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", "[]", "null", "true", "false", "\"text\"", "0", "-7", "2147483647", "2147483648",
            "-9223372036854775808", "9223372036854775808", "123456789012345678901234567890", "1.5", "-0.0", "1e400",
            "1.0000000000000000000001", "6.02e23",
            "{\"totalSize\":2,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Task\",\"url\":\"/x\"},"
                    + "\"Id\":\"00T1\",\"Subject\":\"Call \\u00e9 \\\"Ada\\\"\",\"IsClosed\":false,"
                    + "\"ActivityDate\":null,\"Nested\":{\"a\":[1,2.5,[],{}]}}]}",
            "[{\"message\":\"m\",\"errorCode\":\"E\",\"fields\":[\"Subject\"]}]",
            "{\"a\":1,\"b\":2,\"a\":3}",
            "{\"a\":1} trailing garbage",
            "  {\"spaced\" : [ 1 , 2 ] }  "})
    void readsTheTreesTheMapperReads(String json) throws IOException {
        JsonNode ours = JsonTrees.read(json);
        JsonNode theirs = MAPPER.readTree(json);

        assertThat(ours).isEqualTo(theirs);
        assertThat(ours.getClass()).isEqualTo(theirs.getClass());
        assertThat(JsonTrees.write(ours)).isEqualTo(MAPPER.writeValueAsString(theirs));
        if (ours.isObject() && ours.has("a")) {
            assertThat(ours.properties()).containsExactlyElementsOf(theirs.properties());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void noContentIsAMissingNode(String json) throws IOException {
        assertThat(JsonTrees.read(json).isMissingNode()).isTrue();
        assertThat(MAPPER.readTree(json).isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[1,", "{\"a\"}", "<html>", "{\"a\":tru}", "]", "'x'"})
    void notJsonFailsAsTheMapperFails(String json) {
        assertThatThrownBy(() -> MAPPER.readTree(json)).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> JsonTrees.read(json)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void writesBuiltTreesAsTheMapperWritesThem() throws JsonProcessingException {
        ObjectNode tree = JsonTrees.object();
        tree.putObject("attributes").put("type", "Task");
        tree.put("Subject", "Ünïcode \"quoted\" \\ </script>");
        tree.putNull("WhoId");
        tree.put("IsReminderSet", true);
        tree.put("int", 3).put("long", 5_000_000_000L).put("double", 0.1).put("float", 1.5f)
                .put("decimal", new BigDecimal("1.50")).put("big", new BigInteger("123456789012345678901234567890"));
        tree.putArray("empty");
        tree.putArray("mixed").add(1).addNull().add("x").addObject().put("k", "v");
        tree.set("missing", com.fasterxml.jackson.databind.node.MissingNode.getInstance());

        assertThat(JsonTrees.write(tree)).isEqualTo(MAPPER.writeValueAsString(tree));
        assertThat(JsonTrees.write(JsonTrees.array())).isEqualTo("[]");
    }
}
