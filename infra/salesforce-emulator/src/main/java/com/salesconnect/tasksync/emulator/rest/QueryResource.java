package com.salesconnect.tasksync.emulator.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.emulator.org.Org;
import com.salesconnect.tasksync.emulator.sobject.ApiRequestException;
import com.salesconnect.tasksync.emulator.sobject.ObjectSchema;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.emulator.sobject.TaskSchema;
import com.salesconnect.tasksync.emulator.soql.QueryEngine;
import com.salesconnect.tasksync.emulator.soql.SoqlParser;
import com.salesconnect.tasksync.emulator.soql.SoqlQuery;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code query} and {@code queryAll}: SOQL on Task and TaskStatus, answered a page at a time. queryAll also
 * returns the rows in the recycle bin. The page size is 2000 unless the configuration or the client's
 * {@code Sforce-Query-Options: batchSize=n} header (200 to 2000) makes it smaller.
 */
final class QueryResource {

    private static final Pattern BATCH_SIZE = Pattern.compile("batchSize\\s*=\\s*(\\d{1,6})");

    private final Clock clock;
    private final QueryCursors cursors;
    private final int pageSize;

    QueryResource(Clock clock, QueryCursors cursors, int pageSize) {
        this.clock = clock;
        this.cursors = cursors;
        this.pageSize = pageSize;
    }

    void handle(RestApi.Call call, String resource, List<String> rest) throws IOException {
        if (rest.size() == 1) {
            call.http().json(200, cursors.nextPage(call.org().id(), rest.get(0), call.version(), resource));
            return;
        }
        if (!rest.isEmpty()) {
            throw RestApi.notFound();
        }
        String soql = call.http().param("q").orElseThrow(() -> new ApiRequestException(400, "MALFORMED_QUERY",
                "A query string has to be specified"));
        SoqlQuery query = SoqlParser.parse(soql);
        boolean all = resource.equals("queryAll");
        Org org = call.org();
        ObjectSchema schema;
        List<SObjectRecord> rows;
        if (query.object().equalsIgnoreCase(TaskSchema.TASK)) {
            schema = org.taskSchema();
            rows = org.tasks().rows(all);
        } else if (query.object().equalsIgnoreCase(TaskSchema.TASK_STATUS)) {
            schema = TaskSchema.taskStatus();
            rows = org.taskStatuses();
        } else if (query.object().equalsIgnoreCase(TaskSchema.USER_PERMISSION_ACCESS)) {
            schema = TaskSchema.userPermissionAccess();
            rows = List.of(TaskSchema.permissionsOf(call.session().user()));
        } else {
            throw new ApiRequestException(400, "INVALID_TYPE", "sObject type '" + query.object()
                    + "' is not supported. If you are attempting to use a custom object, be sure to append the "
                    + "'__c' after the entity name. Please reference your WSDL or the describe call for the "
                    + "appropriate names.");
        }
        QueryEngine.Result result = new QueryEngine(schema, clock.instant()).run(query, rows);
        if (result.countOnly()) {
            call.http().json(200, QueryCursors.page(result.rows().size(), List.of(), null));
            return;
        }
        List<ObjectNode> records = result.rows().stream()
                .map(r -> RecordJson.render(r, result.fields(), call.version())).toList();
        call.http().json(200, cursors.firstPage(org.id(), records, pageSize(call), call.version(), resource));
    }

    private int pageSize(RestApi.Call call) {
        Optional<Integer> requested = call.http().header("Sforce-Query-Options").map(BATCH_SIZE::matcher)
                .filter(Matcher::find).map(m -> Integer.parseInt(m.group(1)));
        int size = requested.map(n -> Math.max(200, Math.min(2000, n))).orElse(2000);
        return Math.min(size, pageSize);
    }
}
