package com.salesconnect.tasksync.emulator.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.emulator.http.Json;
import com.salesconnect.tasksync.emulator.ids.IdGenerator;
import com.salesconnect.tasksync.emulator.ids.KeyPrefix;
import com.salesconnect.tasksync.emulator.sobject.ApiRequestException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side query cursors: a query's rows are fixed when it runs and handed out a page at a time through
 * {@code nextRecordsUrl} ({@code /services/data/vXX.X/query/01g...-2000}). An unused cursor expires after
 * 15 minutes, as Salesforce's do; using it then is INVALID_QUERY_LOCATOR.
 */
final class QueryCursors {

    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);

    private static final class Cursor {
        private final String orgId;
        private final List<ObjectNode> records;
        private final int pageSize;
        private Instant lastUsed;

        private Cursor(String orgId, List<ObjectNode> records, int pageSize, Instant lastUsed) {
            this.orgId = orgId;
            this.records = records;
            this.pageSize = pageSize;
            this.lastUsed = lastUsed;
        }
    }

    private final Clock clock;
    private final IdGenerator ids;
    private final Map<String, Cursor> cursors = new HashMap<>();

    QueryCursors(Clock clock, IdGenerator ids) {
        this.clock = clock;
        this.ids = ids;
    }

    /** The first page of a result; a cursor is opened when there is more. */
    synchronized ObjectNode firstPage(String orgId, List<ObjectNode> records, int pageSize, String version,
                                      String resource) {
        expire();
        if (records.size() <= pageSize) {
            return page(records.size(), records, null);
        }
        String locator = ids.next(KeyPrefix.QUERY_LOCATOR);
        cursors.put(locator, new Cursor(orgId, List.copyOf(records), pageSize, clock.instant()));
        return page(records.size(), records.subList(0, pageSize), nextUrl(version, resource, locator, pageSize));
    }

    /** The page at {@code locator-offset}. */
    synchronized ObjectNode nextPage(String orgId, String locatorAndOffset, String version, String resource) {
        expire();
        int dash = locatorAndOffset.lastIndexOf('-');
        Cursor cursor = dash < 0 ? null : cursors.get(locatorAndOffset.substring(0, dash));
        int offset = -1;
        if (cursor != null) {
            try {
                offset = Integer.parseInt(locatorAndOffset.substring(dash + 1));
            } catch (NumberFormatException e) {
                offset = -1;
            }
        }
        if (cursor == null || !cursor.orgId.equals(orgId) || offset < 0 || offset >= cursor.records.size()) {
            throw new ApiRequestException(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        String locator = locatorAndOffset.substring(0, dash);
        cursor.lastUsed = clock.instant();
        int end = Math.min(offset + cursor.pageSize, cursor.records.size());
        String next = end < cursor.records.size() ? nextUrl(version, resource, locator, end) : null;
        if (next == null) {
            cursors.remove(locator);
        }
        return page(cursor.records.size(), cursor.records.subList(offset, end), next);
    }

    private void expire() {
        Instant cutoff = clock.instant().minus(IDLE_TIMEOUT);
        cursors.values().removeIf(c -> c.lastUsed.isBefore(cutoff));
    }

    private static String nextUrl(String version, String resource, String locator, int offset) {
        return "/services/data/v" + version + "/" + resource + "/" + locator + "-" + offset;
    }

    /** {@code {"totalSize":..,"done":..,["nextRecordsUrl":..,]"records":[..]}}, in Salesforce's key order. */
    static ObjectNode page(int totalSize, List<ObjectNode> records, String nextRecordsUrl) {
        ObjectNode page = Json.object();
        page.put("totalSize", totalSize);
        page.put("done", nextRecordsUrl == null);
        if (nextRecordsUrl != null) {
            page.put("nextRecordsUrl", nextRecordsUrl);
        }
        ArrayNode array = page.putArray("records");
        records.forEach(array::add);
        return page;
    }
}
