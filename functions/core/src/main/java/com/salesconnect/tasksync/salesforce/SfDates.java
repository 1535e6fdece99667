package com.salesconnect.tasksync.salesforce;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * Salesforce's date and date-time text forms. REST answers date-times as {@code 2011-07-07T00:37:00.000+0000},
 * SOAP as {@code 2011-07-07T00:37:00.000Z}; both are read here, with or without fractions, with any offset.
 * A date ({@code ActivityDate}) has no time zone and is never shifted. Impossible dates (Feb 30) are refused,
 * not rounded.
 */
final class SfDates {

    private static final DateTimeFormatter DATE_TIME_IN = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter DATE_IN = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter DATE_TIME_OUT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter REPLICATION_OUT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);

    private SfDates() {
    }

    /** A date-time that carries an offset ({@code Z}, {@code +0000}, {@code +02:00}). */
    static Instant parseDateTime(String text) {
        try {
            return OffsetDateTime.parse(text.trim(), DATE_TIME_IN).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date-time with an offset");
        }
    }

    /** A calendar date; an xsd:date offset, if any, is ignored rather than applied. */
    static LocalDate parseDate(String text) {
        try {
            return LocalDate.from(DATE_IN.parse(text.trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date");
        }
    }

    /** ISO UTC with milliseconds, e.g. {@code 2024-05-01T09:30:00.000Z}. */
    static String formatDateTime(Instant instant) {
        return DATE_TIME_OUT.format(instant);
    }

    static String formatDate(LocalDate date) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
    }

    /**
     * The {@code start}/{@code end} form of the replication resources. Salesforce ignores seconds there, so the
     * value is truncated to the minute here: what is sent is what is meant.
     */
    static String formatReplication(Instant instant) {
        return REPLICATION_OUT.format(instant.truncatedTo(ChronoUnit.MINUTES));
    }
}
