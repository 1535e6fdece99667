package com.salesconnect.tasksync.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds an item; a null value leaves the attribute out (DynamoDB items are sparse, no NULL attributes). */
final class ItemBuilder {

    private final Map<String, AttributeValue> item = new HashMap<>();

    static ItemBuilder item() {
        return new ItemBuilder();
    }

    static ItemBuilder keyed(SyncKey key) {
        return new ItemBuilder().string("pk", key.pk()).string("sk", key.sk());
    }

    ItemBuilder string(String name, String value) {
        if (value != null) {
            item.put(name, Values.s(value));
        }
        return this;
    }

    ItemBuilder number(String name, long value) {
        item.put(name, Values.n(value));
        return this;
    }

    ItemBuilder bool(String name, boolean value) {
        item.put(name, Values.bool(value));
        return this;
    }

    ItemBuilder instant(String name, Instant value) {
        if (value != null) {
            item.put(name, Values.instant(value));
        }
        return this;
    }

    ItemBuilder date(String name, LocalDate value) {
        if (value != null) {
            item.put(name, Values.s(value.toString()));
        }
        return this;
    }

    ItemBuilder enumValue(String name, Enum<?> value) {
        if (value != null) {
            item.put(name, Values.s(value.name()));
        }
        return this;
    }

    /** The TTL attribute {@code expiresAt}: epoch seconds. */
    ItemBuilder ttl(Instant expiresAt) {
        if (expiresAt != null) {
            item.put("expiresAt", Values.n(Values.ttlSeconds(expiresAt)));
        }
        return this;
    }

    ItemBuilder map(String name, Map<String, AttributeValue> value) {
        if (value != null) {
            item.put(name, AttributeValue.fromM(value));
        }
        return this;
    }

    ItemBuilder list(String name, List<AttributeValue> value) {
        if (value != null) {
            item.put(name, AttributeValue.fromL(value));
        }
        return this;
    }

    Map<String, AttributeValue> build() {
        return Map.copyOf(item);
    }
}
