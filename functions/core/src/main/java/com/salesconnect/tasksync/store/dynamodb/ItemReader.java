package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.store.StoreException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one item. A missing required attribute or a malformed value is a {@link StoreException}
 * (a corrupt item must never look like "absent" or like a default).
 */
final class ItemReader {

    private final Map<String, AttributeValue> item;
    private final String what;

    ItemReader(Map<String, AttributeValue> item, String what) {
        this.item = item;
        this.what = what;
    }

    boolean has(String name) {
        return item.containsKey(name);
    }

    String string(String name) {
        String value = optString(name);
        if (value == null) {
            throw malformed(name, "missing");
        }
        return value;
    }

    String optString(String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return null;
        }
        if (value.s() == null) {
            throw malformed(name, "not a string");
        }
        return value.s();
    }

    long number(String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw malformed(name, "missing or not a number");
        }
        try {
            return Long.parseLong(value.n());
        } catch (NumberFormatException e) {
            throw malformed(name, "not an integer");
        }
    }

    int integer(String name) {
        return Math.toIntExact(number(name));
    }

    boolean bool(String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.bool() == null) {
            throw malformed(name, "missing or not a boolean");
        }
        return value.bool();
    }

    Instant instant(String name) {
        Instant value = optInstant(name);
        if (value == null) {
            throw malformed(name, "missing");
        }
        return value;
    }

    Instant optInstant(String name) {
        String text = optString(name);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw malformed(name, "not an ISO-8601 instant");
        }
    }

    LocalDate optDate(String name) {
        String text = optString(name);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw malformed(name, "not an ISO-8601 date");
        }
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        E value = optEnum(name, type);
        if (value == null) {
            throw malformed(name, "missing");
        }
        return value;
    }

    <E extends Enum<E>> E optEnum(String name, Class<E> type) {
        String text = optString(name);
        try {
            return text == null ? null : Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw malformed(name, "not a " + type.getSimpleName());
        }
    }

    /** The TTL attribute {@code expiresAt} (epoch seconds), null when the item has none. */
    Instant ttl() {
        return has("expiresAt") ? Instant.ofEpochSecond(number("expiresAt")) : null;
    }

    ItemReader map(String name) {
        ItemReader value = optMap(name);
        if (value == null) {
            throw malformed(name, "missing");
        }
        return value;
    }

    ItemReader optMap(String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return null;
        }
        if (!value.hasM()) {
            throw malformed(name, "not a map");
        }
        return new ItemReader(value.m(), what + "." + name);
    }

    List<ItemReader> listOfMaps(String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return List.of();
        }
        if (!value.hasL()) {
            throw malformed(name, "not a list");
        }
        return value.l().stream().map(element -> {
            if (!element.hasM()) {
                throw malformed(name, "has an element that is not a map");
            }
            return new ItemReader(element.m(), what + "." + name + "[]");
        }).toList();
    }

    private StoreException malformed(String name, String problem) {
        return new StoreException("malformed " + what + " item: attribute " + name + " " + problem);
    }
}
