package com.salesconnect.tasksync.emulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.salesconnect.tasksync.emulator.fault.FaultInjector;
import com.salesconnect.tasksync.emulator.fault.FaultKind;
import com.salesconnect.tasksync.emulator.fault.FaultRule;
import com.salesconnect.tasksync.emulator.http.Json;
import com.salesconnect.tasksync.emulator.ids.SalesforceIds;
import com.salesconnect.tasksync.emulator.sobject.ApiRequestException;
import com.salesconnect.tasksync.emulator.sobject.FieldDef;
import com.salesconnect.tasksync.emulator.sobject.ObjectSchema;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.emulator.sobject.TaskSchema;
import com.salesconnect.tasksync.emulator.sobject.WriteOrigin;
import com.salesconnect.tasksync.emulator.sobject.WriteOutcome;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sObject Collections ({@code composite/sobjects}): create, update and delete up to 200 records in one API
 * call, with per-record results in request order, and retrieve by ids. A malformed request (bad JSON, an
 * unknown field, a missing type, too many records) fails as a whole with HTTP 400.
 */
final class CollectionsResource {

    static final int MAX_RECORDS = 200;

    private final FaultInjector faults;

    CollectionsResource(FaultInjector faults) {
        this.faults = faults;
    }

    void handle(RestApi.Call call, List<String> r) throws IOException {
        if (r.size() == 1) {
            if (!r.get(0).equalsIgnoreCase(TaskSchema.TASK)) {
                throw RestApi.notFound();
            }
            RestApi.only(call, "GET", "POST");
            retrieve(call);
            return;
        }
        if (!r.isEmpty()) {
            throw RestApi.notFound();
        }
        RestApi.only(call, "POST", "PATCH", "DELETE");
        switch (call.http().method()) {
            case "POST" -> write(call, false);
            case "PATCH" -> write(call, true);
            default -> delete(call);
        }
    }

    private void write(RestApi.Call call, boolean update) throws IOException {
        JsonNode body = call.http().jsonBody();
        JsonNode records = body.get("records");
        if (!body.isObject() || records == null || !records.isArray()) {
            throw new ApiRequestException(400, "JSON_PARSER_ERROR",
                    "The request body must be an object with a 'records' array");
        }
        if (records.size() > MAX_RECORDS) {
            throw new ApiRequestException(400, "EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call");
        }
        if (records.isEmpty()) {
            throw new ApiRequestException(400, "REQUIRED_FIELD_MISSING", "At least 1 record is required.");
        }
        ObjectSchema schema = call.org().taskSchema();
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (JsonNode record : records) {
            requireTaskType(record);
            inputs.add(RecordJson.fields(record, schema));
        }
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        List<WriteOutcome> outcomes;
        Optional<FaultKind> fault = writeFault(call);
        if (fault.isPresent()) {
            outcomes = refused(fault.get(), inputs.stream().map(i -> idOf(i.get("Id"))).toList());
        } else if (update) {
            outcomes = call.org().tasks().update(inputs, call.session().user().id(), allOrNone, WriteOrigin.API);
        } else {
            outcomes = call.org().tasks().create(inputs, call.session().user().id(), allOrNone, WriteOrigin.API);
        }
        call.http().json(200, RecordJson.saveResults(outcomes));
    }

    private void delete(RestApi.Call call) throws IOException {
        List<String> ids = call.http().param("ids").map(s -> Arrays.stream(s.split(","))
                .map(String::trim).filter(x -> !x.isEmpty()).toList()).orElse(List.of());
        if (ids.isEmpty()) {
            throw new ApiRequestException(400, "REQUIRED_FIELD_MISSING", "At least 1 Id is required.");
        }
        if (ids.size() > MAX_RECORDS) {
            throw new ApiRequestException(400, "EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call");
        }
        boolean allOrNone = call.http().param("allOrNone").map(Boolean::parseBoolean).orElse(false);
        Optional<FaultKind> fault = writeFault(call);
        List<WriteOutcome> outcomes = fault.isPresent()
                ? refused(fault.get(), ids.stream().map(CollectionsResource::idOf).toList())
                : call.org().tasks().delete(ids, call.session().user().id(), allOrNone);
        call.http().json(200, RecordJson.saveResults(outcomes));
    }

    /** {@code GET composite/sobjects/Task?ids=..&fields=..}: the records in order, null where none. */
    private void retrieve(RestApi.Call call) throws IOException {
        List<String> ids;
        List<String> fieldNames;
        if (call.http().method().equals("POST")) {
            JsonNode body = call.http().jsonBody();
            ids = texts(body.path("ids"));
            fieldNames = texts(body.path("fields"));
        } else {
            ids = split(call.http().param("ids"));
            fieldNames = split(call.http().param("fields"));
        }
        if (ids.isEmpty() || fieldNames.isEmpty()) {
            throw new ApiRequestException(400, "REQUIRED_FIELD_MISSING", "Both 'ids' and 'fields' are required.");
        }
        if (ids.size() > 2000) {
            throw new ApiRequestException(400, "EXCEEDED_ID_LIMIT", "Cannot retrieve more than 2000 records");
        }
        ObjectSchema schema = call.org().taskSchema();
        List<FieldDef> fields = new ArrayList<>();
        for (String name : fieldNames) {
            fields.add(schema.field(name).orElseThrow(() -> new ApiRequestException(400, "INVALID_FIELD",
                    "No such column '" + name + "' on entity '" + schema.name() + "'")));
        }
        ArrayNode out = Json.array();
        for (String id : ids) {
            Optional<SObjectRecord> row = call.org().tasks().find(id).filter(x -> !x.isDeleted());
            if (row.isPresent()) {
                out.add(RecordJson.render(row.get(), fields, call.version()));
            } else {
                out.addNull();
            }
        }
        call.http().json(200, out);
    }

    private static void requireTaskType(JsonNode record) {
        JsonNode type = record.path("attributes").path("type");
        if (type.isMissingNode() || type.isNull() || type.asText().isBlank()) {
            throw new ApiRequestException(400, "INVALID_TYPE", "Must send a concrete entity type.");
        }
        if (!type.asText().equalsIgnoreCase(TaskSchema.TASK)) {
            throw new ApiRequestException(400, "INVALID_TYPE", "sObject type '" + type.asText()
                    + "' is not supported by this emulator.");
        }
    }

    /** UNABLE_TO_LOCK_ROW or a validation rule's refusal, when a test asked for one: every record fails with it. */
    private Optional<FaultKind> writeFault(RestApi.Call call) {
        return faults.take(call.http().method(), call.http().path(), RecordJson.WRITE_FAULTS).map(FaultRule::kind);
    }

    private static List<WriteOutcome> refused(FaultKind fault, List<String> ids) {
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (String id : ids) {
            outcomes.add(new WriteOutcome.Failed(id, List.of(RecordJson.faultError(fault, id))));
        }
        return outcomes;
    }

    private static String idOf(Object raw) {
        return raw == null ? null : SalesforceIds.normalize(raw.toString()).orElse(null);
    }

    private static List<String> split(Optional<String> csv) {
        return csv.map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
