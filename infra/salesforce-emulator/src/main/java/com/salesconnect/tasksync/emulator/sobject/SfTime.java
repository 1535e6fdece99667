package com.salesconnect.tasksync.emulator.sobject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Salesforce writes and reads dates and date-times. It keeps date-times to the second (the API always
 * shows {@code .000}); REST writes {@code 2026-11-24T10:00:00.000+0000}, SOAP {@code 2026-11-24T10:00:00.000Z}.
 */
public final class SfTime {

    private static final DateTimeFormatter REST = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SOAP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})");

    private SfTime() {
    }

    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    public static String rest(Instant instant) {
        return REST.format(instant);
    }

    public static String soap(Instant instant) {
        return SOAP.format(instant);
    }

    /**
     * A date-time with an explicit offset: {@code Z}, {@code +00:00} or {@code +0000}, with or without
     * fractional seconds. Truncated to the second, as Salesforce stores it.
     */
    public static Optional<Instant> parseDateTime(String text) {
        if (text == null || !DATE_TIME.matcher(text).matches()) {
            return Optional.empty();
        }
        String iso = text;
        int sign = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
        if (!text.endsWith("Z") && sign > 10 && text.indexOf(':', sign) < 0) {
            iso = text.substring(0, sign + 3) + ":" + text.substring(sign + 3);
        }
        try {
            return Optional.of(truncate(OffsetDateTime.parse(iso).toInstant()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static Optional<LocalDate> parseDate(String text) {
        if (text == null || !DATE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
