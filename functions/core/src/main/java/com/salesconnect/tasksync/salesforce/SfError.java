package com.salesconnect.tasksync.salesforce;

import java.util.List;

/** One error of a Salesforce response: {@code statusCode} (e.g. ENTITY_IS_DELETED), message, fields. */
public record SfError(String statusCode, String message, List<String> fields) {

    public SfError {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
