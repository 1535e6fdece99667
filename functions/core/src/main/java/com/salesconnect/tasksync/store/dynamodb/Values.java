package com.salesconnect.tasksync.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How values are written to DynamoDB. Instants are ISO-8601 strings of fixed width (always nine fraction
 * digits, UTC) so that string order is time order in sort keys and condition expressions; TTL attributes
 * are epoch seconds (N), the format DynamoDB's TTL reads.
 */
final class Values {

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Values() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    static String instantText(Instant instant) {
        return INSTANT.format(instant);
    }

    static AttributeValue instant(Instant instant) {
        return s(instantText(instant));
    }

    /**
     * TTL in whole epoch seconds, rounded up: an item lives at least until the instant asked for. A record read
     * back carries the rounded value, so stores return what they stored.
     */
    static long ttlSeconds(Instant expiresAt) {
        long seconds = expiresAt.getEpochSecond();
        return expiresAt.getNano() == 0 ? seconds : seconds + 1;
    }

    static Instant ttlInstant(Instant expiresAt) {
        return expiresAt == null ? null : Instant.ofEpochSecond(ttlSeconds(expiresAt));
    }

    /** The {@code :now} of TTL conditions: epoch seconds, so {@code expiresAt <= :now} means expired. */
    static AttributeValue nowSeconds(Instant now) {
        return n(now.getEpochSecond());
    }
}
