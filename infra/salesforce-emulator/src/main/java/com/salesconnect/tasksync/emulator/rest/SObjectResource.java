package com.salesconnect.tasksync.emulator.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.emulator.fault.FaultInjector;
import com.salesconnect.tasksync.emulator.fault.FaultRule;
import com.salesconnect.tasksync.emulator.http.Json;
import com.salesconnect.tasksync.emulator.ids.SalesforceIds;
import com.salesconnect.tasksync.emulator.org.Org;
import com.salesconnect.tasksync.emulator.sobject.ApiRequestException;
import com.salesconnect.tasksync.emulator.sobject.FieldDef;
import com.salesconnect.tasksync.emulator.sobject.ObjectSchema;
import com.salesconnect.tasksync.emulator.sobject.PicklistValue;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.emulator.sobject.TaskSchema;
import com.salesconnect.tasksync.emulator.sobject.WriteOrigin;
import com.salesconnect.tasksync.emulator.sobject.WriteOutcome;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code sobjects/...}: the object list, describe, and single-record create, retrieve, update and delete. */
final class SObjectResource {

    private final FaultInjector faults;

    SObjectResource(FaultInjector faults) {
        this.faults = faults;
    }

    void handle(RestApi.Call call, List<String> r, ReplicationResource replication) throws IOException {
        if (r.isEmpty()) {
            RestApi.only(call, "GET");
            call.http().json(200, globalDescribe(call));
            return;
        }
        String type = r.get(0);
        if (type.equalsIgnoreCase(TaskSchema.TASK_STATUS)) {
            taskStatus(call, r);
            return;
        }
        if (!type.equalsIgnoreCase(TaskSchema.TASK)) {
            throw RestApi.notFound();
        }
        if (r.size() == 1) {
            RestApi.only(call, "GET", "POST");
            if (call.http().method().equals("POST")) {
                create(call);
            } else {
                call.http().json(200, Json.object().<ObjectNode>set("objectDescribe", objectInfo(call,
                        call.org().taskSchema())).set("recentItems", Json.array()));
            }
            return;
        }
        String second = r.get(1);
        if (r.size() == 2 && second.equals("describe")) {
            RestApi.only(call, "GET");
            call.http().json(200, describe(call, call.org().taskSchema()));
        } else if (r.size() == 2 && second.equals("updated")) {
            RestApi.only(call, "GET");
            replication.updated(call);
        } else if (r.size() == 2 && second.equals("deleted")) {
            RestApi.only(call, "GET");
            replication.deleted(call);
        } else if (r.size() == 2) {
            record(call, second);
        } else {
            throw RestApi.notFound();
        }
    }

    private void create(RestApi.Call call) throws IOException {
        Map<String, Object> fields = RecordJson.fields(call.http().jsonBody(), call.org().taskSchema());
        if (lockFault(call, null)) {
            return;
        }
        WriteOutcome outcome = call.org().tasks().create(List.of(fields), call.session().user().id(), true,
                WriteOrigin.API).get(0);
        if (outcome instanceof WriteOutcome.Failed failed) {
            call.http().json(400, RecordJson.restErrors(failed.errors()));
            return;
        }
        call.http().json(201, Json.object().put("id", outcome.id()).put("success", true)
                .<ObjectNode>set("errors", Json.array()));
    }

    private void record(RestApi.Call call, String rawId) throws IOException {
        RestApi.only(call, "GET", "PATCH", "DELETE");
        Org org = call.org();
        switch (call.http().method()) {
            case "GET" -> {
                Optional<SObjectRecord> row = org.tasks().find(rawId);
                if (row.isEmpty() && org.tasks().wasPurged(rawId) || row.isPresent() && row.get().isDeleted()) {
                    throw new ApiRequestException(404, "ENTITY_IS_DELETED", "entity is deleted");
                }
                if (row.isEmpty()) {
                    throw new ApiRequestException(404, "NOT_FOUND",
                            "Provided external ID field does not exist or is not accessible: " + rawId);
                }
                call.http().json(200, RecordJson.render(row.get(), selected(call, org.taskSchema()),
                        call.version()));
            }
            case "PATCH" -> {
                Map<String, Object> fields = new java.util.LinkedHashMap<>(
                        RecordJson.fields(call.http().jsonBody(), org.taskSchema()));
                if (fields.containsKey("Id")) {
                    throw new ApiRequestException(400, "INVALID_FIELD_FOR_INSERT_UPDATE",
                            "Unable to create/update fields: Id. Please check the security settings of this field "
                                    + "and verify that it is read/write for your profile or permission set.",
                            List.of("Id"));
                }
                if (lockFault(call, rawId)) {
                    return;
                }
                fields.put("Id", rawId);
                answer(call, org.tasks().update(List.of(fields), call.session().user().id(), true,
                        WriteOrigin.API).get(0));
            }
            default -> {
                if (lockFault(call, rawId)) {
                    return;
                }
                answer(call, org.tasks().delete(List.of(rawId), call.session().user().id(), true).get(0));
            }
        }
    }

