package com.salesconnect.tasksync.emulator.soql;

import java.util.List;

/**
 * A parsed SOQL statement: {@code SELECT fields|COUNT() FROM object [WHERE] [ORDER BY] [LIMIT] [OFFSET]}.
 *
 * @param limit  Integer.MAX_VALUE when there is no LIMIT
 * @param offset 0 when there is no OFFSET
 */
public record SoqlQuery(List<String> fields, boolean countOnly, String object, Condition where,
                        List<OrderBy> orderBy, int limit, int offset) {

    public SoqlQuery {
        fields = List.copyOf(fields);
        orderBy = List.copyOf(orderBy);
    }

    public record OrderBy(String field, boolean descending, boolean nullsFirst) {
    }
}
