package com.salesconnect.tasksync.emulator.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.emulator.http.Json;
import com.salesconnect.tasksync.emulator.sobject.ApiRequestException;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.emulator.sobject.SfTime;
import com.salesconnect.tasksync.emulator.sobject.TaskTable;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code sobjects/Task/updated} and {@code sobjects/Task/deleted} (data replication) with Salesforce's rules:
 * times are rounded down to the minute, the window must be longer than a minute, getUpdated looks back at
 * most 30 days and getDeleted no further than {@code earliestDateAvailable} (the recycle bin's 15 days).
 * Coverage stops at the current minute: {@code latestDateCovered} is the end, or now when the end is later.
 */
final class ReplicationResource {

    private static final Duration UPDATED_LOOKBACK = Duration.ofDays(30);
    private static final Duration MINIMUM_WINDOW = Duration.ofMinutes(1);

    private record Window(Instant start, Instant end, Instant covered) {
    }

    private final Clock clock;

    ReplicationResource(Clock clock) {
        this.clock = clock;
    }

    void updated(RestApi.Call call) throws IOException {
        Window w = window(call);
        if (w.start().isBefore(minute(clock.instant()).minus(UPDATED_LOOKBACK))) {
            throw replicationDate("startDate cannot be more than 30 days ago");
        }
        List<String> ids = call.org().tasks().updatedIds(w.start(), w.covered());
        ObjectNode json = Json.object();
        ArrayNode array = json.putArray("ids");
        ids.forEach(array::add);
        json.put("latestDateCovered", SfTime.rest(w.covered()));
        call.http().json(200, json);
    }

    void deleted(RestApi.Call call) throws IOException {
        Window w = window(call);
        TaskTable tasks = call.org().tasks();
        Instant earliest = minute(tasks.earliestDeletionAvailable());
        if (w.start().isBefore(earliest)) {
            throw replicationDate("startDate is earlier than the earliest date available ("
                    + SfTime.rest(earliest) + ")");
        }
        ObjectNode json = Json.object();
        ArrayNode deleted = json.putArray("deletedRecords");
        for (SObjectRecord r : tasks.deletedBetween(w.start(), w.covered())) {
            deleted.addObject().put("id", r.id()).put("deletedDate", SfTime.rest(r.instant("SystemModstamp")));
        }
        json.put("earliestDateAvailable", SfTime.rest(earliest));
        json.put("latestDateCovered", SfTime.rest(w.covered()));
        call.http().json(200, json);
    }

    private Window window(RestApi.Call call) {
        Instant start = minute(time(call, "start"));
        Instant end = minute(time(call, "end"));
        // Seconds are ignored, then the start must precede the end by more than one minute.
        if (!end.isAfter(start.plus(MINIMUM_WINDOW))) {
            throw replicationDate("startDate must chronologically precede endDate by more than one minute");
        }
        Instant now = minute(clock.instant());
        Instant covered = end.isAfter(now) ? now : end;
        return new Window(start, end, covered.isBefore(start) ? start : covered);
    }

    private static Instant time(RestApi.Call call, String param) {
        String text = call.http().param(param).orElseThrow(() -> new ApiRequestException(400, "MISSING_ARGUMENT",
                "Required parameter '" + param + "' is missing"));
        return SfTime.parseDateTime(text).orElseThrow(() -> replicationDate("Unable to parse '" + param
                + "' as a date-time (use ISO 8601 with an offset, URL-encoded): " + text));
    }

    private static Instant minute(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES);
    }

    private static ApiRequestException replicationDate(String message) {
        return new ApiRequestException(400, "INVALID_REPLICATION_DATE", message);
    }
}
