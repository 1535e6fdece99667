package com.salesconnect.tasksync.emulator.sobject;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record body as typed values by canonical API name. An unknown field or a value of the wrong shape fails
 * the whole request, as Salesforce's deserializer does (INVALID_FIELD, JSON_PARSER_ERROR).
 */
public final class RecordInput {

    private RecordInput() {
    }

    public static Map<String, Object> fromJson(JsonNode record, ObjectSchema schema) {
        if (record == null || !record.isObject()) {
            throw new ApiRequestException(400, "JSON_PARSER_ERROR", "Expected a JSON object for an sObject");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : record.properties()) {
            if (!e.getKey().equals("attributes")) {
                FieldDef field = field(schema, e.getKey());
                out.put(field.name(), FieldCodec.fromJson(field, e.getValue()));
            }
        }
        return out;
    }

    public static Map<String, Object> fromJava(Map<String, ?> record, ObjectSchema schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        record.forEach((name, value) -> {
            FieldDef field = field(schema, name);
            out.put(field.name(), FieldCodec.fromJava(field, value));
        });
        return out;
    }

    private static FieldDef field(ObjectSchema schema, String name) {
        return schema.field(name).orElseThrow(() -> new ApiRequestException(400, "INVALID_FIELD",
                "No such column '" + name + "' on sobject of type " + schema.name()));
    }
}
