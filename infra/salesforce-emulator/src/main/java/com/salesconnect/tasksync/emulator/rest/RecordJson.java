package com.salesconnect.tasksync.emulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.emulator.fault.FaultKind;
import com.salesconnect.tasksync.emulator.http.Json;
import com.salesconnect.tasksync.emulator.sobject.RecordInput;
import com.salesconnect.tasksync.emulator.sobject.FieldCodec;
import com.salesconnect.tasksync.emulator.sobject.FieldDef;
import com.salesconnect.tasksync.emulator.sobject.ObjectSchema;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.emulator.sobject.SaveError;
import com.salesconnect.tasksync.emulator.sobject.WriteOutcome;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Records between the REST API's JSON and the emulator's typed values. */
final class RecordJson {

    /** The faults a test can ask a write to fail with (see {@link #faultError}). */
    static final Set<FaultKind> WRITE_FAULTS = Set.of(FaultKind.UNABLE_TO_LOCK_ROW, FaultKind.VALIDATION_RULE);

    /** The message of the validation rule {@link FaultKind#VALIDATION_RULE} stands for. */
    static final String VALIDATION_RULE_MESSAGE = "Tasks of this org need a Due Date within the next 90 days";

    private RecordJson() {
    }

    /** The error one record of a write gets for a {@link #WRITE_FAULTS} fault ({@code id} may be null). */
    static SaveError faultError(FaultKind fault, String id) {
        return fault == FaultKind.VALIDATION_RULE
                ? SaveError.of("FIELD_CUSTOM_VALIDATION_EXCEPTION", VALIDATION_RULE_MESSAGE)
                : SaveError.of("UNABLE_TO_LOCK_ROW",
                        "unable to obtain exclusive access to this record or 1 records: " + (id == null ? "" : id));
    }

    /** The fields of a record body, typed (see {@link RecordInput}). */
    static Map<String, Object> fields(JsonNode record, ObjectSchema schema) {
        return RecordInput.fromJson(record, schema);
    }

    /** A record as query and retrieve answer it: {@code attributes} first, then the fields in order. */
    static ObjectNode render(SObjectRecord record, List<FieldDef> fields, String version) {
        ObjectNode json = Json.object();
        json.putObject("attributes").put("type", record.type())
                .put("url", "/services/data/v" + version + "/sobjects/" + record.type() + "/" + record.id());
        for (FieldDef f : fields) {
            json.set(f.name(), FieldCodec.toJson(record.get(f.name())));
        }
        return json;
    }

    /** sObject Collections results: {@code [{"id":..,"success":true,"errors":[]}, ...]}, errors with statusCode. */
    static ArrayNode saveResults(List<WriteOutcome> outcomes) {
        ArrayNode results = Json.array();
        for (WriteOutcome outcome : outcomes) {
            ObjectNode r = results.addObject();
            if (outcome.id() != null) {
                r.put("id", outcome.id());
            }
            ArrayNode errors;
            if (outcome instanceof WriteOutcome.Failed failed) {
                r.put("success", false);
                errors = r.putArray("errors");
                for (SaveError e : failed.errors()) {
                    ObjectNode err = errors.addObject().put("statusCode", e.statusCode()).put("message", e.message());
                    ArrayNode fields = err.putArray("fields");
                    e.fields().forEach(fields::add);
                }
            } else {
                r.put("success", true);
                r.putArray("errors");
            }
        }
        return results;
    }

    /** A single-record call's errors: {@code [{"message":..,"errorCode":..,"fields":[..]}]}. */
    static ArrayNode restErrors(List<SaveError> errors) {
        ArrayNode body = Json.array();
        for (SaveError e : errors) {
            ObjectNode err = body.addObject().put("message", e.message()).put("errorCode", e.statusCode());
            ArrayNode fields = err.putArray("fields");
            e.fields().forEach(fields::add);
        }
        return body;
    }
}