    private static void answer(RestApi.Call call, WriteOutcome outcome) throws IOException {
        if (outcome instanceof WriteOutcome.Failed failed) {
            boolean gone = failed.errors().stream().anyMatch(e -> e.statusCode().equals("ENTITY_IS_DELETED"));
            boolean malformed = failed.errors().stream().anyMatch(e -> e.statusCode().equals("MALFORMED_ID"));
            if (malformed) {
                throw RestApi.notFound();
            }
            call.http().json(gone ? 404 : 400, RecordJson.restErrors(failed.errors()));
            return;
        }
        call.http().noContent();
    }

    /** UNABLE_TO_LOCK_ROW or a validation rule's refusal, when a test asked for one: HTTP 400 and nothing written. */
    private boolean lockFault(RestApi.Call call, String rawId) throws IOException {
        Optional<FaultRule> fault = faults.take(call.http().method(), call.http().path(), RecordJson.WRITE_FAULTS);
        if (fault.isEmpty()) {
            return false;
        }
        String id = rawId == null ? "" : SalesforceIds.normalize(rawId).orElse(rawId);
        call.http().json(400, RecordJson.restErrors(List.of(RecordJson.faultError(fault.get().kind(), id))));
        return true;
    }

    private void taskStatus(RestApi.Call call, List<String> r) throws IOException {
        RestApi.only(call, "GET");
        ObjectSchema schema = TaskSchema.taskStatus();
        if (r.size() == 1) {
            call.http().json(200, Json.object().<ObjectNode>set("objectDescribe", objectInfo(call, schema))
                    .set("recentItems", Json.array()));
        } else if (r.size() == 2 && r.get(1).equals("describe")) {
            call.http().json(200, describe(call, schema));
        } else if (r.size() == 2) {
            Optional<String> id = SalesforceIds.normalize(r.get(1));
            SObjectRecord row = call.org().taskStatuses().stream().filter(s -> id.map(s.id()::equals).orElse(false))
                    .findFirst().orElseThrow(RestApi::notFound);
            call.http().json(200, RecordJson.render(row, selected(call, schema), call.version()));
        } else {
            throw RestApi.notFound();
        }
    }

    /** The fields of {@code ?fields=a,b} (all fields without it). */
    private static List<FieldDef> selected(RestApi.Call call, ObjectSchema schema) {
        Optional<String> param = call.http().param("fields");
        if (param.isEmpty() || param.get().isBlank()) {
            return schema.fields();
        }
        List<FieldDef> fields = new ArrayList<>();
        for (String name : param.get().split(",")) {
            fields.add(schema.field(name.trim()).orElseThrow(() -> new ApiRequestException(400, "INVALID_FIELD",
                    "No such column '" + name.trim() + "' on entity '" + schema.name() + "'")));
        }
        return fields;
    }

    private static ObjectNode globalDescribe(RestApi.Call call) {
        ObjectNode json = Json.object().put("encoding", "UTF-8").put("maxBatchSize", 200);
        ArrayNode list = json.putArray("sobjects");
        list.add(objectInfo(call, call.org().taskSchema()));
        list.add(objectInfo(call, TaskSchema.taskStatus()));
        return json;
    }

    private static ObjectNode objectInfo(RestApi.Call call, ObjectSchema schema) {
        boolean task = schema.name().equals(TaskSchema.TASK);
        String base = "/services/data/v" + call.version() + "/sobjects/" + schema.name();
        ObjectNode info = Json.object().put("name", schema.name()).put("label", schema.name())
                .put("keyPrefix", schema.keyPrefix()).put("createable", task).put("updateable", task)
                .put("deletable", task).put("queryable", true).put("replicateable", task).put("custom", false);
        info.putObject("urls").put("sobject", base).put("describe", base + "/describe")
                .put("rowTemplate", base + "/{ID}");
        return info;
    }

    private static ObjectNode describe(RestApi.Call call, ObjectSchema schema) {
        ObjectNode json = objectInfo(call, schema);
        ArrayNode fields = json.putArray("fields");
        for (FieldDef f : schema.fields()) {
            ObjectNode field = fields.addObject().put("name", f.name()).put("label", f.label())
                    .put("type", f.type().describeName()).put("length", f.length())
                    .put("createable", f.createable()).put("updateable", f.updateable())
                    .put("nillable", f.nillable()).put("filterable", f.filterable()).put("sortable", f.sortable())
                    .put("restrictedPicklist", f.restricted())
                    .put("defaultedOnCreate", !f.nillable() && (f.createable() || f.auditField()));
            ArrayNode values = field.putArray("picklistValues");
            for (PicklistValue v : f.picklist()) {
                values.addObject().put("active", true).put("defaultValue", v.isDefault()).put("label", v.label())
                        .put("value", v.value());
            }
            ArrayNode referenceTo = field.putArray("referenceTo");
            if (f.referencePrefixes().contains("005")) {
                referenceTo.add("User");
            }
        }
        return json;
    }
}
