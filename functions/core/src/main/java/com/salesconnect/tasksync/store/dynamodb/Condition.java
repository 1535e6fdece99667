package com.salesconnect.tasksync.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** A condition expression with its placeholders; {@link #NONE} for an unconditional write. */
record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {

    static final Condition NONE = new Condition(null, Map.of(), Map.of());

    Condition {
        names = Map.copyOf(names);
        values = Map.copyOf(values);
    }

    static Condition of(String expression, Map<String, AttributeValue> values) {
        return new Condition(expression, Map.of(), values);
    }

    Condition withNames(Map<String, String> attributeNames) {
        return new Condition(expression, attributeNames, values);
    }

    boolean present() {
        return expression != null;
    }
}
